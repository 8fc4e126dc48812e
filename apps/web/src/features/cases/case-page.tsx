import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Case } from '@phongdich/core';
import { Alert, Button, LoadError, Loading, Page, SelectField } from '../../components/ui.js';
import { formatNumber } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { CaseContacts } from './case-contacts.js';
import { CaseEditForm } from './case-edit-form.js';
import { CaseEvents, PlacesVisited } from './case-history.js';
import { casesApi, exportContactsHref, keys } from './cases-api.js';
import { displayPhone, formatDay, formatGenerations, formatLocalDate } from './cases-format.js';
import { ClassificationBadge, OutcomeBadge } from './cases-ui.js';
import { ChainGraph } from './chain-graph.js';
import { ChainTimeline } from './chain-timeline.js';
import { useCasesText } from './text.js';

const TABS = ['contacts', 'graph', 'timeline', 'places', 'history'] as const;
type Tab = (typeof TABS)[number];

/** One case: who they are, when they were infectious, their contacts and chain, and what was done. */
export function CasePage({ caseId }: { caseId: string }) {
  const { text } = useCasesText();
  const me = useMe().data;
  const id = useId();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'contacts';
  const [editing, setEditing] = useState(false);
  const detail = useQuery({ queryKey: keys.detail(caseId), queryFn: () => casesApi.get(caseId) });
  const chain = useQuery({ queryKey: keys.chain(caseId), queryFn: () => casesApi.chain(caseId), enabled: tab === 'graph' || tab === 'timeline' });

  if (detail.isPending) {
    return (
      <Page title={text.casesTitle}>
        <Loading />
      </Page>
    );
  }
  if (detail.isError) {
    return (
      <Page title={text.casesTitle}>
        <LoadError error={detail.error} onRetry={() => void detail.refetch()} />
      </Page>
    );
  }
  const { case: c, events, placesVisited } = detail.data;

  const chooseTab = (next: Tab, focus = false) => {
    const search = new URLSearchParams(params);
    search.set('tab', next);
    setParams(search, { replace: true });
    if (focus) document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  const tabKeys = (event: KeyboardEvent) => {
    const at = TABS.indexOf(tab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    chooseTab(TABS[(next + TABS.length) % TABS.length]!, true);
  };

  return (
    <Page
      title={`${c.code} · ${c.fullName}`}
      actions={
        <div className="row-actions">
          <Button variant="secondary" aria-expanded={editing} aria-controls={`${id}-edit`} onClick={() => setEditing(!editing)}>
            {text.editCase}
          </Button>
          <a className="btn btn-secondary" href={exportContactsHref(c.id)} download>
            {text.exportContacts}
          </a>
        </div>
      }
    >
      <nav className="breadcrumb" aria-label={text.breadcrumb}>
        <ol>
          <li>
            <Link to="/cases">{text.backToCases}</Link>
          </li>
          <li aria-current="page">{c.code}</li>
        </ol>
      </nav>
      <p className="case-badges">
        <ClassificationBadge value={c.classification} /> <OutcomeBadge value={c.outcome} />
      </p>
      <p className="lead case-window">{infectiousText(text, c)}</p>
      <CaseFacts current={c} />
      <div id={`${id}-edit`}>{editing && <CaseEditForm current={c} onDone={() => setEditing(false)} />}</div>
      <RetraceForm caseId={c.id} />

      <div className="tabs cases-tabs" role="tablist" aria-label={text.caseSections} onKeyDown={tabKeys}>
        {TABS.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={`${id}-tab-${key}`}
            aria-selected={tab === key}
            aria-controls={`${id}-panel`}
            tabIndex={tab === key ? 0 : -1}
            onClick={() => chooseTab(key)}
          >
            {text.tabs[key]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`} className="cases-tabpanel">
        <h2 className="visually-hidden">{tab === 'places' ? text.placesTitle : tab === 'history' ? text.historyTitle : text.tabs[tab]}</h2>
        {tab === 'contacts' && <CaseContacts caseId={c.id} homeUnitCode={me?.homeUnitCode ?? null} />}
        {(tab === 'graph' || tab === 'timeline') && chain.isPending && <Loading />}
        {(tab === 'graph' || tab === 'timeline') && chain.isError && <LoadError error={chain.error} onRetry={() => void chain.refetch()} />}
        {tab === 'graph' && chain.data && <ChainGraph chain={chain.data} />}
        {tab === 'timeline' && chain.data && <ChainTimeline chain={chain.data} />}
        {tab === 'places' && <PlacesVisited places={placesVisited} />}
        {tab === 'history' && <CaseEvents events={events} />}
      </div>
    </Page>
  );
}

function infectiousText(text: ReturnType<typeof useCasesText>['text'], c: Case): string {
  // With an isolation date the window ends at the midnight after it: show that day, not the next.
  const until = c.isolationDate ? formatDay(c.infectiousUntil - 1) : c.outcome === 'active' ? text.untilNow : formatDay(c.infectiousUntil);
  return text.infectiousWindow(formatDay(c.infectiousFrom), until);
}

function CaseFacts({ current: c }: { current: Case }) {
  const { text } = useCasesText();
  const test = c.testResult ? `${text.testResults[c.testResult]}${c.testDate ? ` (${formatLocalDate(c.testDate)})` : ''}` : c.testDate ? formatLocalDate(c.testDate) : text.none;
  return (
    <dl className="facts case-facts">
      <dt>{text.phone}</dt>
      <dd className="code">{c.phone ? <a href={`tel:${c.phone}`}>{displayPhone(c.phone)}</a> : text.none}</dd>
      <dt>{text.commune}</dt>
      <dd>{c.communeName}</dd>
      <dt>{text.onsetDateLong}</dt>
      <dd>{formatLocalDate(c.onsetDate)}</dd>
      <dt>{text.test}</dt>
      <dd>{test}</dd>
      <dt>{text.isolationDate}</dt>
      <dd>{formatLocalDate(c.isolationDate)}</dd>
      <dt>{text.isolationPlace}</dt>
      <dd>{c.isolationPlace ?? text.none}</dd>
      <dt>{text.fromContact}</dt>
      <dd>{c.fromContactId ? text.fromContactKnown : text.fromContactUnknown}</dd>
      <dt>{text.contactCount}</dt>
      <dd>{formatNumber(c.contactCount)}</dd>
    </dl>
  );
}

function RetraceForm({ caseId }: { caseId: string }) {
  const { text } = useCasesText();
  const client = useQueryClient();
  const [depth, setDepth] = useState('2');
  const trace = useMutation({
    mutationFn: () => casesApi.trace(caseId, Number(depth)),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.cases }),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    trace.mutate();
  }
  return (
    <form className="card cases-form case-trace" onSubmit={submit} aria-labelledby="case-trace-title">
      <h2 id="case-trace-title">{text.retrace}</h2>
      <p className="muted">{text.retraceHelp}</p>
      <div className="case-trace-row">
        <SelectField label={text.traceDepth} value={depth} onChange={(e) => setDepth(e.target.value)}>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {text.depthOption(n)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={trace.isPending}>
          {trace.isPending ? text.tracing : text.retrace}
        </Button>
      </div>
      <div aria-live="polite">
        {trace.data && <Alert kind="success">{text.traced(formatNumber(trace.data.contacts), formatGenerations(trace.data.byGeneration, formatNumber))}</Alert>}
      </div>
      {trace.isError && <Alert kind="error">{trace.error.message}</Alert>}
    </form>
  );
}
