import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { LoadError, Loading } from '../../components/ui.js';
import { DayChart, type DayValue } from './charts.js';
import { formatCount, formatDecimal, formatLocalDate, formatPeriod, formatShare } from './report-format.js';
import { ReportTable, type UiColumn } from './report-table.js';
import { ExportBar, tableDownloads, type ReportFile } from './report-ui.js';
import { reportKeys, reportsApi, type CurvePoint, type EpidemicIndicators, type EpidemicRow, type ReportScope } from './reports-api.js';
import { fullCurve, seriesFacts } from './series.js';
import { sumBy } from './table-sort.js';
import { useDashboardsText, type DashboardsText } from './text.js';

function columns(text: DashboardsText, hrefFor: (code: string) => string): Array<UiColumn<EpidemicRow>> {
  return [
    { key: 'name', label: text.unit, kind: 'text', rowHeader: true, value: (r) => r.name, render: (r) => <Link to={hrefFor(r.code)}>{r.name}</Link> },
    { key: 'cases', label: text.cases, kind: 'count', value: (r) => r.cases },
    { key: 'activeCases', label: text.activeCases, kind: 'count', value: (r) => r.activeCases },
    { key: 'contacts', label: text.contacts, kind: 'count', value: (r) => r.contacts },
    { key: 'contactsNotReached', label: text.contactsNotReached, kind: 'count', value: (r) => r.contactsNotReached },
  ];
}

const COUNTED = ['cases', 'activeCases', 'contacts', 'contactsNotReached'] as const;

/** Epidemic curve by onset or report date, cases and contacts by unit, and tracing indicators. */
export function EpidemicTab({ scope, hrefFor, file }: { scope: ReportScope; hrefFor: (code: string) => string; file: ReportFile }) {
  const { text, lang } = useDashboardsText();
  const id = useId();
  const [by, setBy] = useState<'byOnset' | 'byReport'>('byOnset');
  const report = useQuery({ queryKey: reportKeys.epidemic(scope), queryFn: () => reportsApi.epidemic(scope) });
  const cols = useMemo(() => columns(text, hrefFor), [text, hrefFor]);
  const curve = useMemo(() => fullCurve(report.data?.curve ?? [], scope.from, scope.to), [report.data, scope.from, scope.to]);
  if (report.isPending) return <Loading />;
  if (report.isError) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  const { rows, indicators } = report.data;
  const total: EpidemicRow = { code: '', name: '', ...sumBy(rows, COUNTED) };
  const points: DayValue[] = curve.map((p) => ({ date: p.date, value: p[by] }));
  const facts = seriesFacts(points);
  const byLabel = by === 'byOnset' ? text.byOnset : text.byReport;
  const count = (n: number) => formatCount(n, lang);
  return (
    <>
      <ExportBar {...tableDownloads(file, cols, rows, { row: total, label: text.total })} />
      <Indicators indicators={indicators} />
      <section aria-labelledby={`${id}-curve`}>
        <h2 id={`${id}-curve`}>{text.curveTitle}</h2>
        <fieldset className="report-choice report-no-print">
          <legend>{text.curveBy}</legend>
          {(['byOnset', 'byReport'] as const).map((key) => (
            <label key={key}>
              <input type="radio" name={`${id}-by`} value={key} checked={by === key} onChange={() => setBy(key)} />
              {key === 'byOnset' ? text.byOnset : text.byReport}
            </label>
          ))}
        </fieldset>
        <DayChart
          title={`${text.curveTitle} — ${byLabel}`}
          points={points}
          kind="columns"
          format={count}
          summary={text.curveSummary(byLabel, formatPeriod(scope.from, scope.to), count(facts.total), facts.peakDate && facts.max > 0 ? text.peakOn(count(facts.max), formatLocalDate(facts.peakDate)) : '')}
          testId="epidemic-curve"
        >
          <ReportTable
            caption={text.curveTitle}
            columns={[
              { key: 'date', label: text.date, kind: 'date', rowHeader: true, value: (p: CurvePoint) => p.date },
              { key: 'byOnset', label: text.byOnset, kind: 'count', value: (p: CurvePoint) => p.byOnset },
              { key: 'byReport', label: text.byReport, kind: 'count', value: (p: CurvePoint) => p.byReport },
            ]}
            rows={curve}
            rowKey={(p) => p.date}
          />
        </DayChart>
      </section>
      <section aria-labelledby={`${id}-units`}>
        <h2 id={`${id}-units`}>{text.epidemicByUnit}</h2>
        <ReportTable caption={text.epidemicByUnit} columns={cols} rows={rows} rowKey={(r) => r.code} total={total} empty={text.noRows} testId="epidemic-table" />
      </section>
    </>
  );
}

function Indicators({ indicators: i }: { indicators: EpidemicIndicators }) {
  const { text, lang } = useDashboardsText();
  const id = useId();
  const items: Array<[string, string, boolean]> = [
    [text.activeCases, formatCount(i.activeCases, lang), false],
    [text.newCases14d, formatCount(i.newCases14d, lang), false],
    [text.contactsPerCase, formatDecimal(i.contactsPerCase, lang), false],
    [text.knownContactShare, formatShare(i.knownContactShare, lang), false],
    [text.contactsNotReachedFor(i.notReachedDays), formatCount(i.contactsNotReached, lang), i.contactsNotReached > 0],
    [text.activeChains, formatCount(i.activeChains, lang), false],
  ];
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{text.indicatorsTitle}</h2>
      <dl className="report-figures" data-testid="epidemic-indicators">
        {items.map(([label, value, attention]) => (
          <div key={label} className={attention ? 'report-figure report-figure-attention' : 'report-figure'}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
