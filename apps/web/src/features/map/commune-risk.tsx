import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RISK_LEVELS, riskOverrideSchema, type UnitRisk } from '@phongdich/core';
import { ConfirmDialog } from '../../components/confirm.js';
import { Alert, Button, LoadError, Loading, SelectField, TextAreaField, TextField, TableHead } from '../../components/ui.js';
import { formatNumber } from '../../lib/format.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { mapApi, mapKeys } from './map-api.js';
import { formatDecimal, formatLocalDate, formatPercent } from './map-format.js';
import { RiskBadge } from './map-ui.js';
import { riskLabel } from './risk-style.js';
import { useMapText } from './text.js';

/** The figures a commune's level comes from. */
export function CommuneRiskFacts({ risk }: { risk: UnitRisk }) {
  const { text, lang } = useMapText();
  return (
    <dl className="facts">
      <dt>{text.level}</dt>
      <dd>
        <RiskBadge level={risk.level} />
        {risk.overridden && <div className="muted">{text.overriddenNote}</div>}
      </dd>
      {risk.overridden && (
        <>
          <dt>{text.computedLevel}</dt>
          <dd>
            <RiskBadge level={risk.computedLevel} />
          </dd>
        </>
      )}
      <dt>{text.levelDate}</dt>
      <dd>{formatLocalDate(risk.date)}</dd>
      <dt>{text.newCases7d}</dt>
      <dd>{formatNumber(risk.newCases7d)}</dd>
      <dt>{text.casesPer100k}</dt>
      <dd>{formatDecimal(risk.casesPer100k, lang)}</dd>
      <dt>{text.population}</dt>
      <dd>{risk.population === null ? text.unknown : formatNumber(risk.population)}</dd>
      <dt>{text.vaccinationCoverage}</dt>
      <dd>{risk.vaccinationCoverage === null ? text.unknown : formatPercent(risk.vaccinationCoverage, lang)}</dd>
    </dl>
  );
}

/** The levels a commune had, newest first, with who changed them and why. */
export function RiskHistory({ code }: { code: string }) {
  const { text } = useMapText();
  const history = useQuery({ queryKey: mapKeys.history(code), queryFn: () => mapApi.history(code) });
  if (history.isPending) return <Loading />;
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.items.length === 0) return <p className="empty">{text.noHistory}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table epimap-history epimap-cards" data-testid="risk-history">
        <caption className="visually-hidden">{text.historyTitle}</caption>
        <TableHead columns={[text.date, text.level, text.source]} />
        <tbody>
          {history.data.items.map((item, index) => (
            <tr key={`${item.date}-${index}`}>
              <td data-label={text.date}>{formatLocalDate(item.date)}</td>
              <td data-label={text.level}>
                {/* Level 0 marks the withdrawal of an override: the computed level applies again. */}
                {item.source === 'override' && item.level === 0 ? text.clearOverride : <RiskBadge level={item.level} />}
                {item.source === 'override' && item.level > 0 && item.computedLevel > 0 && item.computedLevel !== item.level && <div className="muted">{text.computedWas(item.computedLevel)}</div>}
              </td>
              <td data-label={text.source}>
                {item.source === 'override' ? text.sourceOverride : text.sourceComputed}
                {item.byName && <div className="muted">{item.byName}</div>}
                {item.reason && <div>{item.reason}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function useRiskSaved() {
  const client = useQueryClient();
  return (updated: UnitRisk) => {
    void client.invalidateQueries({ queryKey: ['map', 'risk'] });
    void client.invalidateQueries({ queryKey: mapKeys.history(updated.code) });
  };
}

/**
 * An official sets a commune's level by hand, with a reason the history keeps. Before saving, the
 * official reads what will change and for how many people.
 */
export function OverrideForm({ risk, onSaved }: { risk: UnitRisk; onSaved?: (updated: UnitRisk) => void }) {
  const { text, lang } = useMapText();
  const saved = useRiskSaved();
  const errors = useFormErrors();
  const [level, setLevel] = useState(String(risk.level));
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [confirming, setConfirming] = useState<{ level: number; reason: string; until?: string } | null>(null);
  const save = useMutation({
    mutationFn: (body: { level: number; reason: string; until?: string }) => mapApi.override(risk.code, body),
    onSuccess: (updated) => {
      saved(updated);
      setReason('');
      setUntil('');
      onSaved?.(updated);
    },
    onError: (error) => errors.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(riskOverrideSchema, { level: Number(level), reason, until: until || undefined });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    setConfirming(checked.data);
  }

  return (
    <form className="epimap-form" onSubmit={submit} noValidate aria-label={text.overrideTitle}>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      {save.isSuccess && <Alert kind="success">{text.overrideSaved}</Alert>}
      <SelectField label={text.newLevel} value={level} onChange={(e) => setLevel(e.target.value)} error={errors.fieldErrors.level}>
        {RISK_LEVELS.map((l) => (
          <option key={l} value={l}>
            {riskLabel(l, lang, '')}
          </option>
        ))}
      </SelectField>
      <TextAreaField label={text.reason} help={text.reasonHelp} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} error={errors.fieldErrors.reason} />
      <TextField label={text.until} help={text.untilHelp} type="date" value={until} onChange={(e) => setUntil(e.target.value)} error={errors.fieldErrors.until} />
      <Button type="submit" disabled={save.isPending}>
        {text.saveOverride}
      </Button>
      {confirming && (
        <ConfirmDialog
          message={text.confirmOverride({
            name: risk.name,
            from: riskLabel(risk.level, lang, text.noLevel),
            to: riskLabel(confirming.level, lang, text.noLevel),
            people: risk.population === null ? null : formatNumber(risk.population),
            until: confirming.until ? formatLocalDate(confirming.until) : null,
          })}
          confirmLabel={text.saveOverride}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            save.mutate(confirming);
            setConfirming(null);
          }}
        />
      )}
    </form>
  );
}

/** Goes back to the computed level. */
export function ClearOverride({ risk, onCleared }: { risk: UnitRisk; onCleared?: (updated: UnitRisk) => void }) {
  const { text, lang } = useMapText();
  const saved = useRiskSaved();
  const [asking, setAsking] = useState(false);
  const clear = useMutation({
    mutationFn: () => mapApi.clearOverride(risk.code),
    onSuccess: (updated) => {
      saved(updated);
      onCleared?.(updated);
    },
  });
  if (!risk.overridden) return null;
  return (
    <>
      {clear.isError && <Alert kind="error">{clear.error.message}</Alert>}
      <Button variant="secondary" onClick={() => setAsking(true)} disabled={clear.isPending}>
        {text.clearOverride}
      </Button>
      {asking && (
        <ConfirmDialog
          message={text.confirmClear(risk.name, riskLabel(risk.computedLevel, lang, text.noLevel))}
          confirmLabel={text.clearOverride}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            clear.mutate();
            setAsking(false);
          }}
        />
      )}
    </>
  );
}
