import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { monitoringInputSchema, type Unit } from '@phongdich/core';
import { UnitPicker } from '../../components/unit-picker.js';
import { Alert, Button, LoadError, Loading, Page, TextField } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { useFormErrors, validate } from '../../lib/forms.js';

interface Monitored {
  id: string;
  displayName: string;
  reason: string;
  endDate: string;
  communeName: string;
  updatedToday: boolean;
  lastUpdateAt: number | null;
}

/** People under daily monitoring in the area: who has and has not sent today's update. */
export function MonitoringPage({ within, canManage }: { within: string; canManage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['monitoring'], queryFn: () => api<{ items: Monitored[] }>('GET', '/api/v1/monitoring') });
  const end = useMutation({ mutationFn: (id: string) => api('DELETE', `/api/v1/monitoring/${id}`), onSuccess: () => client.invalidateQueries({ queryKey: ['monitoring'] }) });
  const items = [...(list.data?.items ?? [])].sort((a, b) => Number(a.updatedToday) - Number(b.updatedToday));
  return (
    <Page title={t('review.monitoringTitle')}>
      <p className="lead">{t('review.monitoringHelp')}</p>
      {canManage && <StartMonitoring within={within} />}
      {list.isPending && <Loading />}
      {list.isError && <LoadError error={list.error} />}
      {list.data && items.length === 0 && <p className="empty">{t('review.noMonitoring')}</p>}
      <ul className="list-cards" data-testid="monitoring">
        {items.map((m) => (
          <li key={m.id}>
            <strong>{m.displayName}</strong> · {m.communeName}{' '}
            <span className={`badge ${m.updatedToday ? 'badge-active' : 'badge-pending'}`}>{m.updatedToday ? t('review.updatedToday') : t('review.notUpdated')}</span>
            <p className="muted">
              {m.reason} · {t('review.until')} {m.endDate.split('-').reverse().join('/')}
              {m.lastUpdateAt && ` · ${formatDateTime(m.lastUpdateAt)}`}
            </p>
            {canManage && (
              <Button variant="link" onClick={() => end.mutate(m.id)}>
                {t('review.endMonitoring')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}

function StartMonitoring({ within }: { within: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [phone, setPhone] = useState('');
  const [days, setDays] = useState('14');
  const [reason, setReason] = useState('');
  const [commune, setCommune] = useState<Unit | null>(null);
  const errors = useFormErrors();
  const start = useMutation({
    mutationFn: (body: unknown) => api('POST', '/api/v1/monitoring', body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['monitoring'] });
      setPhone('');
      setReason('');
    },
    onError: (error) => errors.fromError(error),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(monitoringInputSchema, { phone, days: Number(days), reason, communeCode: commune?.code ?? '' });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    start.mutate(checked.data);
  }
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('review.startMonitoring')}>
      <h2>{t('review.startMonitoring')}</h2>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      <div className="grid-2">
        <TextField label={t('review.phone')} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} error={errors.fieldErrors.phone} />
        <TextField label={t('review.days')} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} error={errors.fieldErrors.days} />
        <TextField label={t('review.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fieldErrors.reason} />
        <UnitPicker label={t('review.commune')} within={within} tier="commune" value={commune} onChange={setCommune} error={errors.fieldErrors.communeCode} />
      </div>
      <Button type="submit" disabled={start.isPending}>
        {t('review.startMonitoring')}
      </Button>
    </form>
  );
}
