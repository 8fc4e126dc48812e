import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CHANNELS, MESSAGE_STATUSES } from '@phongdich/core';
import { LoadError, Loading, Page, SelectField } from '../../components/ui.js';
import { api, query } from '../../lib/api.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { useMessagingText } from './text.js';

interface OutboxItem {
  id: string;
  channel: string;
  recipientMasked: string;
  template: string;
  status: string;
  attempts: number;
  createdAt: number;
  nextAttemptAt: number | null;
  providerAnswer: string | null;
}

interface Outbox {
  items: OutboxItem[];
  channels: Array<{ channel: string; provider: string; perSecond: number }>;
}

/**
 * Messages the platform sent or is about to send, with masked recipients, the provider's answer and
 * retries: where an operator looks when someone says "I never got the code".
 */
export function OutboxPage() {
  const { t } = useTranslation();
  const { text } = useMessagingText();
  const [status, setStatus] = useState('');
  const [channel, setChannel] = useState('');
  const outbox = useQuery({ queryKey: ['outbox', status, channel], queryFn: () => api<Outbox>('GET', `/api/v1/outbox${query({ limit: 200, status, channel })}`), refetchInterval: 5000 });
  if (outbox.isPending) return <Loading />;
  if (outbox.isError) return <LoadError error={outbox.error} onRetry={() => void outbox.refetch()} />;
  return (
    <Page title={t('outbox.title')}>
      <h2>{text.outboxProviders}</h2>
      <ul>
        {outbox.data.channels.map((c) => (
          <li key={c.channel}>{text.outboxProvider(text.channels[c.channel as 'sms'] ?? c.channel, c.provider, formatNumber(c.perSecond))}</li>
        ))}
      </ul>
      <div className="filters">
        <SelectField label={t('outbox.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{text.outboxAllStatuses}</option>
          {MESSAGE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {text.messageStatuses[s]}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('outbox.channel')} value={channel} onChange={(e) => setChannel(e.target.value)}>
          <option value="">{text.outboxAllChannels}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {text.channels[c]}
            </option>
          ))}
        </SelectField>
      </div>
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
                <th scope="col" className="num">{text.outboxAttempts}</th>
                <th scope="col">{text.outboxAnswer}</th>
              </tr>
            </thead>
            <tbody>
              {outbox.data.items.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{text.channels[m.channel as 'sms'] ?? m.channel}</td>
                  <td className="code">{m.recipientMasked}</td>
                  <td className="code">{m.template}</td>
                  <td>
                    {text.messageStatuses[m.status] ?? m.status}
                    {m.nextAttemptAt && m.attempts > 0 ? ` (${text.outboxNext(formatDateTime(m.nextAttemptAt))})` : ''}
                  </td>
                  <td className="num">{m.attempts}</td>
                  <td className="code">{m.providerAnswer ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
