import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Visit } from '@phongdich/core';
import { ConfirmDialog } from '../../components/confirm.js';
import { Button, LoadError, Loading, Page } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';

const DAYS = 21;

/** The citizen's own visits (21 days), each deletable, or all at once. */
export function DiaryPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState<Visit | 'all' | null>(null);
  const visits = useQuery({ queryKey: ['visits', 'mine'], queryFn: () => api<{ items: Visit[] }>('GET', `/api/v1/visits/mine?days=${DAYS}`) });
  const remove = useMutation({
    mutationFn: (target: Visit | 'all') => api('DELETE', target === 'all' ? '/api/v1/visits/mine' : `/api/v1/visits/mine/${target.id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['visits'] }),
  });
  if (visits.isPending) return <Loading />;
  if (visits.isError) return <LoadError error={visits.error} onRetry={() => void visits.refetch()} />;
  const items = visits.data.items;
  return (
    <Page title={t('diary.title')}>
      <p className="lead">{t('diary.intro', { days: DAYS })}</p>
      {items.length === 0 && <p className="empty">{t('diary.empty')}</p>}
      <ul className="list-cards" data-testid="diary">
        {items.map((visit) => (
          <li key={visit.id}>
            <strong>{visit.placeName}</strong>
            <p className="muted">
              {visit.pointLabel && `${visit.pointLabel} · `}
              {visit.communeName}
            </p>
            <p>
              {formatDateTime(visit.checkedInAt)} → {visit.checkedOutAt ? formatDateTime(visit.checkedOutAt) : t('diary.inside')}
              {visit.checkoutMethod === 'auto' && <span className="muted"> ({t('diary.autoOut')})</span>}
            </p>
            <Button variant="link" onClick={() => setConfirming(visit)}>
              {t('diary.delete')}
            </Button>
          </li>
        ))}
      </ul>
      {items.length > 0 && (
        <Button variant="danger" onClick={() => setConfirming('all')}>
          {t('diary.deleteAll')}
        </Button>
      )}
      {confirming && (
        <ConfirmDialog
          danger
          message={confirming === 'all' ? t('diary.confirmDeleteAll', { n: items.length }) : t('diary.confirmDelete', { place: confirming.placeName })}
          confirmLabel={t('diary.delete')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            remove.mutate(confirming);
            setConfirming(null);
          }}
        />
      )}
    </Page>
  );
}
