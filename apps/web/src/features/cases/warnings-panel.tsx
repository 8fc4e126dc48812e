import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { casesApi, keys } from './cases-api.js';
import { formatDay, formatLocalDate, formatTime } from './cases-format.js';
import { useCasesText } from './text.js';

/**
 * The citizen's exposure warnings on the home page: calm and specific — what happened, what to do
 * until when, whom to call. Renders nothing when there are none (or they cannot be loaded).
 */
export function WarningsPanel() {
  const { text } = useCasesText();
  const warnings = useQuery({ queryKey: keys.warnings, queryFn: casesApi.warnings, staleTime: 5 * 60_000 });
  const items = warnings.data?.items ?? [];
  if (items.length === 0) return null;
  const until = items.map((w) => w.quarantineEnd).reduce<string | null>((latest, end) => (end && (!latest || end > latest) ? end : latest), null);
  return (
    <section className="warnings-panel" aria-labelledby="warnings-title" data-testid="warnings-panel">
      <h2 id="warnings-title">{text.warningsTitle}</h2>
      <p>{text.warningIntro}</p>
      <ul className="warnings-list">
        {items.map((w) => (
          <li key={w.id}>
            <strong>
              {text.warningWhen(formatDay(w.windowStart), formatTime(w.windowStart), formatTime(w.windowEnd))}
              {w.placeName ? ` ${text.warningPlace(w.placeName)}` : ''}
            </strong>
            <span>
              {w.generation <= 1 ? text.warningCloseContact : text.warningSecondary} ({text.warningHow[w.source]})
            </span>
          </li>
        ))}
      </ul>
      <p className="warnings-todo">{until ? text.warningTodoUntil(formatLocalDate(until)) : text.warningTodo}</p>
      <p>{text.warningCall}</p>
      <Link className="btn btn-primary" to="/declarations/new?kind=daily_update">
        {text.declareDaily}
      </Link>
    </section>
  );
}
