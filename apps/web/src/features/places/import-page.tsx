import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '@phongdich/core';
import { Alert, Button, Page, TableHead } from '../../components/ui.js';
import { uploadImport } from './places-api.js';

/** Imports a commune's list from XLSX/CSV: check first, see every problem by row, then import all at once. */
export function ImportPage({ csrfToken }: { csrfToken: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<'places' | 'targets'>('targets');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await uploadImport(file, kind, dryRun, csrfToken);
      setReport(result);
      if (result.imported > 0) void client.invalidateQueries();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  function check(event: FormEvent) {
    event.preventDefault();
    void run(true);
  }

  const ready = report && report.dryRun && report.errors.length === 0 && report.fileErrors.length === 0;
  return (
    <Page title={t('imports.title')}>
      <form className="card" onSubmit={check}>
        <fieldset className="fieldset">
          <legend>{t('imports.kind')}</legend>
          {(['targets', 'places'] as const).map((k) => (
            <label className="check" key={k}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => (setKind(k), setReport(null))} />
              {t(k === 'places' ? 'imports.kindPlaces' : 'imports.kindTargets')}
            </label>
          ))}
        </fieldset>
        <p>
          <a href={`/api/v1/places/import-template.xlsx?kind=${kind}`}>{t('imports.template')}</a>
        </p>
        <div className="field">
          <label htmlFor="import-file">{t('imports.file')}</label>
          <input id="import-file" type="file" accept=".xlsx,.csv" onChange={(e) => (setFile(e.target.files?.[0] ?? null), setReport(null))} />
        </div>
        <p className="field-help">{t('imports.allOrNothing')}</p>
        <Button type="submit" disabled={!file || busy}>
          {t('imports.check')}
        </Button>
      </form>
      {error && <Alert kind="error">{error}</Alert>}
      {report && <ImportResult report={report} />}
      {ready && (
        <Button onClick={() => void run(false)} disabled={busy}>
          {t('imports.confirm', { n: report.rows })}
        </Button>
      )}
    </Page>
  );
}

function ImportResult({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  if (report.fileErrors.length) {
    return (
      <Alert kind="error">
        <ul>
          {report.fileErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </Alert>
    );
  }
  if (report.errors.length === 0) return <Alert kind="success">{report.dryRun ? t('imports.ok', { n: report.rows }) : t('imports.done', { n: report.imported })}</Alert>;
  return (
    <>
      <Alert kind="error">{t('imports.errors', { n: report.errors.length })}</Alert>
      <div className="table-wrap">
        <table className="data-table" data-testid="import-errors">
          <TableHead columns={[t('imports.row'), t('imports.column'), t('imports.problem')]} />
          <tbody>
            {report.errors.map((e, i) => (
              <tr key={i}>
                <td className="number">{e.row}</td>
                <td>{e.column ?? '—'}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
