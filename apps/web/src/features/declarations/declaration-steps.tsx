import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { declarationSchema, describeIssues, type FormVersionDefinition, parseWithKeys } from '@phongdich/core';
import { Alert, Button } from '../../components/ui.js';
import { ApiError } from '../../lib/api.js';
import { declarationsApi, type SubmittedDeclaration } from './declarations-api.js';
import { clearDraft, phoneStorage, saveDraft } from './drafts.js';
import { type AnswerChanges, QuestionBlockView } from './question.js';
import { type Answers, toRecord } from './record.js';
import { askedSteps, firstStepWithProblems, type Problem, problemsOfStep, questionBlocks, stepOfField } from './steps.js';
import { inLanguage, useDeclarationText } from './text.js';

/** A server refusal shown next to the question it names. */
interface ServerProblem {
  field: string;
  message: string;
}

/**
 * A declaration form in steps of 3–6 questions (the version's `steps`), with a progress line, Next and
 * Back. Problems are shown only for the step on screen, after the person presses Next there, and are
 * checked again as they type so a fixed answer stops being marked at once. Every change is kept as a
 * draft on the phone; the declaration is sent, or queued when offline, from the last step.
 */
export function DeclarationSteps({
  definition,
  filled,
  initialAnswers,
  initialStep,
  draftStorageKey,
  today,
  subjectId,
  notice,
  onLeave,
  onSent,
  onQueued,
}: {
  definition: FormVersionDefinition;
  /** Fields the app fills in: the version tag, the facility of a scanned QR, who the declaration is for. */
  filled: Readonly<Record<string, string>>;
  initialAnswers: Answers;
  initialStep: number;
  draftStorageKey: string;
  /** Today in Vietnam, 'YYYY-MM-DD': the date rules (no future dates, birth year) depend on it. */
  today: string;
  /** The family member declared for; undefined for the account holder. */
  subjectId: string | undefined;
  /** Shown above the first question on screen (draft restored, details prefilled). */
  notice?: ReactNode;
  /** Back from the first step. */
  onLeave: () => void;
  onSent: (result: SubmittedDeclaration) => void;
  onQueued: () => void;
}) {
  const { text, lang } = useDeclarationText();
  const [answers, setAnswers] = useState<Answers>(initialAnswers);
  const [stepIndex, setStepIndex] = useState(initialStep);
  // The step whose problems are on screen; null until the person has pressed Next there.
  const [checkedStep, setCheckedStep] = useState<number | null>(null);
  const [serverProblem, setServerProblem] = useState<ServerProblem | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  // The notice (draft restored, details prefilled) belongs to the screen the form opens on.
  const [noticeShown, setNoticeShown] = useState(true);
  const heading = useRef<HTMLHeadingElement>(null);
  const stepBody = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<'heading' | 'problem' | null>(null);
  // Kept across a resend after a network failure, so the server sees one declaration, not two.
  const clientEventId = useRef<string | null>(null);

  const schema = useMemo(() => declarationSchema({ today }), [today]);
  const steps = askedSteps(definition, answers);
  const current = Math.min(stepIndex, steps.length - 1);
  const step = steps[current]!;
  const last = current === steps.length - 1;

  const problemsNow = (): Problem[] => {
    const result = parseWithKeys(schema, toRecord(definition, answers, filled));
    return result.success ? [] : describeIssues(result.error.issues, lang);
  };
  const shown: Record<string, string> = checkedStep === current ? problemsOfStep(problemsNow(), step) : {};
  if (serverProblem && stepOfField(steps, serverProblem.field) === current) shown[serverProblem.field] ??= serverProblem.message;

  useEffect(() => {
    if (dirty) saveDraft(phoneStorage(), draftStorageKey, { formVersion: filled.formVersion ?? '', answers, step: current, savedAt: Date.now() });
  }, [dirty, answers, current, draftStorageKey, filled.formVersion]);

  // Focus follows the step (its heading) or the first problem, after the screen has changed.
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    if (target === 'heading') heading.current?.focus();
    else {
      const field = stepBody.current?.querySelector('[data-invalid="true"]');
      const focusable = ':is(input, select, textarea, button):not([tabindex="-1"]):not(:disabled)';
      (field?.querySelector<HTMLElement>(`[aria-invalid="true"]${focusable}`) ?? field?.querySelector<HTMLElement>(focusable))?.focus();
    }
  });

  function change(changes: AnswerChanges) {
    setAnswers((before) => ({ ...before, ...changes }));
    setDirty(true);
    if (serverProblem && Object.keys(changes).some((path) => serverProblem.field === path || serverProblem.field.startsWith(`${path}.`))) setServerProblem(null);
  }

  function goTo(index: number) {
    setStepIndex(index);
    setNoticeShown(false);
    setCheckedStep(null);
    setFormError(null);
    pendingFocus.current = 'heading';
  }

  function showProblemsOf(index: number) {
    setStepIndex(index);
    setCheckedStep(index);
    pendingFocus.current = 'problem';
  }

  async function submit() {
    const problems = problemsNow();
    if (problems.length > 0) {
      const where = firstStepWithProblems(steps, problems);
      if (where >= 0) return showProblemsOf(where);
      // A problem no question owns (an outdated form version): say it, there is nothing to fix on screen.
      return setFormError(problems[0]!.message);
    }
    setBusy(true);
    setFormError(null);
    clientEventId.current ??= crypto.randomUUID();
    try {
      const sent = await declarationsApi.submit(clientEventId.current, subjectId, toRecord(definition, answers, filled));
      clearDraft(phoneStorage(), draftStorageKey);
      if (sent.queued) onQueued();
      else onSent(sent.result);
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) clientEventId.current = null;
      const field = error instanceof ApiError && error.field?.startsWith('declaration.') ? error.field.slice('declaration.'.length) : undefined;
      const where = field ? stepOfField(steps, field) : -1;
      if (field && where >= 0 && error instanceof ApiError) {
        setServerProblem({ field, message: error.message });
        setStepIndex(where);
        pendingFocus.current = 'problem';
      } else {
        setFormError(error instanceof Error && error.message ? error.message : String(error));
      }
    } finally {
      setBusy(false);
    }
  }

  function next(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (last) return void submit();
    if (Object.keys(problemsOfStep(problemsNow(), step)).length > 0) return showProblemsOf(current);
    goTo(current + 1);
  }

  const hasShownProblems = Object.keys(shown).length > 0;
  return (
    <form className="declaration-form" onSubmit={next} noValidate aria-labelledby="declaration-step-title">
      <div className="step-progress" aria-hidden="true">
        <span style={{ width: `${((current + 1) / steps.length) * 100}%` }} />
      </div>
      <h2 id="declaration-step-title" className="step-title" ref={heading} tabIndex={-1}>
        <span className="step-count">{text.stepOf(current + 1, steps.length)}</span> {inLanguage(step.title, lang)}
      </h2>
      {noticeShown && notice}
      {formError && <Alert kind="error">{formError}</Alert>}
      {hasShownProblems && <Alert kind="warning">{text.fixProblems}</Alert>}
      <div ref={stepBody}>
        {questionBlocks(step.fields, definition.fields).map((block) => (
          <QuestionBlockView key={block.kind === 'single' ? block.path : block.paths[0]} block={block} definition={definition} answers={answers} errors={shown} onChange={change} />
        ))}
      </div>
      <div className="step-actions">
        <Button variant="secondary" onClick={() => (current === 0 ? onLeave() : goTo(current - 1))} disabled={busy}>
          {text.back}
        </Button>
        <Button type="submit" disabled={busy}>
          {last ? (busy ? text.sending : text.submit) : text.next}
        </Button>
      </div>
    </form>
  );
}
