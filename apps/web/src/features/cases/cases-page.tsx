import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { CASE_CLASSIFICATIONS, CASE_OUTCOMES } from '@phongdich/core';
import { Button, LoadError, Loading, Page, SelectField, TextField } from '../../components/ui.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { casesApi, exportCasesHref, keys, type CaseFilters } from './cases-api.js';
import { displayPhone, formatLocalDate } from './cases-format.js';
import { ClassificationBadge, OutcomeBadge } from './cases-ui.js';
import { IndicatorsStrip } from './indicators-strip.js';
import { RegisterCaseForm } from './register-case-form.js';
import { useCasesText } from './text.js';

const PAGE_SIZE = 50;

/**
 * Officials' list of cases. Filters and page live in the address so a reload, a link or the back
 * button keeps them; the export takes the same filters.
 */
export function CasesPage() {
  const { text } = useCasesText();
  const navigate = useNavigate();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const [registering, setRegistering] = useState(false);
  const filters: CaseFilters = {
    q: params.get('q') || undefined,
    classification: params.get('classification') || undefined,
    outcome: params.get('outcome') || undefined,
  };
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const cases = useQuery({
    queryKey: keys.list(filters, page),
    queryFn: () => casesApi.list(filters, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    placeholderData: (previous) => previous,
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
  const pages = Math.max(1, Math.ceil((cases.data?.total ?? 0) / PAGE_SIZE));

  return (
    <Page
      title={text.casesTitle}
      actions={
        <div className="row-actions">
          {me && (
            <Button aria-expanded={registering} aria-controls="register-case" onClick={() => setRegistering(!registering)}>
              {text.registerCase}
            </Button>
          )}
          <a className="btn btn-secondary" href={exportCasesHref(filters)} download>
            {text.exportCases}
          </a>
          <Link className="btn btn-secondary" to="/cases/clusters">
            {text.clustersLink}
          </Link>
          <Link className="btn btn-secondary" to="/contacts">
            {text.worklistLink}
          </Link>
        </div>
      }
    >
      <div id="register-case">
        {registering && me && (
          <RegisterCaseForm homeUnitCode={me.homeUnitCode} onCreated={(created) => void navigate(`/cases/${encodeURIComponent(created.id)}`)} />
        )}
      </div>
      <IndicatorsStrip />
      <h2>{text.filtersLabel}</h2>
      <div className="filters">
        <SearchBox key={filters.q ?? ''} initial={filters.q ?? ''} onSearch={(q) => setFilter('q', q)} />
        <SelectField label={text.classification} value={filters.classification ?? ''} onChange={(e) => setFilter('classification', e.target.value)}>
          <option value="">{text.allClassifications}</option>
          {CASE_CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {text.classifications[c]}
            </option>
          ))}
        </SelectField>
        <SelectField label={text.outcome} value={filters.outcome ?? ''} onChange={(e) => setFilter('outcome', e.target.value)}>
          <option value="">{text.allOutcomes}</option>
          {CASE_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {text.outcomes[o]}
            </option>
          ))}
        </SelectField>
      </div>
      {cases.isPending && <Loading />}
      {cases.isError && <LoadError error={cases.error} onRetry={() => void cases.refetch()} />}
      {cases.data && (
        <>
          <p className="muted" aria-live="polite">
            {text.casesTotal(formatNumber(cases.data.total))}
          </p>
          {cases.data.items.length === 0 ? (
            <p className="empty">{text.noCases}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table cases-table" data-testid="cases-table">
                <caption className="visually-hidden">{text.casesTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{text.caseCode}</th>
                    <th scope="col">{text.fullName}</th>
                    <th scope="col">{text.commune}</th>
                    <th scope="col">{text.classification}</th>
                    <th scope="col">{text.outcome}</th>
                    <th scope="col">{text.onsetDate}</th>
                    <th scope="col" className="number">
                      {text.contactCount}
                    </th>
                    <th scope="col">{text.registeredAt}</th>
                  </tr>
                </thead>
                <tbody>
                  {cases.data.items.map((c) => (
                    <tr key={c.id}>
                      <td data-label={text.caseCode}>
                        <Link to={`/cases/${encodeURIComponent(c.id)}`} className="code">
                          {c.code}
                        </Link>
                      </td>
                      <td data-label={text.fullName}>
                        {c.fullName}
                        <div className="muted code">{displayPhone(c.phone)}</div>
                      </td>
                      <td data-label={text.commune}>{c.communeName}</td>
                      <td data-label={text.classification}>
                        <ClassificationBadge value={c.classification} />
                      </td>
                      <td data-label={text.outcome}>
                        <OutcomeBadge value={c.outcome} />
                      </td>
                      <td data-label={text.onsetDate}>{formatLocalDate(c.onsetDate)}</td>
                      <td data-label={text.contactCount} className="number">
                        {formatNumber(c.contactCount)}
                      </td>
                      <td data-label={text.registeredAt}>{formatDateTime(c.createdAt)}</td>
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
    </Page>
  );
}

/** Case code or phone: looked up on Enter or the button, not on every key (the server matches exactly). */
function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const { text } = useCasesText();
  const [q, setQ] = useState(initial);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(q.trim());
  }
  return (
    <form role="search" aria-label={text.filtersLabel} className="cases-search" onSubmit={submit}>
      <TextField label={text.search} help={text.searchHelp} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      <Button type="submit" variant="secondary">
        {text.find}
      </Button>
    </form>
  );
}
