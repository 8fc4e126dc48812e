import { useCallback, useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { UnitWithAncestors } from '@phongdich/core';
import { Alert, Page } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { AdoptionTab } from './adoption-tab.js';
import { DeploymentTab } from './deployment-tab.js';
import { EpidemicTab } from './epidemic-tab.js';
import { LaggingTab } from './lagging-tab.js';
import { checkPeriod, periodDays, periodFromSearch, vietnamToday, type Period } from './period.js';
import { PeriodPicker } from './period-picker.js';
import { formatInstant, formatPeriod } from './report-format.js';
import type { ReportFile } from './report-ui.js';
import type { ReportScope } from './reports-api.js';
import { SubmissionsTab } from './submissions-tab.js';
import { useDashboardsText, type ReportTab } from './text.js';
import { UnitBreadcrumb } from './unit-breadcrumb.js';

const TABS: readonly ReportTab[] = ['deployment', 'lagging', 'adoption', 'epidemic', 'submissions'];

/** File names stay ASCII so every system saves them alike. */
const FILE_SLUGS: Record<ReportTab, string> = {
  deployment: 'trien-khai',
  lagging: 'can-nhac-nho',
  adoption: 'nguoi-dan-su-dung',
  epidemic: 'tinh-hinh-dich',
  submissions: 'nop-bao-cao',
};

function parseTab(value: string | null): ReportTab {
  return (TABS as readonly string[]).includes(value ?? '') ? (value as ReportTab) : 'deployment';
}

/**
 * Reports of the official's unit and the units below it. Tab, unit, period and an open submission
 * live in the address (?tab=&unit=&from=&to=&submission=), so a reload, a shared link or the back
 * button shows the same report.
 */
export function ReportsPage({ rootCode }: { rootCode: string }) {
  const { text } = useDashboardsText();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const [today] = useState(() => vietnamToday(Date.now()));
  const tab = parseTab(params.get('tab'));
  const unit = params.get('unit') || rootCode;
  // Reports are submitted for a whole week: a period that moves every day ("last 7 days") would
  // never match between a commune and its district, so that tab opens on last week, as the dashboard does.
  const period = periodFromSearch(params.get('from'), params.get('to'), today, tab === 'submissions' ? 'lastWeek' : 'last7');
  const problem = checkPeriod(period);
  const scope: ReportScope = useMemo(() => ({ unit, from: period.from, to: period.to }), [unit, period.from, period.to]);
  const unitInfo = useQuery({
    queryKey: ['unit', unit],
    queryFn: () => api<UnitWithAncestors>('GET', `/api/v1/units/${encodeURIComponent(unit)}`),
    staleTime: 3_600_000,
  });
  const unitName = unitInfo.data?.name ?? unit;

  const update = useCallback(
    (changes: Record<string, string | null>, replace = false) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null) next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );
  const hrefFor = useCallback(
    (code: string) => {
      const next = new URLSearchParams(params);
      next.set('unit', code);
      next.delete('submission');
      return `/reports?${next.toString()}`;
    },
    [params],
  );
  const openSnapshot = useCallback((submission: string | null) => update({ submission }), [update]);
  const setPeriod = (next: Period) => update({ from: next.from, to: next.to, submission: null });
  const chooseTab = (next: ReportTab, focus = false) => {
    update({ tab: next }, true);
    if (focus) document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  const tabKeys = (event: KeyboardEvent) => {
    const at = TABS.indexOf(tab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    chooseTab(TABS[(next + TABS.length) % TABS.length] ?? 'deployment', true);
  };

  useLandscapePrint();

  const scopeKey = `${scope.unit}|${scope.from}|${scope.to}`;
  const periodText = problem ? '' : formatPeriod(period.from, period.to);
  const file: ReportFile = {
    base: `bao-cao-${FILE_SLUGS[tab]}-${scope.unit}-${scope.from}-${scope.to}`,
    title: [`${text.tabs[tab]} – ${unitName}`, problem ? '' : text.periodShown(periodText, periodDays(period))],
  };

  return (
    <Page title={text.title}>
      <div className="reports-page">
        <p className="report-print-header">
          <strong>{`${unitName} — ${text.tabs[tab]}`}</strong>
          <span>{periodText}</span>
          <PrintedAt />
        </p>
        <p className="lead report-no-print">{text.lead(unitName)}</p>
        <UnitBreadcrumb code={unit} rootCode={rootCode} hrefFor={hrefFor} />
        <div className="report-controls report-no-print">
          <PeriodPicker key={`${period.from}|${period.to}`} period={period} today={today} onChange={setPeriod} />
          {!problem && (
            <p className="report-period" aria-live="polite">
              {text.periodShown(periodText, periodDays(period))}
            </p>
          )}
        </div>

        <div className="tabs report-tabs report-no-print" role="tablist" aria-label={text.tabsLabel} onKeyDown={tabKeys}>
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
        <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`} className="report-panel">
          {problem ? (
            <Alert kind="error">{text.periodProblems[problem]}</Alert>
          ) : (
            <>
              {tab === 'deployment' && <DeploymentTab key={scopeKey} scope={scope} hrefFor={hrefFor} />}
              {tab === 'lagging' && <LaggingTab key={scopeKey} unit={scope.unit} to={scope.to} hrefFor={hrefFor} file={file} />}
              {tab === 'adoption' && <AdoptionTab key={scopeKey} scope={scope} hrefFor={hrefFor} file={file} />}
              {tab === 'epidemic' && <EpidemicTab key={scopeKey} scope={scope} hrefFor={hrefFor} file={file} />}
              {tab === 'submissions' && (
                <SubmissionsTab
                  key={scopeKey}
                  scope={scope}
                  tier={unitInfo.data?.tier}
                  unitName={unitName}
                  canSubmit={unit === rootCode}
                  today={today}
                  hrefFor={hrefFor}
                  snapshotId={params.get('submission')}
                  openSnapshot={openSnapshot}
                  file={file}
                />
              )}
            </>
          )}
        </div>
      </div>
    </Page>
  );
}

/** When the page was printed, set as printing starts so the paper says when its figures were taken. */
function PrintedAt() {
  const { text } = useDashboardsText();
  const [at, setAt] = useState<number | null>(null);
  useEffect(() => {
    const stamp = () => flushSync(() => setAt(Date.now()));
    window.addEventListener('beforeprint', stamp);
    return () => window.removeEventListener('beforeprint', stamp);
  }, []);
  return <span>{at === null ? null : text.printedAt(formatInstant(at))}</span>;
}

/**
 * Reports print on A4 landscape. An @page rule applies to the whole document, so it is added only
 * while this page is shown (named pages are not honoured by every browser's print-to-PDF).
 */
function useLandscapePrint() {
  useEffect(() => {
    const style = document.createElement('style');
    style.dataset.reportsPrint = '';
    style.textContent = '@page { size: A4 landscape; margin: 10mm; }';
    document.head.append(style);
    return () => style.remove();
  }, []);
}
