import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignDetail } from '@phongdich/core';
import { ConfirmDialog } from '../../components/confirm.js';
import { Alert, Button, LoadError, Loading, Page, TableHead } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { useMessagingText } from './text.js';

/** One campaign: its message, schedule, delivery figures per run (refreshed as receipts come), and its controls. */
export function CampaignPage({ campaignId }: { campaignId: string }) {
  const { text } = useMessagingText();
  const client = useQueryClient();
  const [cancelling, setCancelling] = useState(false);
  const key = ['campaigns', campaignId];
  const campaign = useQuery({ queryKey: key, queryFn: () => api<CampaignDetail>('GET', `/api/v1/campaigns/${encodeURIComponent(campaignId)}`), refetchInterval: 5000 });
  const change = useMutation({
    mutationFn: (action: 'pause' | 'resume' | 'cancel') => api<CampaignDetail>('POST', `/api/v1/campaigns/${encodeURIComponent(campaignId)}/${action}`, {}),
    onSuccess: (detail) => {
      client.setQueryData(key, detail);
      void client.invalidateQueries({ queryKey: ['campaigns'], exact: true });
    },
  });
  if (campaign.isPending) return <Loading />;
  if (campaign.isError) return <LoadError error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  const open = c.status !== 'completed' && c.status !== 'cancelled';
  const figures: Array<[string, number]> = [
    [text.recipients, c.totals.recipients],
    [text.queued, c.totals.queued],
    [text.sent, c.totals.sent + c.totals.delivered],
    [text.delivered, c.totals.delivered],
    [text.failed, c.totals.failed],
    [text.optedOut, c.totals.skippedOptOut],
    [text.noAddress, c.totals.skippedNoAddress],
  ];
  return (
    <Page
      title={c.name}
      actions={
        <Link className="btn btn-secondary" to="/campaigns">
          {text.back}
        </Link>
      }
    >
      {change.isError && <Alert kind="error">{change.error.message}</Alert>}
      <dl className="facts">
        <dt>{text.status}</dt>
        <dd data-testid="campaign-status">{text.statuses[c.status]}</dd>
        <dt>{text.channel}</dt>
        <dd>{text.channels[c.channel]}</dd>
        <dt>{text.audience}</dt>
        <dd>
          {text.audienceKinds[c.audience.kind]}
          {c.audience.unitName ? `: ${c.audience.unitName}` : ''}
        </dd>
        <dt>{text.runs}</dt>
        <dd>{text.runsOf(c.runsDone, c.runCount)}</dd>
        <dt>{text.nextRun}</dt>
        <dd>{c.nextRunAt ? formatDateTime(c.nextRunAt) : '—'}</dd>
      </dl>
      <h2>{text.figures}</h2>
      <dl className="figures" data-testid="campaign-figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className="num">{formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
      {c.runs.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <TableHead columns={[text.runNumber, text.scheduledAt, text.recipients, text.queued, text.sent, text.delivered, text.failed]} numbers={5} />
            <tbody>
              {c.runs.map((r) => (
                <tr key={r.id}>
                  <td>{r.number}</td>
                  <td>{formatDateTime(r.scheduledAt)}</td>
                  <td className="num">{formatNumber(r.recipients)}</td>
                  <td className="num">{formatNumber(r.queued)}</td>
                  <td className="num">{formatNumber(r.sent + r.delivered)}</td>
                  <td className="num">{formatNumber(r.delivered)}</td>
                  <td className="num">{formatNumber(r.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{text.message}</h2>
      <blockquote lang="vi">{c.template.vi}</blockquote>
      <blockquote lang="en">{c.template.en}</blockquote>
      {open && (
        <div className="form-actions">
          {c.status === 'paused' ? (
            <Button variant="secondary" onClick={() => change.mutate('resume')}>
              {text.resume}
            </Button>
          ) : (
            <Button variant="secondary" onClick={() => change.mutate('pause')}>
              {text.pause}
            </Button>
          )}
          <Button variant="danger" onClick={() => setCancelling(true)}>
            {text.cancel}
          </Button>
        </div>
      )}
      {cancelling && (
        <ConfirmDialog
          danger
          message={text.confirmCancel}
          confirmLabel={text.cancel}
          onConfirm={() => {
            setCancelling(false);
            change.mutate('cancel');
          }}
          onCancel={() => setCancelling(false)}
        />
      )}
    </Page>
  );
}
