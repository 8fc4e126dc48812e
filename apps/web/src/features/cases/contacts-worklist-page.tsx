import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CONTACT_STATUSES, type Contact } from '@phongdich/core';
import { ConfirmDialog } from '../../components/confirm.js';
import { Alert, Button, LoadError, Loading, Page, SelectField, TableHead } from '../../components/ui.js';
import { formatNumber } from '../../lib/format.js';
import { casesApi, keys, type WorklistContact, type WorklistFilters } from './cases-api.js';
import { displayPhone, formatLocalDate, formatWindow, vietnamDate } from './cases-format.js';
import { ContactStatusBadge } from './cases-ui.js';
import { FollowupDialog, QuarantineDialog } from './followup-dialogs.js';
import { useCasesText } from './text.js';

const PAGE_SIZE = 50;

type Open = { kind: 'followup'; contact: WorklistContact; today: string } | { kind: 'quarantine' | 'lost'; contact: WorklistContact };

/** The commune's daily follow-up of contacts: call, record, set quarantine, mark who cannot be found. */
export function ContactsWorklistPage() {
  const { text } = useCasesText();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<Open | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const filters: WorklistFilters = { status: params.get('status') || undefined, notReached: params.get('notReached') === 'true' || undefined };
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useQuery({
    queryKey: keys.worklist(filters, page),
    queryFn: () => casesApi.worklist(filters, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    placeholderData: (previous) => previous,
  });
  const markLost = useMutation({
    mutationFn: (contact: WorklistContact) => casesApi.updateContact(contact.id, { status: 'lost' }),
    onSuccess: (_, contact) => {
      void client.invalidateQueries({ queryKey: keys.worklistAll });
      void client.invalidateQueries({ queryKey: keys.cases });
      setDone(text.lostMarked(contact.displayName));
    },
  });
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };
  const goToPage = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(n));
    setParams(next);
  };
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  const closeWith = (message: string) => {
    setOpen(null);
    setDone(message);
  };

  return (
    <Page title={text.worklistTitle}>
      <p className="lead">{text.worklistHelp}</p>
      <div className="filters" role="group" aria-label={text.worklistFilters}>
        <SelectField label={text.statusFilter} value={filters.status ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
          <option value="">{text.allStatuses}</option>
          {CONTACT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {text.contactStatuses[s]}
            </option>
          ))}
        </SelectField>
        <label className="check cases-check">
          <input type="checkbox" checked={filters.notReached === true} onChange={(e) => setFilter('notReached', e.target.checked ? 'true' : '')} />
          {text.notReachedOnly}
        </label>
      </div>
      <div aria-live="polite">
        {done && <Alert kind="success">{done}</Alert>}
        {markLost.isError && <Alert kind="error">{markLost.error.message}</Alert>}
      </div>
      {list.isPending && <Loading />}
      {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <p className="muted">{text.worklistTotal(formatNumber(list.data.total))}</p>
          {list.data.items.length === 0 ? (
            <p className="empty">{text.noWorklist}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table cases-table" data-testid="contacts-worklist">
                <caption className="visually-hidden">{text.worklistTitle}</caption>
                <TableHead columns={[text.colContact, text.colCase, text.colExposure, text.colQuarantineEnd, text.colLastFollowup, text.colActions]} />
                <tbody>
                  {list.data.items.map((c) => (
                    <tr key={c.id}>
                      <td data-label={text.colContact}>
                        <strong>{c.displayName}</strong>
                        <div className="code">{c.phone ? <a href={`tel:${c.phone}`} aria-label={`${text.callLabel(c.displayName)}: ${displayPhone(c.phone)}`}>{displayPhone(c.phone)}</a> : text.none}</div>
                        <div className="muted">{c.communeName}</div>
                        <ContactStatusBadge value={c.status} />
                      </td>
                      <td data-label={text.colCase}>
                        <Link to={`/cases/${encodeURIComponent(c.caseId)}`} className="code">
                          {c.caseCode}
                        </Link>
                        <div>{text.generation(c.generation)}</div>
                      </td>
                      <td data-label={text.colExposure}>
                        {c.placeName && <div>{c.placeName}</div>}
                        <div>{formatWindow(c.windowStart, c.windowEnd)}</div>
                        <div className="muted">{c.sources.map((s) => text.sources[s] ?? s).join(', ')}</div>
                      </td>
                      <td data-label={text.colQuarantineEnd}>
                        {formatLocalDate(c.quarantineEnd)}
                        {c.team && <div className="muted">{c.team}</div>}
                      </td>
                      <td data-label={text.colLastFollowup}>
                        <LastFollowup value={c.lastFollowup} />
                      </td>
                      <td data-label={text.colActions}>
                        <div className="worklist-actions">
                          <Button aria-label={text.recordFollowupFor(c.displayName)} onClick={() => setOpen({ kind: 'followup', contact: c, today: vietnamDate(Date.now()) })}>
                            {text.recordFollowup}
                          </Button>
                          <Button variant="secondary" aria-label={text.setQuarantineFor(c.displayName)} onClick={() => setOpen({ kind: 'quarantine', contact: c })}>
                            {text.setQuarantine}
                          </Button>
                          {c.status !== 'lost' && c.status !== 'became_case' && (
                            <Button variant="link" aria-label={text.markLostFor(c.displayName)} onClick={() => setOpen({ kind: 'lost', contact: c })}>
                              {text.markLost}
                            </Button>
                          )}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <nav className="pager" aria-label={text.page(page, pages)}>
              <Button variant="secondary" disabled={page <= 1} onClick={() => goToPage(page - 1)}>
                {text.previousPage}
              </Button>
              <span>{text.page(page, pages)}</span>
              <Button variant="secondary" disabled={page >= pages} onClick={() => goToPage(page + 1)}>
                {text.nextPage}
              </Button>
            </nav>
          )}
        </>
      )}
      {open?.kind === 'followup' && (
        <FollowupDialog contact={open.contact} today={open.today} onClose={() => setOpen(null)} onSaved={() => closeWith(text.followupSaved(open.contact.displayName))} />
      )}
      {open?.kind === 'quarantine' && <QuarantineDialog contact={open.contact} onClose={() => setOpen(null)} onSaved={() => closeWith(text.saved)} />}
      {open?.kind === 'lost' && (
        <ConfirmDialog
          message={text.confirmLost(open.contact.displayName)}
          confirmLabel={text.markLost}
          danger
          onCancel={() => setOpen(null)}
          onConfirm={() => {
            markLost.mutate(open.contact);
            setOpen(null);
          }}
        />
      )}
    </Page>
  );
}

function LastFollowup({ value }: { value: Contact['lastFollowup'] }) {
  const { text } = useCasesText();
  if (!value) return <span className="muted">{text.notFollowedYet}</span>;
  return (
    <>
      <div>{formatLocalDate(value.date)}</div>
      <span className={`case-badge followup-${value.status}`}>{text.followupStatuses[value.status]}</span>
    </>
  );
}
