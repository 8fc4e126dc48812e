import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { pointInputSchema, staffInputSchema, type PlaceDetail, type PlaceStatus, type Point } from '@phongdich/core';
import { ConfirmDialog } from '../../components/confirm.js';
import { Alert, Button, LoadError, Loading, Page, TextField } from '../../components/ui.js';
import { formatDateTime } from '../../lib/format.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { placesApi } from './places-api.js';
import { OccupancySection } from './occupancy-section.js';
import { StatusBadge } from './status-badge.js';

/** One place: its facts, its QR points with printing, its staff, and (for officials) approval. */
export function PlacePage({ placeId }: { placeId: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const place = useQuery({ queryKey: ['place', placeId], queryFn: () => placesApi.get(placeId) });
  if (place.isPending) return <Loading />;
  if (place.isError) return <LoadError error={place.error} onRetry={() => void place.refetch()} />;
  const p = place.data;
  const manages = p.myRole === 'owner' || p.myRole === 'official' || p.myRole === 'admin';
  return (
    <Page title={p.name} actions={<StatusBadge status={p.status} />}>
      {(location.state as { registered?: boolean } | null)?.registered && p.status === 'pending' && <Alert kind="success">{t('places.pendingNotice')}</Alert>}
      {p.statusReason && <Alert kind="warning">{`${t('places.reason')}: ${p.statusReason}`}</Alert>}
      <dl className="facts">
        <dt>{t('places.type')}</dt>
        <dd>{t(`placeTypes.${p.type}`)}</dd>
        <dt>{t('places.sector')}</dt>
        <dd>{t(`sectors.${p.sector}`)}</dd>
        <dt>{t('places.street')}</dt>
        <dd>{[p.streetAddress, ...[...p.unitPath].reverse().map((u) => u.name)].join(', ')}</dd>
        <dt>{t('places.contactName')}</dt>
        <dd>
          {p.contactName} · {p.contactPhone.replace(/^\+84/, '0')}
        </dd>
        {p.capacity !== null && (
          <>
            <dt>{t('places.capacity')}</dt>
            <dd>{p.capacity}</dd>
          </>
        )}
        {p.openingHours && (
          <>
            <dt>{t('places.openingHours')}</dt>
            <dd>{p.openingHours}</dd>
          </>
        )}
        <dt>{t('places.registeredAt')}</dt>
        <dd>
          {formatDateTime(p.createdAt)} · {t(`places.channel.${p.registrationChannel}`)}
        </dd>
        {p.myRole && (
          <>
            <dt>{t('account.role')}</dt>
            <dd>{t(`places.role.${p.myRole}`)}</dd>
          </>
        )}
      </dl>
      {p.myRole && (
        <p>
          <Link to={`/places/${encodeURIComponent(p.id)}/assessment`}>{t('places.selfAssessment')}</Link>
        </p>
      )}
      {(p.myRole === 'official' || p.myRole === 'admin') && <StatusActions place={p} />}
      {p.status === 'active' && p.myRole && <OccupancySection placeId={p.id} staffLink={p.myRole === 'owner' || p.myRole === 'staff'} />}
      {manages && <PointsSection place={p} />}
      {manages && <StaffSection placeId={p.id} />}
    </Page>
  );
}

function StatusActions({ place }: { place: PlaceDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [asking, setAsking] = useState<PlaceStatus | null>(null);
  const change = useMutation({
    mutationFn: ({ status, reason }: { status: PlaceStatus; reason: string }) => placesApi.setStatus(place.id, status, reason || undefined),
    onSuccess: (updated) => {
      client.setQueryData(['place', place.id], updated);
      void client.invalidateQueries({ queryKey: ['places'] });
    },
  });
  const next: Array<{ status: PlaceStatus; label: string }> =
    place.status === 'pending'
      ? [
          { status: 'active', label: t('places.approve') },
          { status: 'suspended', label: t('places.suspend') },
        ]
      : place.status === 'active'
        ? [{ status: 'suspended', label: t('places.suspend') }]
        : [{ status: 'active', label: t('places.reopen') }];
  return (
    <div className="card">
      {change.isError && <Alert kind="error">{change.error.message}</Alert>}
      <div className="row-actions">
        {next.map((n) => (
          <Button key={n.status} variant={n.status === 'suspended' ? 'danger' : 'primary'} onClick={() => setAsking(n.status)}>
            {n.label}
          </Button>
        ))}
      </div>
      {asking && (
        <ConfirmDialog
          message={t('places.confirmStatus', { name: place.name, status: t(`places.statuses.${asking}`) })}
          confirmLabel={next.find((n) => n.status === asking)?.label ?? ''}
          reasonLabel={asking === 'suspended' ? t('places.reason') : undefined}
          danger={asking === 'suspended'}
          onCancel={() => setAsking(null)}
          onConfirm={(reason) => {
            change.mutate({ status: asking, reason });
            setAsking(null);
          }}
        />
      )}
    </div>
  );
}

function PointsSection({ place }: { place: PlaceDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [label, setLabel] = useState('');
  const [confirming, setConfirming] = useState<{ point: Point; action: 'revoke' | 'reissue' } | null>(null);
  const errors = useFormErrors();
  const refresh = () => client.invalidateQueries({ queryKey: ['place', place.id] });
  const add = useMutation({ mutationFn: (text: string) => placesApi.addPoint(place.id, text), onSuccess: () => (setLabel(''), refresh()), onError: (error) => errors.fromError(error) });
  const act = useMutation({
    mutationFn: ({ point, action }: { point: Point; action: 'revoke' | 'reissue' }) => (action === 'revoke' ? placesApi.revokePoint(point.id) : placesApi.reissuePoint(point.id)),
    onSuccess: refresh,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(pointInputSchema, { label });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    add.mutate(checked.data.label);
  }

  return (
    <section className="card" aria-labelledby="points-title">
      <h2 id="points-title">{t('places.pointsTitle')}</h2>
      <p className="field-help">{t('places.pointsHelp')}</p>
      {place.status === 'active' && place.points.some((p) => p.status === 'active') && (
        <p>
          <a className="btn btn-primary" href={`/api/v1/places/${place.id}/posters.pdf`} target="_blank" rel="noreferrer">
            {t('places.printAll')}
          </a>
        </p>
      )}
      {act.isError && <Alert kind="error">{act.error.message}</Alert>}
      <ul className="list-cards" data-testid="points">
        {place.points.map((point) => (
          <li key={point.id}>
            <strong>{point.label}</strong> {point.status === 'revoked' && <span className="badge badge-revoked">{t('places.revoked')}</span>}
            <p className="muted">
              {t('places.shortCode')}: <span className="code">{`${point.shortCode.slice(0, 4)}-${point.shortCode.slice(4)}`}</span>
            </p>
            <div className="row-actions">
              {point.status === 'active' && place.status === 'active' && (
                <a className="btn btn-secondary" href={`/api/v1/points/${point.id}/poster.pdf`} target="_blank" rel="noreferrer">
                  {t('places.print')}
                </a>
              )}
              {point.status === 'active' && (
                <Button variant="link" onClick={() => setConfirming({ point, action: 'revoke' })}>
                  {t('places.revoke')}
                </Button>
              )}
              <Button variant="link" onClick={() => setConfirming({ point, action: 'reissue' })}>
                {t('places.reissue')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate className="row-actions">
        <TextField label={t('places.pointLabel')} value={label} onChange={(e) => setLabel(e.target.value)} error={errors.fieldErrors.label ?? errors.formError ?? undefined} />
        <Button type="submit" variant="secondary" disabled={add.isPending}>
          {t('places.addPoint')}
        </Button>
      </form>
      {confirming && (
        <ConfirmDialog
          message={t(confirming.action === 'revoke' ? 'places.confirmRevoke' : 'places.confirmReissue', { label: confirming.point.label })}
          confirmLabel={t(confirming.action === 'revoke' ? 'places.revoke' : 'places.reissue')}
          danger={confirming.action === 'revoke'}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            act.mutate(confirming);
            setConfirming(null);
          }}
        />
      )}
    </section>
  );
}

function StaffSection({ placeId }: { placeId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const members = useQuery({ queryKey: ['place', placeId, 'members'], queryFn: () => placesApi.members(placeId) });
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const errors = useFormErrors();
  const update = (data: { items: unknown[] }) => client.setQueryData(['place', placeId, 'members'], data);
  const add = useMutation({
    mutationFn: (body: unknown) => placesApi.addMember(placeId, body),
    onSuccess: (data) => {
      update(data);
      setPhone('');
      setName('');
    },
    onError: (error) => errors.fromError(error),
  });
  const remove = useMutation({ mutationFn: (userId: string) => placesApi.removeMember(placeId, userId), onSuccess: update, onError: (error) => errors.fromError(error) });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(staffInputSchema, { phone, name: name || undefined });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    add.mutate(checked.data);
  }

  return (
    <section className="card" aria-labelledby="staff-title">
      <h2 id="staff-title">{t('places.staffTitle')}</h2>
      <p className="field-help">{t('places.staffHelp')}</p>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      {members.isPending && <Loading />}
      {members.data && (
        <ul className="list-cards" data-testid="members">
          {members.data.items.map((m) => (
            <li key={m.userId} className="row-actions">
              <span>
                <strong>{m.displayName}</strong> {m.phoneMasked && <span className="muted code">{m.phoneMasked}</span>} · {t(`places.role.${m.role}`)}
              </span>
              <Button variant="link" onClick={() => remove.mutate(m.userId)}>
                {t('places.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate className="grid-2">
        <TextField label={t('login.phone')} type="tel" inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} error={errors.fieldErrors.phone} />
        <TextField label={t('places.staffName')} value={name} onChange={(e) => setName(e.target.value)} error={errors.fieldErrors.name} />
        <Button type="submit" variant="secondary" disabled={add.isPending}>
          {t('places.addStaff')}
        </Button>
      </form>
    </section>
  );
}
