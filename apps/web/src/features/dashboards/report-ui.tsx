import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from '../../components/ui.js';
import type { Tone } from './submission-rules.js';
import { useDashboardsText } from './text.js';

/** Downloads and print for the table on screen; links for server files, a button for files made here. */
export function ExportBar({ xlsxHref, csvHref, onCsv }: { xlsxHref?: string; csvHref?: string; onCsv?: () => void }) {
  const { text } = useDashboardsText();
  return (
    <div className="report-toolbar" role="group" aria-label={text.toolbar}>
      {xlsxHref && (
        <a className="btn btn-secondary" href={xlsxHref} download>
          {text.exportXlsx}
        </a>
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

/** A modal dialog with a heading; Escape or the caller's cancel button closes it. */
export function ReportDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog report-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </dialog>
  );
}
