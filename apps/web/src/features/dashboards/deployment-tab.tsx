import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { LoadError, Loading } from '../../components/ui.js';
import { activeShareOf } from './dashboard-rules.js';
import { formatInstant } from './report-format.js';
import { ReportTable, type UiColumn } from './report-table.js';
import { ExportBar, Heading } from './report-ui.js';
import { deploymentExportHref, reportKeys, reportsApi, type Breakdown, type DeploymentReport, type DeploymentRow, type PlaceRow, type ReportScope } from './reports-api.js';
import { useDashboardsText, type DashboardsText } from './text.js';

/** Deployment progress of the unit shown: its children, breakdowns, and at commune level its places. */
export function DeploymentTab({ scope, hrefFor }: { scope: ReportScope; hrefFor: (code: string) => string }) {
  const { text } = useDashboardsText();
  const report = useQuery({ queryKey: reportKeys.deployment(scope), queryFn: () => reportsApi.deployment(scope) });
  return (
    <>
      <ExportBar xlsxHref={deploymentExportHref(scope, 'xlsx')} csvHref={deploymentExportHref(scope, 'csv')} />
      {report.isPending && <Loading />}
      {report.isError && <LoadError error={report.error} onRetry={() => void report.refetch()} />}
      {report.data && (
        <>
          <p className="muted">{text.asOf(formatInstant(report.data.asOf))}</p>
          <DeploymentTables report={report.data} level={2} hrefFor={hrefFor} />
        </>
      )}
    </>
  );
}

function unitColumns(text: DashboardsText, nameLabel: string, hrefFor?: (code: string) => string): Array<UiColumn<DeploymentRow>> {
  return [
    {
      key: 'name',
      label: nameLabel,
      kind: 'text',
      rowHeader: true,
      value: (r) => r.name,
      render: hrefFor ? (r) => <Link to={hrefFor(r.code)}>{r.name}</Link> : undefined,
    },
    { key: 'required', label: text.required, kind: 'count', value: (r) => r.required },
    { key: 'registered', label: text.registered, kind: 'count', value: (r) => r.registered },
    { key: 'registeredOfRequired', label: text.registeredOfRequired, kind: 'count', value: (r) => r.registeredOfRequired },
    { key: 'shareRegistered', label: text.shareRegistered, kind: 'share', value: (r) => r.shareRegistered },
    { key: 'active7d', label: text.active7d, kind: 'count', value: (r) => r.active7d },
    { key: 'activeShare', label: text.activeShare, kind: 'share', value: (r) => activeShareOf(r) },
    { key: 'scansPerDay', label: text.scansPerDay, kind: 'decimal', value: (r) => r.scansPerDay },
    { key: 'neverScanned', label: text.neverScanned, kind: 'count', value: (r) => r.neverScanned },
  ];
}

function breakdownColumns(text: DashboardsText, keyLabel: string, labels: Record<string, string>): Array<UiColumn<Breakdown>> {
  return [
    { key: 'key', label: keyLabel, kind: 'text', rowHeader: true, value: (b) => labels[b.key] ?? b.key },
    { key: 'registered', label: text.registered, kind: 'count', value: (b) => b.registered },
    { key: 'active7d', label: text.active7d, kind: 'count', value: (b) => b.active7d },
    { key: 'activeShare', label: text.activeShare, kind: 'share', value: (b) => activeShareOf(b) },
    { key: 'scansPerDay', label: text.scansPerDay, kind: 'decimal', value: (b) => b.scansPerDay },
    { key: 'neverScanned', label: text.neverScanned, kind: 'count', value: (b) => b.neverScanned },
  ];
}

function placeColumns(text: DashboardsText, linkPlaces: boolean): Array<UiColumn<PlaceRow>> {
  const yesNo = (v: boolean) => (v ? text.yes : text.no);
  return [
    {
      key: 'name',
      label: text.placeName,
      kind: 'text',
      rowHeader: true,
      value: (p) => p.name,
      render: linkPlaces ? (p) => <Link to={`/places/${encodeURIComponent(p.id)}`}>{p.name}</Link> : undefined,
    },
    { key: 'type', label: text.placeType, kind: 'text', value: (p) => text.placeTypes[p.type] ?? p.type },
    { key: 'sector', label: text.sector, kind: 'text', value: (p) => text.sectors[p.sector] ?? p.sector },
    { key: 'status', label: text.status, kind: 'text', value: (p) => text.placeStatuses[p.status] ?? p.status },
    { key: 'required', label: text.onTargetList, kind: 'text', value: (p) => yesNo(p.required) },
    { key: 'scans', label: text.scansInPeriod, kind: 'count', value: (p) => p.scans },
    { key: 'lastScanDate', label: text.lastScan, kind: 'date', value: (p) => p.lastScanDate },
    { key: 'active7d', label: text.scannedRecently, kind: 'text', value: (p) => yesNo(p.active7d) },
  ];
}

/** Totals of the whole unit in the shape of a breakdown row, for the breakdown tables' total line. */
function totalBreakdown(total: DeploymentRow): Breakdown {
  return { key: '', registered: total.registered, active7d: total.active7d, scansPerDay: total.scansPerDay, neverScanned: total.neverScanned };
}

/**
 * The tables of a deployment report, live or as submitted (a snapshot: no drill-down links, since
 * it shows the figures as they were).
 */
export function DeploymentTables({ report, level, hrefFor }: { report: DeploymentReport; level: 2 | 3; hrefFor?: ((code: string) => string) | undefined }) {
  const { text } = useDashboardsText();
  const childTier = report.rows[0]?.tier;
  const rowsTable = report.rows.length > 0 ? report.rows : null;
  // A commune's only row is itself: there is nothing below it to drill into, its places are listed instead.
  const drill = report.unit.tier === 'commune' ? undefined : hrefFor;
  return (
    <div className="report-sections">
      <section>
        <Heading level={level}>{rowsTable ? text.deploymentByUnit : text.deploymentTotal}</Heading>
        {rowsTable && drill && <p className="muted report-no-print">{text.drillHelp}</p>}
        <ReportTable
          caption={rowsTable ? text.deploymentByUnit : text.deploymentTotal}
          columns={unitColumns(text, childTier ? text.tiers[childTier] : text.unit, drill)}
          rows={rowsTable ?? []}
          rowKey={(r) => r.code}
          total={report.total}
          testId="deployment-table"
        />
        <p className="muted report-note">{text.shareHelp}</p>
      </section>
      {report.places && (
        <section>
          <Heading level={level}>{text.placesIn(report.unit.name)}</Heading>
          <ReportTable
            caption={text.placesIn(report.unit.name)}
            columns={placeColumns(text, Boolean(hrefFor))}
            rows={report.places}
            rowKey={(p) => p.id}
            empty={text.noPlaces}
            testId="deployment-places"
          />
        </section>
      )}
      <div className="report-breakdowns">
        <section>
          <Heading level={level}>{text.bySector}</Heading>
          <ReportTable
            caption={text.bySector}
            columns={breakdownColumns(text, text.sector, text.sectors)}
            rows={report.bySector}
            rowKey={(b) => b.key}
            total={totalBreakdown(report.total)}
            testId="deployment-by-sector"
          />
        </section>
        <section>
          <Heading level={level}>{text.byType}</Heading>
          <ReportTable
            caption={text.byType}
            columns={breakdownColumns(text, text.placeType, text.placeTypes)}
            rows={report.byType}
            rowKey={(b) => b.key}
            total={totalBreakdown(report.total)}
            testId="deployment-by-type"
          />
        </section>
      </div>
    </div>
  );
}
