import { useEffect, useId, useRef, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

export function Button({ variant = 'primary', className, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'link' }) {
  return <button type="button" {...props} className={`btn btn-${variant}${className ? ` ${className}` : ''}`} />;
}

interface FieldShell {
  label: string;
  help?: string | undefined;
  error?: string | undefined;
}

/** The accessibility attributes tying a control to its help or error text. */
function described(id: string, help: ReactNode | undefined, error: ReactNode | undefined) {
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : help ? `${id}-help` : undefined };
}

/** Label, control, then either the help or the error, the same for every kind of field. */
function FieldFrame({ id, label, help, error, children }: { id: string; label: ReactNode; help: ReactNode | undefined; error: ReactNode | undefined; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
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

export function TextField({ label, help, error, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} help={help} error={error}>
      <input id={id} {...input} {...described(id, help, error)} />
    </FieldFrame>
  );
}

export function TextAreaField({ label, help, error, ...area }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} help={help} error={error}>
      <textarea id={id} rows={3} {...area} {...described(id, help, error)} />
    </FieldFrame>
  );
}

/** A modal dialog with a heading; Escape or the caller's cancel button closes it. */
export function ModalDialog({ title, className, onClose, children }: { title: string; className?: string; onClose: () => void; children: ReactNode }) {
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
      className={`dialog${className ? ` ${className}` : ''}`}
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

export function SelectField({ label, help, error, children, ...select }: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} help={help} error={error}>
      <select id={id} {...select} {...described(id, help, error)}>
        {children}
      </select>
    </FieldFrame>
  );
}

export function Alert({ kind = 'info', children }: { kind?: 'info' | 'error' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * The header row of a data table: a heading per column (the last `numbers` of them over right-aligned
 * figures), then (with `actions`) the column of row buttons, whose heading only screen readers hear.
 */
export function TableHead({ columns, numbers = 0, actions }: { columns: readonly string[]; numbers?: number; actions?: string }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => (
          <th key={i} scope="col" className={i >= columns.length - numbers ? 'num' : undefined}>
            {column}
          </th>
        ))}
        {actions !== undefined && (
          <th scope="col">
            <span className="visually-hidden">{actions}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert kind="error">
      {error instanceof Error ? error.message : t('app.networkError')}{' '}
      {onRetry && (
        <Button variant="link" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      )}
    </Alert>
  );
}
