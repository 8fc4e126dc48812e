import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm.js';
import { LoadError, Loading, Page, SelectField, Button } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';

interface Flag {
  id: string;
  declarationId: string;
  reasons: string[];
  fullName: string;
  phone: string | null;
  communeName: string;
  status: 'open' | 'handled';
  note: string | null;
  createdAt: number;
  handledAt: number | null;
}

/** The worklist of declarations with risk signs, handled one by one with a note of what was done. */
export function FlagsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState<'open' | 'handled'>('open');
  const [handling, setHandling] = useState<Flag | null>(null);
  const flags = useQuery({ queryKey: ['flags', status], queryFn: () => api<{ items: Flag[] }>('GET', `/api/v1/declaration-flags?status=${status}`) });
  const handle = useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) => api('POST', `/api/v1/declaration-flags/${id}/handle`, { note }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['flags'] }),
  });
  return (
    <Page title={t('review.flagsTitle')}>
      <p className="lead">{t('review.flagsHelp')}</p>
      <SelectField label={t('places.status')} value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'handled')}>
        <option value="open">{t('review.openFlags')}</option>
        <option value="handled">{t('review.handledFlags')}</option>
      </SelectField>
      {flags.isPending && <Loading />}
      {flags.isError && <LoadError error={flags.error} />}
      {flags.data?.items.length === 0 && <p className="empty">{t('review.noFlags')}</p>}
      <ul className="list-cards" data-testid="flags">
        {flags.data?.items.map((flag) => (
          <li key={flag.id}>
            <strong>{flag.fullName}</strong> <span className="code">{flag.phone?.replace(/^\+84/, '0')}</span>
            <p>
              {flag.reasons.map((r) => t(`review.reasons.${r}`)).join(', ')} · {flag.communeName} · {formatDateTime(flag.createdAt)}
            </p>
            {flag.note && <p className="muted">{flag.note}</p>}
            {flag.status === 'open' && <Button onClick={() => setHandling(flag)}>{t('review.handle')}</Button>}
          </li>
        ))}
      </ul>
      {handling && (
        <ConfirmDialog
          message={handling.fullName}
          confirmLabel={t('review.handle')}
          reasonLabel={t('review.handleNote')}
          onCancel={() => setHandling(null)}
          onConfirm={(note) => {
            if (note) handle.mutate({ id: handling.id, note });
            setHandling(null);
          }}
        />
      )}
    </Page>
  );
}
