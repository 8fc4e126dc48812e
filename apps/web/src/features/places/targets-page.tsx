import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SECTOR, PLACE_TYPES, targetInputSchema, type PlaceType, type Target, type Unit } from '@phongdich/core';
import { UnitPicker } from '../../components/unit-picker.js';
import { Alert, Button, LoadError, Loading, Page, SelectField, TextField, TableHead } from '../../components/ui.js';
import { api, query } from '../../lib/api.js';
import { formatNumber } from '../../lib/format.js';
import { useFormErrors, validate } from '../../lib/forms.js';

type TargetList = { items: Target[]; total: number; registered: number; missing: number };

/** The commune's list of places that must register, each shown as registered or missing. */
export function TargetsPage({ within }: { within: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const q = params.get('q') ?? '';
  const [adding, setAdding] = useState(false);
  const targets = useQuery({
    queryKey: ['targets', status, q],
    queryFn: () => api<TargetList>('GET', `/api/v1/targets${query({ status, q, limit: 500 })}`),
    placeholderData: (previous) => previous,
  });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <Page
      title={t('targets.title')}
      actions={
        <div className="row-actions">
          <Button onClick={() => setAdding(true)}>{t('targets.add')}</Button>
          <Link className="btn btn-secondary" to="/places/import">
            {t('places.import')}
          </Link>
          <a className="btn btn-secondary" href={`/api/v1/targets/export.xlsx${query({ status, q })}`}>
            {t('places.exportXlsx')}
          </a>
        </div>
      }
    >
      <p className="lead">{t('targets.intro')}</p>
      {adding && <AddTarget within={within} onDone={() => setAdding(false)} />}
      <div className="filters" role="search">
        <TextField label={t('app.search')} type="search" value={q} onChange={(e) => set('q', e.target.value)} />
        <SelectField label={t('places.status')} value={status} onChange={(e) => set('status', e.target.value)}>
          <option value="">{t('targets.all')}</option>
          <option value="missing">{t('targets.missing')}</option>
          <option value="registered">{t('targets.registered')}</option>
        </SelectField>
      </div>
      {targets.isPending && <Loading />}
      {targets.isError && <LoadError error={targets.error} onRetry={() => void targets.refetch()} />}
      {targets.data && (
        <>
          <p className="lead" data-testid="targets-summary">
            {t('targets.summary', { registered: formatNumber(targets.data.registered), total: formatNumber(targets.data.registered + targets.data.missing), missing: formatNumber(targets.data.missing) })}
          </p>
          <div className="table-wrap">
            <table className="data-table" data-testid="targets-table">
              <TableHead columns={[t('places.name'), t('places.type'), t('places.commune'), t('places.status'), t('targets.matchedPlace')]} />
              <tbody>
                {targets.data.items.map((target) => (
                  <tr key={target.id}>
                    <td>
                      <span>{target.name}</span>
                      {target.streetAddress && <div className="muted">{target.streetAddress}</div>}
                    </td>
                    <td>{t(`placeTypes.${target.type}`)}</td>
                    <td>{target.communeName}</td>
                    <td>
                      <span className={`badge ${target.status === 'registered' ? 'badge-active' : 'badge-pending'}`}>{t(`targets.${target.status}`)}</span>
                    </td>
                    <td>{target.placeId ? <Link to={`/places/${target.placeId}`}>{target.placeName}</Link> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}

function AddTarget({ within, onDone }: { within: string; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [type, setType] = useState<PlaceType>('market');
  const [street, setStreet] = useState('');
  const [commune, setCommune] = useState<Unit | null>(null);
  const errors = useFormErrors();
  const add = useMutation({
    mutationFn: (body: unknown) => api('POST', '/api/v1/targets', body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['targets'] });
      onDone();
    },
    onError: (error) => errors.fromError(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(targetInputSchema, { name, type, sector: DEFAULT_SECTOR[type], communeCode: commune?.code ?? '', streetAddress: street || undefined });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    add.mutate(checked.data);
  }
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('targets.add')}>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      <div className="grid-2">
        <TextField label={t('places.name')} value={name} onChange={(e) => setName(e.target.value)} error={errors.fieldErrors.name} />
        <SelectField label={t('places.type')} value={type} onChange={(e) => setType(e.target.value as PlaceType)}>
          {PLACE_TYPES.map((p) => (
            <option key={p} value={p}>
              {t(`placeTypes.${p}`)}
            </option>
          ))}
        </SelectField>
        <UnitPicker label={t('places.commune')} within={within} tier="commune" value={commune} onChange={setCommune} error={errors.fieldErrors.communeCode} />
        <TextField label={t('places.street')} value={street} onChange={(e) => setStreet(e.target.value)} error={errors.fieldErrors.streetAddress} />
      </div>
      <div className="form-actions">
        <Button type="submit" disabled={add.isPending}>
          {t('app.save')}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t('app.cancel')}
        </Button>
      </div>
    </form>
  );
}
