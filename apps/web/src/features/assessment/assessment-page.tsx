import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { assessmentOverrideSchema, SAFETY_LEVEL_LABELS, SAFETY_LEVELS, type PlaceDetail, type SafetyLevel } from '@phongdich/core';
import { ConfirmDialog } from '../../components/confirm.js';
import { Alert, Button, LoadError, Loading, Page, SelectField } from '../../components/ui.js';
import { formatDateTime } from '../../lib/format.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { assessmentApi, assessmentKeys, type Assessment, type AssessmentState } from './assessment-api.js';
import { biggestGaps, effectiveLevel, formatRiskPercent, progressOf, startingAnswers, submission, type Answers } from './assessment-score.js';
import { useAssessmentText } from './text.js';

/**
 * A place's COVID-safety self-assessment: the owner answers the checklist of the place's kind and
 * sees the risk as they go; everyone with access sees the history; officials can correct the level.
 */
export function AssessmentPage({ placeId }: { placeId: string }) {
  const { text } = useAssessmentText();
  const place = useQuery({ queryKey: assessmentKeys.place(placeId), queryFn: () => assessmentApi.place(placeId) });
  const state = useQuery({ queryKey: assessmentKeys.state(placeId), queryFn: () => assessmentApi.state(placeId) });
  if (place.isPending || state.isPending)
    return (
      <Page title={text.title}>
        <Loading />
      </Page>
    );
  if (place.isError || state.isError)
    return (
      <Page title={text.title}>
        <LoadError error={place.error ?? state.error} onRetry={() => void Promise.all([place.refetch(), state.refetch()])} />
      </Page>
    );
  const p = place.data;
  const official = p.myRole === 'official' || p.myRole === 'admin';
  return (
    <Page title={text.title}>
      <div className="assessment-scope">
        <p className="lead">
          <Link to={`/places/${encodeURIComponent(p.id)}`}>{text.backToPlace(p.name)}</Link>
        </p>
        <p>{text.intro}</p>
        <CurrentResult latest={state.data.latest} />
        {p.myRole === 'owner' ? <Checklist place={p} state={state.data} /> : <p className="muted">{text.readOnly}</p>}
        <History items={state.data.history} />
        {official && <OverrideForm place={p} latest={state.data.latest} />}
      </div>
    </Page>
  );
}

function LevelBadge({ level }: { level: SafetyLevel }) {
  const { lang } = useAssessmentText();
  return (
    <span className="safety-badge">
      <span className="safety-swatch" style={{ background: SAFETY_LEVEL_LABELS[level].colour }} aria-hidden="true" />
      {SAFETY_LEVEL_LABELS[level][lang]}
    </span>
  );
}

function CurrentResult({ latest }: { latest: Assessment | null }) {
  const { text, lang } = useAssessmentText();
  return (
    <section className="card" aria-labelledby="assessment-current" data-testid="assessment-current">
      <h2 id="assessment-current">{text.currentTitle}</h2>
      {!latest ? (
        <p className="empty">{text.noneYet}</p>
      ) : (
        <>
          <p className="assessment-result">
            <LevelBadge level={effectiveLevel(latest)} /> <span>{text.riskOf(formatRiskPercent(latest.riskPercent, lang))}</span>
          </p>
          <p className="muted">{text.assessedAt(formatDateTime(latest.assessedAt))}</p>
          {latest.overriddenLevel && <Alert kind="warning">{text.overriddenBy(SAFETY_LEVEL_LABELS[latest.overriddenLevel][lang], latest.overrideReason ?? '')}</Alert>}
        </>
      )}
    </section>
  );
}

function Checklist({ place, state }: { place: PlaceDetail; state: AssessmentState }) {
  const { text, lang } = useAssessmentText();
  const client = useQueryClient();
  const set = state.criteriaSet;
  const [answers, setAnswers] = useState<Answers>(() => startingAnswers(set, state.latest));
  const [prefilled] = useState(() => Object.keys(startingAnswers(set, state.latest)).length > 0);
  const [problem, setProblem] = useState<string | null>(null);
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const progress = progressOf(set, answers);
  const send = useMutation({
    mutationFn: (body: { criteriaSet: string; answers: Record<string, boolean> }) => assessmentApi.submit(place.id, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: assessmentKeys.state(place.id) });
      void client.invalidateQueries({ queryKey: ['map'] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const body = submission(set, answers);
    if (!body) {
      const first = progress.firstUnanswered;
      setProblem(text.unanswered(progress.total - progress.answered, first ? first[lang] : ''));
      if (first) formRef.current?.querySelector<HTMLInputElement>(`input[name="${formId}-${first.id}"]`)?.focus();
      return;
    }
    send.mutate(body);
  }

  const gaps = send.data ? biggestGaps(set, answers) : [];
  return (
    <section className="card" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{text.checklistTitle(set.title[lang])}</h2>
      {prefilled && <p className="muted">{text.prefilled}</p>}
      <form ref={formRef} onSubmit={submit} noValidate className="assessment-form">
        <ol className="assessment-list">
          {set.criteria.map((criterion) => {
            const name = `${formId}-${criterion.id}`;
            const value = answers[criterion.id];
            return (
              <li key={criterion.id}>
                <fieldset className="assessment-item">
                  <legend>{criterion[lang]}</legend>
                  <p className="muted" id={`${name}-points`}>
                    {text.points(criterion.points)}
                  </p>
                  <div className="assessment-choice">
                    {([true, false] as const).map((choice) => (
                      <label key={String(choice)} className={`assessment-option${value === choice ? ' chosen' : ''}`}>
                        <input
                          type="radio"
                          name={name}
                          checked={value === choice}
                          aria-describedby={`${name}-points`}
                          onChange={() => {
                            setAnswers((current) => ({ ...current, [criterion.id]: choice }));
                            send.reset();
                          }}
                        />
                        {choice ? text.yes : text.no}
                      </label>
                    ))}
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <div className="assessment-score" role="status" aria-label={text.scoreLabel} data-testid="assessment-score">
          <span>{text.progress(progress.answered, progress.total)}</span>
          <span>
            <strong>{formatRiskPercent(progress.riskPercent, lang)}</strong> <LevelBadge level={progress.level} />
          </span>
          {!progress.complete && <span className="muted">{text.provisional}</span>}
        </div>
        {problem && <Alert kind="error">{problem}</Alert>}
        {send.isError && <Alert kind="error">{send.error.message}</Alert>}
        {send.data && (
          <Alert kind="success">
            {text.saved(formatRiskPercent(send.data.riskPercent, lang), SAFETY_LEVEL_LABELS[send.data.level][lang])}
            {gaps.length > 0 && (
              <>
                <br />
                <strong>{text.gapsTitle}:</strong>
                <ul>
                  {gaps.map((g) => (
                    <li key={g.id}>{g[lang]}</li>
                  ))}
                </ul>
              </>
            )}
          </Alert>
        )}
        <Button type="submit" disabled={send.isPending}>
          {send.isPending ? text.sending : text.submit}
        </Button>
      </form>
    </section>
  );
}

function History({ items }: { items: Assessment[] }) {
  const { text, lang } = useAssessmentText();
  return (
    <section aria-labelledby="assessment-history">
      <h2 id="assessment-history">{text.historyTitle}</h2>
      {items.length === 0 ? (
        <p className="empty">{text.noHistory}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="assessment-history">
            <caption className="visually-hidden">{text.historyTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{text.when}</th>
                <th scope="col" className="number">
                  {text.risk}
                </th>
                <th scope="col">{text.level}</th>
                <th scope="col">{text.correction}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td data-label={text.when}>{formatDateTime(a.assessedAt)}</td>
                  <td data-label={text.risk} className="number">
                    {formatRiskPercent(a.riskPercent, lang)}
                  </td>
                  <td data-label={text.level}>
                    <LevelBadge level={a.level} />
                  </td>
                  <td data-label={text.correction}>
                    {a.overriddenLevel ? (
                      <>
                        <LevelBadge level={a.overriddenLevel} />
                        {a.overrideReason && <div className="muted">{a.overrideReason}</div>}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OverrideForm({ place, latest }: { place: PlaceDetail; latest: Assessment | null }) {
  const { text, lang } = useAssessmentText();
  const client = useQueryClient();
  const errors = useFormErrors();
  const reasonId = useId();
  const [level, setLevel] = useState<SafetyLevel>(latest ? effectiveLevel(latest) : 'medium');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState<{ level: SafetyLevel; reason: string } | null>(null);
  const save = useMutation({
    mutationFn: (body: { level: SafetyLevel; reason: string }) => assessmentApi.override(place.id, body),
    onSuccess: () => {
      setReason('');
      void client.invalidateQueries({ queryKey: assessmentKeys.state(place.id) });
      void client.invalidateQueries({ queryKey: ['map'] });
    },
    onError: (error) => errors.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(assessmentOverrideSchema, { level, reason });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    setConfirming(checked.data);
  }

  return (
    <section className="card" aria-labelledby="assessment-override">
      <h2 id="assessment-override">{text.overrideTitle}</h2>
      <p className="field-help">{text.overrideHelp}</p>
      {!latest ? (
        <p className="muted">{text.needAssessment}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
          {save.isSuccess && <Alert kind="success">{text.overrideSaved}</Alert>}
          <SelectField label={text.newLevel} value={level} onChange={(e) => setLevel(e.target.value as SafetyLevel)} error={errors.fieldErrors.level}>
            {SAFETY_LEVELS.map((l) => (
              <option key={l} value={l}>
                {SAFETY_LEVEL_LABELS[l][lang]}
              </option>
            ))}
          </SelectField>
          <div className={`field${errors.fieldErrors.reason ? ' field-invalid' : ''}`}>
            <label htmlFor={reasonId}>{text.reason}</label>
            <textarea
              id={reasonId}
              rows={3}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={errors.fieldErrors.reason ? true : undefined}
              aria-describedby={`${reasonId}-help`}
            />
            <p className={errors.fieldErrors.reason ? 'field-error' : 'field-help'} id={`${reasonId}-help`} role={errors.fieldErrors.reason ? 'alert' : undefined}>
              {errors.fieldErrors.reason ?? text.reasonHelp}
            </p>
          </div>
          <Button type="submit" disabled={save.isPending}>
            {text.saveOverride}
          </Button>
          {confirming && (
            <ConfirmDialog
              message={text.confirmOverride(place.name, SAFETY_LEVEL_LABELS[confirming.level][lang])}
              confirmLabel={text.saveOverride}
              onCancel={() => setConfirming(null)}
              onConfirm={() => {
                save.mutate(confirming);
                setConfirming(null);
              }}
            />
          )}
        </form>
      )}
    </section>
  );
}
