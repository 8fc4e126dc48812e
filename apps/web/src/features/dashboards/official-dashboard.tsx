import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { UnitTier } from '@phongdich/core';
import { LoadError, TableHead } from '../../components/ui.js';
import { query } from '../../lib/api.js';
import { useMe } from '../../lib/session.js';
import { DayChart, ShareBar } from './charts.js';
import { activeShareOf, topAndBottom, type RankedUnit } from './dashboard-rules.js';
import { presetPeriod, vietnamToday } from './period.js';
import { formatCount, formatDecimal, formatLocalDate, formatPeriod, formatShare } from './report-format.js';
import { ReportTable } from './report-table.js';
import { reportKeys, reportsApi, type ReportScope, type TrendPoint } from './reports-api.js';
import { fullTrend, seriesFacts } from './series.js';
import { useDashboardsText } from './text.js';

const TREND_DAYS = 30;
const RANKED = 5;

/**
 * The officials' home-page dashboard for their own unit: the figures to act on today, the 30-day
 * trend, and the units below doing best and worst. Each figure links to the report or worklist.
 */
export function OfficialDashboard() {
  const me = useMe().data;
  if (!me) return null;
  const unit = me.scopeUnit?.code ?? me.homeUnitCode;
  const tier: UnitTier = me.scopeUnit?.tier ?? 'province';
  return <Dashboard key={unit} unit={unit} tier={tier} />;
}

function Dashboard({ unit, tier }: { unit: string; tier: UnitTier }) {
  const { text } = useDashboardsText();
  const id = useId();
  const [today] = useState(() => vietnamToday(Date.now()));
  const week = presetPeriod('last7', today);
  const scope: ReportScope = { unit, ...week };
  const lastWeek = presetPeriod('lastWeek', today);
  const deployment = useQuery({ queryKey: reportKeys.deployment(scope), queryFn: () => reportsApi.deployment(scope) });
  return (
    <div className="official-dashboard" data-testid="official-dashboard">
      <section aria-labelledby={`${id}-figures`}>
        <h2 id={`${id}-figures`}>{text.dashboardTitle}</h2>
        <p className="muted">{text.dashboardPeriod(formatPeriod(week.from, week.to))}</p>
        <KeyFigures scope={scope} lastWeek={{ unit, ...lastWeek }} tier={tier} />
      </section>
      <Trend unit={unit} today={today} />
      {deployment.data && deployment.data.rows.length > 0 && <Ranking rows={deployment.data.rows} />}
    </div>
  );
}

function Figure({ label, value, sub, to, linkLabel, attention }: { label: string; value: string; sub?: ReactNode; to: string; linkLabel: string; attention?: boolean }) {
  return (
    <div className={`report-figure${attention ? ' report-figure-attention' : ''}`}>
      <dt>{label}</dt>
      <dd>
        <Link to={to} className="report-figure-value">
          {value}
          <span className="visually-hidden"> — {linkLabel}</span>
        </Link>
        {sub && <span className="report-figure-sub">{sub}</span>}
      </dd>
    </div>
  );
}

function KeyFigures({ scope, lastWeek, tier }: { scope: ReportScope; lastWeek: ReportScope; tier: UnitTier }) {
  const { text, lang } = useDashboardsText();
  const deployment = useQuery({ queryKey: reportKeys.deployment(scope), queryFn: () => reportsApi.deployment(scope) });
  const epidemic = useQuery({ queryKey: reportKeys.epidemic(scope), queryFn: () => reportsApi.epidemic(scope) });
  const submissions = useQuery({ queryKey: reportKeys.submissions(lastWeek), queryFn: () => reportsApi.submissions(lastWeek) });
  const waiting = '…';
  const unavailable = <span className="muted">{text.figureUnavailable}</span>;
  const total = deployment.data?.total;
  const indicators = epidemic.data?.indicators;
  const status = submissions.data;
  const count = (n: number) => formatCount(n, lang);
  const submissionsLink = `/reports${query({ tab: 'submissions', from: lastWeek.from, to: lastWeek.to })}`;

  let submissionsValue = waiting;
  if (status) {
    if (tier === 'commune') submissionsValue = status.own ? text.childStatuses[status.own.late ? 'late' : 'submitted'] : text.childStatuses.missing;
    else submissionsValue = `${count(status.completeness.submitted)}/${count(status.completeness.total)}`;
  }
  const submissionsMissing = status ? (tier === 'commune' ? !status.own : status.completeness.submitted < status.completeness.total) : false;

  return (
    <dl className="report-figures" data-testid="dashboard-figures">
      <Figure
        label={text.registeredFigure}
        value={total ? `${count(total.registeredOfRequired)}/${count(total.required)}` : waiting}
        sub={deployment.isError ? unavailable : total && (total.shareRegistered === null ? text.noTargetList : text.registeredOfTarget(formatShare(total.shareRegistered, lang)))}
        to="/reports?tab=deployment"
        linkLabel={text.openDeployment}
      />
      <Figure
        label={text.activeFigure}
        value={total ? formatShare(activeShareOf(total), lang) : waiting}
        sub={deployment.isError ? unavailable : total && text.activeOf(count(total.active7d), count(total.registered))}
        to="/reports?tab=lagging"
        linkLabel={text.openLagging}
        attention={total ? total.neverScanned > 0 : false}
      />
      <Figure
        label={text.scansFigure}
        value={total ? formatDecimal(total.scansPerDay, lang) : waiting}
        sub={deployment.isError ? unavailable : undefined}
        to="/reports?tab=deployment"
        linkLabel={text.openDeployment}
      />
      <Figure
        label={text.activeCasesFigure}
        value={indicators ? count(indicators.activeCases) : waiting}
        sub={epidemic.isError ? unavailable : undefined}
        to="/reports?tab=epidemic"
        linkLabel={text.tabs.epidemic}
      />
      <Figure
        label={text.notReachedFigure}
        value={indicators ? count(indicators.contactsNotReached) : waiting}
        sub={epidemic.isError ? unavailable : undefined}
        to="/contacts?notReached=true"
        linkLabel={text.openContacts}
        attention={indicators ? indicators.contactsNotReached > 0 : false}
      />
      <Figure
        label={tier === 'commune' ? text.ownSubmissionFigure : text.submissionsFigure}
        value={submissionsValue}
        sub={submissions.isError ? unavailable : formatPeriod(lastWeek.from, lastWeek.to)}
        to={submissionsLink}
        linkLabel={text.openSubmissions}
        attention={submissionsMissing}
      />
    </dl>
  );
}

function Trend({ unit, today }: { unit: string; today: string }) {
  const { text, lang } = useDashboardsText();
  const id = useId();
  const trend = useQuery({ queryKey: reportKeys.trend(unit, TREND_DAYS), queryFn: () => reportsApi.trend(unit, TREND_DAYS) });
  const series = trend.data ? fullTrend(trend.data.series, TREND_DAYS, today) : [];
  const first = series[0]?.date ?? today;
  const last = series[series.length - 1]?.date ?? today;
  const summary = (what: string, values: Array<{ date: string; value: number }>, format: (n: number) => string) => {
    const facts = seriesFacts(values);
    return text.trendSummary(what, formatLocalDate(first), formatLocalDate(last), format(facts.min), format(facts.max), format(facts.latest));
  };
  const count = (n: number) => formatCount(n, lang);
  const scans = series.map((p) => ({ date: p.date, value: p.scans }));
  const cases = series.map((p) => ({ date: p.date, value: p.newCases }));
  return (
    <section aria-labelledby={`${id}-trend`} aria-busy={trend.isPending}>
      <h2 id={`${id}-trend`}>{text.trendTitle}</h2>
      {trend.isError && <LoadError error={trend.error} onRetry={() => void trend.refetch()} />}
      {trend.data && (
        <div className="report-pair">
          <DayChart title={text.scansTrend} points={scans} kind="line" format={count} summary={summary(text.scansTrend, scans, count)} testId="trend-scans">
            <ReportTable<TrendPoint>
              caption={text.scansTrend}
              columns={[
                { key: 'date', label: text.date, kind: 'date', rowHeader: true, value: (p) => p.date },
                { key: 'scans', label: text.scans, kind: 'count', value: (p) => p.scans },
                { key: 'activePlaces', label: text.activePlaces, kind: 'count', value: (p) => p.activePlaces },
              ]}
              rows={series}
              rowKey={(p) => p.date}
            />
          </DayChart>
          <DayChart title={text.casesTrend} points={cases} kind="columns" format={count} summary={summary(text.casesTrend, cases, count)} testId="trend-cases">
            <ReportTable<TrendPoint>
              caption={text.casesTrend}
              columns={[
                { key: 'date', label: text.date, kind: 'date', rowHeader: true, value: (p) => p.date },
                { key: 'newCases', label: text.newCases, kind: 'count', value: (p) => p.newCases },
              ]}
              rows={series}
              rowKey={(p) => p.date}
            />
          </DayChart>
        </div>
      )}
    </section>
  );
}

function Ranking({ rows }: { rows: Parameters<typeof topAndBottom>[0] }) {
  const { text, lang } = useDashboardsText();
  const id = useId();
  const { top, bottom } = topAndBottom(rows, RANKED, lang);
  return (
    <section aria-labelledby={`${id}-ranking`}>
      <h2 id={`${id}-ranking`}>{text.rankingTitle}</h2>
      <div className="report-pair">
        <RankList title={text.topUnits(top.length)} units={top} testId="ranking-top" />
        {bottom.length > 0 && <RankList title={text.bottomUnits(bottom.length)} units={bottom} testId="ranking-bottom" />}
      </div>
    </section>
  );
}

function RankList({ title, units, testId }: { title: string; units: RankedUnit[]; testId: string }) {
  const { text, lang } = useDashboardsText();
  const id = useId();
  return (
    <div className="report-rank">
      <h3 id={`${id}-title`}>{title}</h3>
      <table className="data-table report-rank-table" aria-labelledby={`${id}-title`} data-testid={testId}>
        <TableHead columns={[text.unit, text.activeShare]} />
        <tbody>
          {units.map((u) => (
            <tr key={u.code}>
              <th scope="row" className="report-row-header">
                <Link to={`/reports${query({ tab: 'deployment', unit: u.code })}`}>{u.name}</Link>
              </th>
              <td>
                <ShareBar share={u.activeShare} label={u.activeShare === null ? text.nothingRegistered : `${formatShare(u.activeShare, lang)} (${formatCount(u.active7d, lang)}/${formatCount(u.registered, lang)})`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
