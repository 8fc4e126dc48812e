import { useState, type ReactNode } from 'react';
import { Button, LoadError, ModalDialog } from '../../components/ui.js';
import { tableCsv, tableLines, type Column } from './columns.js';
import { downloadCsv } from './csv.js';
import { downloadSheet } from './reports-api.js';
import type { Tone } from './submission-rules.js';
import { useDashboardsText } from './text.js';

/** What a downloaded file is called, and the report and period written at its top. */
export interface ReportFile {
  base: string;
  title: string[];
}

/** The CSV and XLSX downloads of one table, with the columns shown on screen. */
export function tableDownloads<T>(file: ReportFile, columns: ReadonlyArray<Column<T>>, rows: readonly T[], total?: { row: T; label: string }) {
  return {
    onCsv: () => downloadCsv(`${file.base}.csv`, tableCsv(columns, rows, total)),
    onXlsx: () => {
      const { headings, lines } = tableLines(columns, rows, total);
      return downloadSheet({ fileName: file.base, title: file.title, headings, rows: lines.map((line) => line.map((cell) => cell ?? null)) });
    },
  };
}

/**
 * Downloads and print for the table on screen: links for the server's files, buttons for files made
 * from the table shown.
 */
export function ExportBar({ xlsxHref, csvHref, onCsv, onXlsx }: { xlsxHref?: string; csvHref?: string; onCsv?: (() => void) | undefined; onXlsx?: (() => Promise<void>) | undefined }) {
  const { text } = useDashboardsText();
  const [making, setMaking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const xlsx = async () => {
    if (!onXlsx) return;
    setMaking(true);
    setError(null);
    try {
      await onXlsx();
    } catch (failure) {
      setError(failure);
    } finally {
      setMaking(false);
    }
  };
  return (
    <div className="report-toolbar" role="group" aria-label={text.toolbar}>
      {xlsxHref && (
        <a className="btn btn-secondary" href={xlsxHref} download>
          {text.exportXlsx}
        </a>
      )}
      {onXlsx && (
        <Button variant="secondary" disabled={making} onClick={() => void xlsx()}>
          {making ? text.exportMaking : text.exportXlsx}
        </Button>
      )}
      {csvHref && (
        <a className="btn btn-secondary" href={csvHref} download>
          {text.exportCsv}
        </a>
      )}
      {onCsv && (
        <Button variant="secondary" onClick={onCsv}>
          {text.exportCsv}
        </Button>
      )}
      <Button variant="secondary" onClick={() => window.print()}>
        {text.print}
      </Button>
      {error !== null && <LoadError error={error} />}
    </div>
  );
}

export function Heading({ level, children, id }: { level: 2 | 3 | 4; children: ReactNode; id?: string }) {
  const Tag = level === 2 ? 'h2' : level === 3 ? 'h3' : 'h4';
  return <Tag id={id}>{children}</Tag>;
}

/** A status in words on a tinted background; the colour only repeats what the word says. */
export function ToneBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`report-badge report-badge-${tone}`}>{children}</span>;
}

export function ReportDialog(props: { title: string; onClose: () => void; children: ReactNode }) {
  return <ModalDialog className="report-dialog" {...props} />;
}
