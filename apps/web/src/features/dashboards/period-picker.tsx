import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../components/ui.js';
import { checkPeriod, detectPreset, PERIOD_PRESETS, presetPeriod, type Period, type PeriodPreset, type PeriodProblem } from './period.js';
import { useDashboardsText } from './text.js';

type Choice = PeriodPreset | 'custom';

/**
 * The reporting period: a preset applies at once; custom dates apply with "Xem" once they make a
 * valid period (the server's rules: not reversed, at most 366 days).
 */
export function PeriodPicker({ period, today, onChange }: { period: Period; today: string; onChange: (period: Period) => void }) {
  const { text } = useDashboardsText();
  const id = useId();
  const [choice, setChoice] = useState<Choice>(() => detectPreset(period, today));
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [problem, setProblem] = useState<PeriodProblem | null>(null);

  const choose = (next: Choice) => {
    setChoice(next);
    setProblem(null);
    if (next === 'custom') return;
    const chosen = presetPeriod(next, today);
    setFrom(chosen.from);
    setTo(chosen.to);
    onChange(chosen);
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const found = checkPeriod({ from, to });
    setProblem(found);
    if (!found) onChange({ from, to });
  };

  return (
    <form className="period-picker" aria-labelledby={`${id}-legend`} onSubmit={apply}>
      <p id={`${id}-legend`} className="period-legend">
        {text.periodLegend}
      </p>
      <div className="field">
        <label htmlFor={`${id}-choice`}>{text.periodChoice}</label>
        <select id={`${id}-choice`} value={choice} onChange={(e) => choose(e.target.value as Choice)}>
          {[...PERIOD_PRESETS, 'custom' as const].map((p) => (
            <option key={p} value={p}>
              {text.presets[p]}
            </option>
          ))}
        </select>
      </div>
      {choice === 'custom' && (
        <>
          <div className={`field${problem ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-from`}>{text.from}</label>
            <input
              id={`${id}-from`}
              type="date"
              value={from}
              max={today}
              onChange={(e) => setFrom(e.target.value)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
            />
          </div>
          <div className={`field${problem ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-to`}>{text.to}</label>
            <input
              id={`${id}-to`}
              type="date"
              value={to}
              max={today}
              onChange={(e) => setTo(e.target.value)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
            />
          </div>
          <Button type="submit" variant="secondary" className="period-apply">
            {text.apply}
          </Button>
          {problem && (
            <p className="field-error period-problem" id={`${id}-problem`} role="alert">
              {text.periodProblems[problem]}
            </p>
          )}
        </>
      )}
    </form>
  );
}
