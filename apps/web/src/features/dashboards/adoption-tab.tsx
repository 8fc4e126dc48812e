import { useId, useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { LoadError, Loading } from '../../components/ui.js';
import { ReportTable, type UiColumn } from './report-table.js';
import { ExportBar, tableDownloads, type ReportFile } from './report-ui.js';
import { reportKeys, reportsApi, type AdoptionRow, type ReportScope } from './reports-api.js';
import { useDashboardsText, type DashboardsText } from './text.js';

function columns(text: DashboardsText, hrefFor: (code: string) => string): Array<UiColumn<AdoptionRow>> {
  return [
    { key: 'name', label: text.unit, kind: 'text', rowHeader: true, value: (r) => r.name, render: (r) => <Link to={hrefFor(r.code)}>{r.name}</Link> },
    { key: 'population', label: text.population, kind: 'count', value: (r) => r.population },
    { key: 'citizens', label: text.citizens, kind: 'count', value: (r) => r.citizens },
    { key: 'citizensPer1000', label: text.citizensPer1000, kind: 'decimal', value: (r) => r.citizensPer1000 },
    { key: 'declarations', label: text.declarations, kind: 'count', value: (r) => r.declarations },
    { key: 'declarationsPer1000', label: text.declarationsPer1000, kind: 'decimal', value: (r) => r.declarationsPer1000 },
    { key: 'personalQr', label: text.personalQr, kind: 'count', value: (r) => r.personalQr },
    { key: 'personalQrPer1000', label: text.personalQrPer1000, kind: 'decimal', value: (r) => r.personalQrPer1000 },
  ];
}

/** Citizens registered, declarations and personal QR codes per unit and per 1,000 inhabitants. */
export function AdoptionTab({ scope, hrefFor, file }: { scope: ReportScope; hrefFor: (code: string) => string; file: ReportFile }) {
  const { text } = useDashboardsText();
  const id = useId();
  const report = useQuery({ queryKey: reportKeys.adoption(scope), queryFn: () => reportsApi.adoption(scope) });
  const cols = useMemo(() => columns(text, hrefFor), [text, hrefFor]);
  if (report.isPending) return <Loading />;
  if (report.isError) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  const { rows, total } = report.data;
  return (
    <>
      <ExportBar {...tableDownloads(file, cols, rows, { row: total, label: text.total })} />
      <section aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{text.adoptionTitle}</h2>
        <ReportTable caption={text.adoptionTitle} columns={cols} rows={rows} rowKey={(r) => r.code} total={total} testId="adoption-table" />
        <p className="muted report-note">
          {text.adoptionHelp}
          {/* Population is typed on the statistics page; point there while a unit has none. */}
          {rows.some((r) => r.population === null) && (
            <>
              {' '}
              <Link to="/map/statistics">{text.enterPopulation}</Link>
            </>
          )}
        </p>
      </section>
    </>
  );
}
