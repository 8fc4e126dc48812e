import { useId, type ReactNode } from 'react';

/** Ids that tie a question's label, help and error together. */
export interface FieldIds {
  id: string;
  helpId: string;
  errorId: string;
}

export function useFieldIds(): FieldIds {
  const id = useId();
  return { id, helpId: `${id}-help`, errorId: `${id}-error` };
}

/** The aria-describedby of an input: its help and its error, whichever are shown. */
export function describedBy(ids: FieldIds, help: string | undefined, error: string | undefined, ...more: (string | undefined)[]): string | undefined {
  const list = [...more, help ? ids.helpId : undefined, error ? ids.errorId : undefined].filter(Boolean);
  return list.length > 0 ? list.join(' ') : undefined;
}

export function Help({ ids, help }: { ids: FieldIds; help?: string | undefined }) {
  return help ? (
    <p className="field-help" id={ids.helpId}>
      {help}
    </p>
  ) : null;
}

export function ErrorText({ ids, error }: { ids: FieldIds; error?: string | undefined }) {
  return error ? (
    <p className="field-error" id={ids.errorId}>
      {error}
    </p>
  ) : null;
}

/** Help text and error message under a question; the help stays while there is an error, as it says how to fix it. */
export function HelpAndError({ ids, help, error }: { ids: FieldIds; help?: string | undefined; error?: string | undefined }) {
  return (
    <>
      <Help ids={ids} help={help} />
      <ErrorText ids={ids} error={error} />
    </>
  );
}

/**
 * The frame of one question: `data-invalid` lets the form move focus to the first question with a
 * problem (`invalid` marks one whose problems are inside it, e.g. a vaccine row); `field-invalid` marks
 * it for sighted users beside the message.
 */
export function FieldFrame({
  path,
  error,
  invalid,
  className,
  children,
}: {
  path: string;
  error?: string | undefined;
  invalid?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field${className ? ` ${className}` : ''}${error ? ' field-invalid' : ''}`} data-field={path} data-invalid={error || invalid ? 'true' : undefined}>
      {children}
    </div>
  );
}
