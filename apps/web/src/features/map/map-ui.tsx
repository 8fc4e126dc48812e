import { useEffect, useId, useRef, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { SAFETY_LEVEL_LABELS, type Role, type SafetyLevel } from '@phongdich/core';
import { riskColour, riskLabel } from './risk-style.js';
import { useMapText } from './text.js';

export const OFFICIAL_ROLES: readonly Role[] = ['official', 'health_official', 'admin'];
export const RECOMPUTE_ROLES: readonly Role[] = ['health_official', 'admin'];

/** A risk level as words with a colour square beside them (colour alone never carries the meaning). */
export function RiskBadge({ level }: { level: number | null | undefined }) {
  const { text, lang } = useMapText();
  return (
    <span className="risk-badge">
      <span className="risk-swatch" style={{ background: riskColour(level) }} aria-hidden="true" />
      {riskLabel(level, lang, text.noLevel)}
    </span>
  );
}

export function SafetyBadge({ level }: { level: SafetyLevel | null | undefined }) {
  const { text, lang } = useMapText();
  return (
    <span className="risk-badge">
      <span className="risk-swatch round" style={{ background: level ? SAFETY_LEVEL_LABELS[level].colour : '#7d8896' }} aria-hidden="true" />
      {level ? SAFETY_LEVEL_LABELS[level][lang] : text.notAssessed}
    </span>
  );
}

/** A modal dialog with a heading; Escape or the caller's cancel button closes it. */
export function MapDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
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
      className="dialog epimap-dialog"
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

export function TextAreaField({ label, help, error, ...area }: { label: string; help?: string | undefined; error?: string | undefined } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const describedBy = error ? `${id}-error` : help ? `${id}-help` : undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} {...area} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      {help && !error && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
