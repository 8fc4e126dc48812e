import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { CampaignSummary } from '@phongdich/core';
import { Alert, LoadError, Loading, Page, TableHead } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { useMessagingText } from './text.js';

/** The campaigns of the official's area, with where each stands and what it delivered. */
export function CampaignsPage() {
  const { text } = useMessagingText();
  const campaigns = useQuery({ queryKey: ['campaigns'], queryFn: () => api<{ items: CampaignSummary[] }>('GET', '/api/v1/campaigns'), refetchInterval: 10_000 });
  if (campaigns.isPending) return <Loading />;
  if (campaigns.isError) return <LoadError error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  return (
    <Page
      title={text.campaignsTitle}
      actions={
        <Link className="btn btn-primary" to="/campaigns/new">
          {text.newCampaign}
        </Link>
      }
    >
      <Alert kind="info">{text.campaignsIntro}</Alert>
      {campaigns.data.items.length === 0 ? (
        <p className="empty">{text.noCampaigns}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <TableHead columns={[text.name, text.audience, text.status, text.nextRun, text.runs, text.recipients, text.sent, text.delivered, text.failed]} numbers={5} />
            <tbody>
              {campaigns.data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/campaigns/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>
                    {text.audienceKinds[c.audience.kind]}
                    {c.audience.unitName ? `: ${c.audience.unitName}` : ''}
                  </td>
                  <td>{text.statuses[c.status]}</td>
                  <td>{c.nextRunAt ? formatDateTime(c.nextRunAt) : '—'}</td>
                  <td className="num">{text.runsOf(c.runsDone, c.runCount)}</td>
                  <td className="num">{formatNumber(c.totals.recipients)}</td>
                  <td className="num">{formatNumber(c.totals.sent + c.totals.delivered)}</td>
                  <td className="num">{formatNumber(c.totals.delivered)}</td>
                  <td className="num">{formatNumber(c.totals.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
