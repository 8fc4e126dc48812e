import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { QrImage } from '../../components/qr-image.js';
import { Button } from '../../components/ui.js';
import type { SubmittedDeclaration } from './declarations-api.js';
import { DECLARATION_ROUTES, newDeclarationPath } from './paths.js';
import { useDeclarationText } from './text.js';

/** A heading that takes focus when it appears, so screen readers announce the result. */
function ResultHeading({ children }: { children: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h2 id="declaration-result-title" className="result-title" ref={heading} tabIndex={-1}>
      {children}
    </h2>
  );
}

function NextActions({ onAnother }: { onAnother: () => void }) {
  const { text } = useDeclarationText();
  return (
    <div className="row-actions center">
      <Button variant="secondary" onClick={onAnother}>
        {text.anotherDeclaration}
      </Button>
      <Link className="btn btn-secondary" to={DECLARATION_ROUTES.mine}>
        {text.myDeclarations}
      </Link>
      <Link className="btn btn-link" to={DECLARATION_ROUTES.home}>
        {text.goHome}
      </Link>
    </div>
  );
}

/**
 * The declaration was received: the person's QR large (staff scan it at check-ins), the name masked,
 * and for a flagged declaration what to do next — calm and specific, never an alarm without a step.
 */
export function DeclarationSent({ result, subjectId, onAnother }: { result: SubmittedDeclaration; subjectId: string | undefined; onAnother: () => void }) {
  const { text } = useDeclarationText();
  const name = result.personalQr.displayName || result.subject.displayName;
  const reasons = result.flagReasons.map((code) => text.flagReasons[code]).filter((reason): reason is string => Boolean(reason));
  return (
    <section className="declaration-result" aria-labelledby="declaration-result-title">
      <ResultHeading>{text.doneTitle}</ResultHeading>
      <p>{text.doneFor(name)}</p>
      {result.flagged && (
        <section className="flag-notice" aria-labelledby="flag-notice-title">
          <h3 id="flag-notice-title">{text.flaggedTitle}</h3>
          {reasons.length > 0 && (
            <ul className="flag-reasons">
              {reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
          <ol className="flag-steps">
            <li>{text.adviceStayHome}</li>
            <li>{text.adviceCallStation}</li>
            <li>
              {text.adviceDaily}{' '}
              <Link to={newDeclarationPath({ kind: 'daily_update', subject: subjectId ?? 'self' })}>{text.declareDaily}</Link>
            </li>
            <li>{text.adviceEmergency}</li>
          </ol>
        </section>
      )}
      <figure className="result-qr">
        <QrImage text={result.personalQr.token} size={280} label={text.qrLabel(name)} />
        <figcaption>
          <span className="qr-name">{name}</span>
          <span className="field-help">{text.qrHelp}</span>
        </figcaption>
      </figure>
      <NextActions onAnother={onAnother} />
    </section>
  );
}

/** Offline: the declaration waits on the phone and the flusher sends it later. */
export function DeclarationQueued({ onAnother }: { onAnother: () => void }) {
  const { text } = useDeclarationText();
  return (
    <section className="declaration-result" aria-labelledby="declaration-result-title">
      <ResultHeading>{text.queuedTitle}</ResultHeading>
      <p className="queued-note">{text.queued}</p>
      <NextActions onAnother={onAnother} />
    </section>
  );
}
