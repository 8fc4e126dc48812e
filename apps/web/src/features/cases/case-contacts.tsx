import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { CONTACT_STATUSES, type Case, type Contact } from '@phongdich/core';
import { Alert, Button, LoadError, Loading, SelectField } from '../../components/ui.js';
import { formatNumber } from '../../lib/format.js';
import { casesApi, keys } from './cases-api.js';
import { displayPhone, formatWindow } from './cases-format.js';
import { ContactStatusBadge } from './cases-ui.js';
import { filterContacts, generationCounts, type ContactSort } from './contacts-filter.js';
import { ConversionDialog } from './conversion-dialog.js';
import { InterviewForm } from './interview-form.js';
import { useCasesText } from './text.js';

const STEP = 100;

/** The contacts of a case and of its chain below it, with conversion and interview additions. */
export function CaseContacts({ caseId, homeUnitCode }: { caseId: string; homeUnitCode: string | null }) {
  const { text } = useCasesText();
  const contacts = useQuery({ queryKey: keys.contacts(caseId), queryFn: () => casesApi.contacts(caseId) });
  const [generation, setGeneration] = useState<number | null>(null);
  const [status, setStatus] = useState<Contact['status'] | null>(null);
  const [sort, setSort] = useState<ContactSort>('generation');
  const [limit, setLimit] = useState(STEP);
  const [converting, setConverting] = useState<Contact | null>(null);
  const [converted, setConverted] = useState<Case | null>(null);
  const [adding, setAdding] = useState(false);
  const items = contacts.data?.items;
  const shown = useMemo(() => (items ? filterContacts(items, { generation, status, sort }) : []), [items, generation, status, sort]);
  const generations = useMemo(() => (items ? generationCounts(items) : []), [items]);

  return (
    <>
      <div className="row-actions">
        <Button variant="secondary" aria-expanded={adding} aria-controls="interview-form" onClick={() => setAdding(!adding)}>
          {text.addContact}
        </Button>
      </div>
      <div id="interview-form">{adding && <InterviewForm caseId={caseId} />}</div>
      <div aria-live="polite">
        {converted && (
          <Alert kind="success">
            {text.converted(converted.code)} <Link to={`/cases/${encodeURIComponent(converted.id)}`}>{text.openNewCase}</Link>
          </Alert>
        )}
      </div>
      <div className="filters" role="group" aria-label={text.contactsFilters}>
        <SelectField
          label={text.generationFilter}
          value={generation === null ? '' : String(generation)}
          onChange={(e) => {
            setGeneration(e.target.value === '' ? null : Number(e.target.value));
            setLimit(STEP);
          }}
        >
          <option value="">{text.allGenerations}</option>
          {generations.map(([g, n]) => (
            <option key={g} value={g}>
              {`${text.generation(g)} (${formatNumber(n)})`}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={text.statusFilter}
          value={status ?? ''}
          onChange={(e) => {
            setStatus((e.target.value || null) as Contact['status'] | null);
            setLimit(STEP);
          }}
        >
          <option value="">{text.allStatuses}</option>
          {CONTACT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {text.contactStatuses[s]}
            </option>
          ))}
        </SelectField>
        <SelectField label={text.sortBy} value={sort} onChange={(e) => setSort(e.target.value as ContactSort)}>
          {(['generation', 'score', 'time'] as const).map((s) => (
            <option key={s} value={s}>
              {text.sorts[s]}
            </option>
          ))}
        </SelectField>
      </div>
      {contacts.isPending && <Loading />}
      {contacts.isError && <LoadError error={contacts.error} onRetry={() => void contacts.refetch()} />}
      {items && items.length === 0 && <p className="empty">{text.noContacts}</p>}
      {items && items.length > 0 && shown.length === 0 && <p className="empty">{text.noMatchingContacts}</p>}
      {shown.length > 0 && (
        <>
          <p className="muted" aria-live="polite">
            {text.shown(formatNumber(Math.min(limit, shown.length)), formatNumber(shown.length))}
          </p>
          <div className="table-wrap">
            <table className="data-table cases-table" data-testid="contacts-table">
              <caption className="visually-hidden">{text.tabs.contacts}</caption>
              <thead>
                <tr>
                  <th scope="col">{text.colGeneration}</th>
                  <th scope="col">{text.colName}</th>
                  <th scope="col">{text.colSources}</th>
                  <th scope="col">{text.colPlaceWindow}</th>
                  <th scope="col" className="number">
                    {text.colMinutes}
                  </th>
                  <th scope="col" className="number">
                    {text.colScore}
                  </th>
                  <th scope="col">{text.colStatus}</th>
                  <th scope="col">{text.colActions}</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, limit).map((c) => (
                  <tr key={c.id}>
                    <td data-label={text.colGeneration}>{text.generation(c.generation)}</td>
                    <td data-label={text.colName}>
                      {c.displayName}
                      {c.phone && (
                        <div className="code">
                          <a href={`tel:${c.phone}`}>{displayPhone(c.phone)}</a>
                        </div>
                      )}
                    </td>
                    <td data-label={text.colSources}>{c.sources.map((s) => text.sources[s] ?? s).join(', ')}</td>
                    <td data-label={text.colPlaceWindow}>
                      {c.placeName && <div>{c.placeName}</div>}
                      <div className="muted">{formatWindow(c.windowStart, c.windowEnd)}</div>
                    </td>
                    <td data-label={text.colMinutes} className="number">
                      {formatNumber(Math.round(c.exposureMinutes))}
                    </td>
                    <td data-label={text.colScore} className="number">
                      {formatNumber(Math.round(c.score))}
                    </td>
                    <td data-label={text.colStatus}>
                      <ContactStatusBadge value={c.status} />
                    </td>
                    <td data-label={text.colActions}>
                      {c.becameCaseId ? (
                        <Link to={`/cases/${encodeURIComponent(c.becameCaseId)}`}>{text.viewCase}</Link>
                      ) : (
                        c.status !== 'became_case' &&
                        homeUnitCode && (
                          <Button variant="link" aria-label={text.convertLabel(c.displayName)} onClick={() => setConverting(c)}>
                            {text.convert}
                          </Button>
                        )
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown.length > limit && (
            <Button variant="secondary" className="cases-more" onClick={() => setLimit(limit + STEP)}>
              {text.showMore(Math.min(STEP, shown.length - limit))}
            </Button>
          )}
        </>
      )}
      {converting && homeUnitCode && (
        <ConversionDialog
          contact={converting}
          homeUnitCode={homeUnitCode}
          onClose={() => setConverting(null)}
          onConverted={(created) => {
            setConverting(null);
            setConverted(created);
          }}
        />
      )}
    </>
  );
}
