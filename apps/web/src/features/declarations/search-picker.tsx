import { useEffect, useState, type ReactNode } from 'react';
import type { Found } from './search.js';
import { describedBy, ErrorText, FieldFrame, Help, useFieldIds } from './field-frame.js';
import { useDeclarationText } from './text.js';

/**
 * A search box with its results as a list of buttons under it. Plain buttons rather than an ARIA
 * listbox: they work the same with touch, a keyboard and screen readers on cheap phones.
 */
export function SearchPicker({
  path,
  label,
  help,
  error,
  text,
  onText,
  results,
  note,
  onPick,
  chosen,
}: {
  path: string;
  label: string;
  help: string;
  error?: string | undefined;
  text: string;
  onText: (text: string) => void;
  /** Null until something is typed (or while results load). */
  results: readonly Found[] | null;
  /** A word about the search itself: offline, failed, loading. */
  note?: string | undefined;
  onPick: (found: Found) => void;
  /** What is chosen so far, shown above the box and read with it. */
  chosen: ReactNode;
}) {
  const { text: t } = useDeclarationText();
  const ids = useFieldIds();
  const chosenId = `${ids.id}-chosen`;
  const searched = results !== null && text.trim() !== '';
  return (
    <FieldFrame path={path} error={error} className="search-picker">
      <label htmlFor={ids.id}>{label}</label>
      <div id={chosenId} className="picked">
        {chosen}
      </div>
      <input
        id={ids.id}
        type="search"
        autoComplete="off"
        enterKeyHint="search"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, help, error, chosenId)}
        onChange={(event) => onText(event.target.value)}
        onKeyDown={(event) => {
          // Enter picks the first result instead of submitting the step.
          if (event.key !== 'Enter') return;
          event.preventDefault();
          const first = results?.[0];
          if (first) onPick(first);
        }}
      />
      <Help ids={ids} help={help} />
      {note && <p className="field-help">{note}</p>}
      <p role="status" className={searched && results.length === 0 ? 'field-help' : 'visually-hidden'}>
        {searched ? t.results(results.length) : ''}
      </p>
      {searched && results.length > 0 && (
        <ul className="search-results">
          {results.map((found) => (
            <li key={found.code}>
              <button type="button" onClick={() => onPick(found)}>
                {found.label}
                {found.detail && <span className="search-result-detail"> · {found.detail}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorText ids={ids} error={error} />
    </FieldFrame>
  );
}

/** The chosen items of a multiple search, each with a button to remove it. */
export function ChosenList({ items, onRemove }: { items: readonly { code: string; label: string }[]; onRemove: (code: string) => void }) {
  const { text } = useDeclarationText();
  if (items.length === 0) return <p className="muted">{text.noneChosen}</p>;
  return (
    <ul className="chips">
      {items.map((item) => (
        <li key={item.code}>
          <span>{item.label}</span>
          <button type="button" onClick={() => onRemove(item.code)}>
            <span aria-hidden="true">✕</span>
            <span className="visually-hidden">{text.removeChoice(item.label)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The single chosen item of a search. */
export function ChosenOne({ label }: { label: string | undefined }) {
  const { text } = useDeclarationText();
  return label ? (
    <p>
      {text.chosen} <strong>{label}</strong>
    </p>
  ) : (
    <p className="muted">{text.noneChosen}</p>
  );
}

/** The value after the person stops typing for a moment, so a search does not go out on every key. */
export function useSettled<T>(value: T, delayMs = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
