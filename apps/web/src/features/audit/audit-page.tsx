import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@phongdich/core';
import { Button, LoadError, Loading, Page, TableHead } from '../../components/ui.js';
import { api, query } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';

const PAGE = 100;

/** The administrator's view of who did what, including every read of personal data. */
export function AuditPage() {
  const { t } = useTranslation();
  const entries = useInfiniteQuery({
    queryKey: ['audit'],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => api<{ items: AuditEntry[] }>('GET', `/api/v1/audit${query({ limit: PAGE, before: pageParam })}`),
    getNextPageParam: (last) => (last.items.length === PAGE ? last.items[last.items.length - 1]?.at : undefined),
  });
  if (entries.isPending) return <Loading />;
  if (entries.isError) return <LoadError error={entries.error} onRetry={() => void entries.refetch()} />;
  const rows = entries.data.pages.flatMap((p) => p.items);
  return (
    <Page title={t('audit.title')}>
      {rows.length === 0 ? (
        <p className="empty">{t('audit.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <TableHead columns={[t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.subject'), t('audit.unit')]} />
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at)}</td>
                  <td className="code">
                    {e.actorRole ? t(`roles.${e.actorRole}`, { defaultValue: e.actorRole }) : '—'} <span className="muted">{e.actorId?.slice(-8)}</span>
                  </td>
                  <td className="code">{e.action}</td>
                  <td className="code">{e.subjectType ? `${e.subjectType} ${e.subjectId?.slice(-8) ?? ''}` : '—'}</td>
                  <td className="code">{e.unitCode ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {entries.hasNextPage && (
        <Button variant="secondary" onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
          {t('audit.more')}
        </Button>
      )}
    </Page>
  );
}
