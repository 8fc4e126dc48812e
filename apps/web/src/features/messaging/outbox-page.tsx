import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, LoadError, Loading, Page } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';

interface OutboxItem {
  id: string;
  channel: string;
  recipientMasked: string;
  template: string;
  status: string;
  createdAt: number;
}

/** Messages the platform sent or is about to send, with masked recipients. */
export function OutboxPage() {
  const { t } = useTranslation();
  const outbox = useQuery({ queryKey: ['outbox'], queryFn: () => api<{ items: OutboxItem[] }>('GET', '/api/v1/outbox?limit=200'), refetchInterval: 5000 });
  if (outbox.isPending) return <Loading />;
  if (outbox.isError) return <LoadError error={outbox.error} onRetry={() => void outbox.refetch()} />;
  return (
    <Page title={t('outbox.title')}>
      <Alert kind="info">{t('outbox.intro')}</Alert>
      {outbox.data.items.length === 0 ? (
        <p className="empty">{t('outbox.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('outbox.created')}</th>
                <th scope="col">{t('outbox.channel')}</th>
                <th scope="col">{t('outbox.recipient')}</th>
                <th scope="col">{t('outbox.template')}</th>
                <th scope="col">{t('outbox.status')}</th>
              </tr>
            </thead>
            <tbody>
              {outbox.data.items.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{m.channel}</td>
                  <td className="code">{m.recipientMasked}</td>
                  <td className="code">{m.template}</td>
                  <td>{m.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
