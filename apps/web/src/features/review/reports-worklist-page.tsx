import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm.js';
import { Button, LoadError, Loading, Page, SelectField } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';

interface Report {
  id: string;
  kind: string;
  description: string;
  hasPhoto: boolean;
  location: { lat: number; lon: number } | null;
  communeName: string;
  status: 'open' | 'forwarded' | 'closed';
  resolution: string | null;
  createdAt: number;
}

/** Citizens' reports in the area: forwarded to health officials or closed, each with a reason. */
export function ReportsWorklistPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState<'open' | 'forwarded' | 'closed'>('open');
  const [acting, setActing] = useState<{ report: Report; action: 'forward' | 'close' } | null>(null);
  const reports = useQuery({ queryKey: ['reports', status], queryFn: () => api<{ items: Report[] }>('GET', `/api/v1/reports?status=${status}`) });
  const act = useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: string; reason: string }) => api('POST', `/api/v1/reports/${id}`, { action, reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports'] }),
  });
  return (
    <Page title={t('review.reportsTitle')}>
      <SelectField label={t('places.status')} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
        {(['open', 'forwarded', 'closed'] as const).map((s) => (
          <option key={s} value={s}>
            {t(`review.reportStatuses.${s}`)}
          </option>
        ))}
      </SelectField>
      {reports.isPending && <Loading />}
      {reports.isError && <LoadError error={reports.error} />}
      {reports.data?.items.length === 0 && <p className="empty">{t('review.noReports')}</p>}
      <ul className="list-cards" data-testid="reports">
        {reports.data?.items.map((r) => (
          <li key={r.id}>
            <strong>{t(`review.reportKinds.${r.kind}`)}</strong> · {r.communeName} · {formatDateTime(r.createdAt)}
            <p>{r.description}</p>
            {r.hasPhoto && (
              <a href={`/api/v1/reports/${r.id}/photo`} target="_blank" rel="noreferrer">
                {t('review.photo')}
              </a>
            )}
            {r.resolution && <p className="muted">{r.resolution}</p>}
            {r.status === 'open' && (
              <div className="row-actions">
                <Button onClick={() => setActing({ report: r, action: 'forward' })}>{t('review.forward')}</Button>
                <Button variant="secondary" onClick={() => setActing({ report: r, action: 'close' })}>
                  {t('review.close')}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {acting && (
        <ConfirmDialog
          message={t(acting.action === 'forward' ? 'review.confirmForward' : 'review.confirmClose')}
          confirmLabel={t(acting.action === 'forward' ? 'review.forward' : 'review.close')}
          reasonLabel={t('review.reason')}
          onCancel={() => setActing(null)}
          onConfirm={(reason) => {
            if (reason) act.mutate({ id: acting.report.id, action: acting.action, reason });
            setActing(null);
          }}
        />
      )}
    </Page>
  );
}
