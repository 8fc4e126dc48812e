import { useEffect, useId, useRef, type ReactNode, type TextareaHTMLAttributes } from 'react';
import type { Case, Contact } from '@phongdich/core';
import { useCasesText } from './text.js';

/** A modal dialog with a heading; Escape or the caller's cancel button closes it. */
export function FormDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
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
      className="dialog cases-dialog"
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

export function TextAreaField({ label, error, ...area }: { label: string; error?: string | undefined } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} {...area} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function ClassificationBadge({ value }: { value: Case['classification'] }) {
  const { text } = useCasesText();
  return <span className={`case-badge case-badge-${value}`}>{text.classifications[value]}</span>;
}

export function OutcomeBadge({ value }: { value: Case['outcome'] }) {
  const { text } = useCasesText();
  return <span className={`case-badge case-outcome-${value}`}>{text.outcomes[value]}</span>;
}

export function ContactStatusBadge({ value }: { value: Contact['status'] }) {
  const { text } = useCasesText();
  return <span className={`case-badge contact-status-${value}`}>{text.contactStatuses[value]}</span>;
}
