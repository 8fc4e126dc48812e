import { useRef, type InputHTMLAttributes } from 'react';
import type { DeclarationOption, FieldInput, Language } from '@phongdich/core';
import { formatDayMonthYear, parseDayMonthYear } from './dates.js';
import { describedBy, ErrorText, FieldFrame, Help, HelpAndError, useFieldIds } from './field-frame.js';
import { useDeclarationText } from './text.js';

/** What every question component receives. */
export interface QuestionProps<V> {
  path: string;
  label: string;
  help?: string | undefined;
  error?: string | undefined;
  value: V | undefined;
  onChange: (value: V | undefined) => void;
}

type TextInput = Extract<FieldInput, 'text' | 'textarea' | 'year' | 'number' | 'phone' | 'email'>;

// What the phone keyboard and autofill should offer for each kind of answer.
const INPUT_PROPS: Record<Exclude<TextInput, 'textarea'>, InputHTMLAttributes<HTMLInputElement>> = {
  text: { type: 'text' },
  year: { type: 'text', inputMode: 'numeric', maxLength: 4 },
  number: { type: 'text', inputMode: 'decimal' },
  phone: { type: 'tel', inputMode: 'tel', autoComplete: 'tel' },
  email: { type: 'email', inputMode: 'email', autoComplete: 'email', autoCapitalize: 'none', spellCheck: false },
};

const AUTOCOMPLETE_BY_PATH: Record<string, string> = {
  'person.fullName': 'name',
  'person.birthYear': 'bday-year',
  'person.address.street': 'street-address',
};

/** A typed answer: text, number, year, phone, email or a longer text. */
export function TextQuestion({ path, label, help, error, value, onChange, input }: QuestionProps<string> & { input: TextInput }) {
  const ids = useFieldIds();
  const shared = {
    id: ids.id,
    name: path,
    value: value ?? '',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(ids, help, error),
  };
  const codeLike = path.endsWith('idNumber') || path === 'vehicleNumber' || path === 'seat';
  return (
    <FieldFrame path={path} error={error}>
      <label htmlFor={ids.id}>{label}</label>
      {input === 'textarea' ? (
        <textarea {...shared} rows={3} maxLength={500} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...INPUT_PROPS[input]}
          {...shared}
          autoComplete={INPUT_PROPS[input].autoComplete ?? AUTOCOMPLETE_BY_PATH[path] ?? 'off'}
          {...(codeLike ? { autoCapitalize: 'characters', spellCheck: false } : {})}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      <HelpAndError ids={ids} help={help} error={error} />
    </FieldFrame>
  );
}

// Browsers without showPicker() (older Android WebViews) get the native date input shown instead of a button.
const CAN_SHOW_PICKER = typeof HTMLInputElement !== 'undefined' && 'showPicker' in HTMLInputElement.prototype;

/**
 * A date typed as dd/mm/yyyy (stored as YYYY-MM-DD as soon as it is a real date; kept as typed until
 * then, so the schema can say what is wrong) or picked on the phone's calendar.
 */
export function DateQuestion({ path, label, help, error, value, onChange }: QuestionProps<string>) {
  const { text } = useDeclarationText();
  const ids = useFieldIds();
  const picker = useRef<HTMLInputElement>(null);
  const iso = value && parseDayMonthYear(value) === value ? value : '';
  const hint = help ? `${help} ${text.dateHint}` : text.dateHint;
  return (
    <FieldFrame path={path} error={error} className="date-question">
      <label htmlFor={ids.id} id={`${ids.id}-label`}>
        {label}
      </label>
      <div className="date-row">
        <input
          id={ids.id}
          name={path}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={text.datePlaceholder}
          value={value ? formatDayMonthYear(value) : ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(ids, hint, error)}
          onChange={(event) => onChange(event.target.value === '' ? undefined : (parseDayMonthYear(event.target.value) ?? event.target.value))}
        />
        {CAN_SHOW_PICKER ? (
          <>
            <button type="button" className="btn btn-secondary date-button" onClick={() => picker.current?.showPicker()} aria-describedby={`${ids.id}-label`}>
              <span aria-hidden="true">📅</span> {text.pickDate}
            </button>
            <input
              ref={picker}
              type="date"
              className="date-picker-hidden"
              tabIndex={-1}
              aria-hidden="true"
              value={iso}
              onChange={(event) => onChange(event.target.value || undefined)}
            />
          </>
        ) : (
          <input type="date" className="date-picker-visible" aria-label={text.pickDate} aria-describedby={`${ids.id}-label`} value={iso} onChange={(event) => onChange(event.target.value || undefined)} />
        )}
      </div>
      <HelpAndError ids={ids} help={hint} error={error} />
    </FieldFrame>
  );
}

/** One yes/no question as two big buttons (UX.md: never a checkbox, so "no" is never "not answered"). */
export function YesNoQuestion({ path, label, help, error, value, onChange }: QuestionProps<boolean>) {
  const { text } = useDeclarationText();
  const ids = useFieldIds();
  const labelId = `${ids.id}-label`;
  return (
    <FieldFrame path={path} error={error} className="yes-no">
      <div role="group" aria-labelledby={labelId} aria-describedby={describedBy(ids, help, error)}>
        <p className="yes-no-question" id={labelId}>
          {label}
        </p>
        <div className="yes-no-buttons">
          {([true, false] as const).map((answer) => (
            <button key={String(answer)} type="button" className="choice-button" aria-pressed={value === answer} onClick={() => onChange(answer)}>
              {value === answer && <span aria-hidden="true">✓ </span>}
              {answer ? text.yes : text.no}
            </button>
          ))}
        </div>
        <HelpAndError ids={ids} help={help} error={error} />
      </div>
    </FieldFrame>
  );
}

/** One choice from a list, as big radio cards. */
export function SingleChoiceQuestion({ path, label, help, error, value, onChange, options, lang }: QuestionProps<string> & { options: readonly DeclarationOption[]; lang: Language }) {
  const ids = useFieldIds();
  const described = describedBy(ids, help, error);
  return (
    <FieldFrame path={path} error={error}>
      <fieldset className="choice-group" aria-describedby={described}>
        <legend>{label}</legend>
        <Help ids={ids} help={help} />
        {options.map((option) => (
          <label key={option.code} className="choice-card">
            <input type="radio" name={ids.id} value={option.code} checked={value === option.code} onChange={() => onChange(option.code)} aria-describedby={error ? ids.errorId : undefined} />
            <span>{option[lang]}</span>
          </label>
        ))}
        <ErrorText ids={ids} error={error} />
      </fieldset>
    </FieldFrame>
  );
}

/** Any number of choices from a list, as big checkbox cards; none chosen means "none of these". */
export function MultipleChoiceQuestion({ path, label, help, error, value, onChange, options, lang }: QuestionProps<string[]> & { options: readonly DeclarationOption[]; lang: Language }) {
  const ids = useFieldIds();
  const chosen = value ?? [];
  const toggle = (code: string) => onChange(chosen.includes(code) ? chosen.filter((each) => each !== code) : [...chosen, code]);
  return (
    <FieldFrame path={path} error={error}>
      <fieldset className="choice-group" aria-describedby={describedBy(ids, help, error)}>
        <legend>{label}</legend>
        <Help ids={ids} help={help} />
        {options.map((option) => (
          <label key={option.code} className="choice-card">
            <input type="checkbox" name={path} value={option.code} checked={chosen.includes(option.code)} onChange={() => toggle(option.code)} aria-describedby={error ? ids.errorId : undefined} />
            <span>{option[lang]}</span>
          </label>
        ))}
        <ErrorText ids={ids} error={error} />
      </fieldset>
    </FieldFrame>
  );
}
