import { useId } from 'react';
import { describedBy, ErrorText, FieldFrame, Help, useFieldIds } from './field-frame.js';
import type { VaccineRow } from './record.js';
import { useDeclarationText } from './text.js';

// Names as printed on vaccination certificates in Vietnam, offered as suggestions; any name may be typed.
const COMMON_VACCINES = [
  'Comirnaty (Pfizer-BioNTech)',
  'Spikevax (Moderna)',
  'Vaxzevria (AstraZeneca)',
  'Vero Cell (Sinopharm)',
  'CoronaVac (Sinovac)',
  'Sputnik V (Gam-COVID-Vac)',
  'Abdala',
  'Hayat-Vax',
  'Janssen (Johnson & Johnson)',
  'Covaxin',
  'Nanocovax',
];

const MAX_VACCINES = 10;

/** The vaccines received: rows of name and doses, added and removed by the person. */
export function VaccinesQuestion({
  path,
  label,
  help,
  errors,
  value,
  onChange,
}: {
  path: string;
  label: string;
  help?: string | undefined;
  /** The step's problems; those of this question are at "vaccines" and "vaccines.<row>.<name|doses>". */
  errors: Readonly<Record<string, string>>;
  value: VaccineRow[] | undefined;
  onChange: (rows: VaccineRow[]) => void;
}) {
  const { text } = useDeclarationText();
  const ids = useFieldIds();
  const suggestions = useId();
  const rows = value ?? [];
  const error = errors[path];
  const change = (index: number, patch: Partial<VaccineRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const rowInvalid = rows.some((_, index) => Boolean(errors[`${path}.${index}.name`] ?? errors[`${path}.${index}.doses`]));
  return (
    <FieldFrame path={path} error={error} invalid={rowInvalid}>
      <fieldset className="vaccines" aria-describedby={describedBy(ids, help, error)}>
        <legend>{label}</legend>
        <Help ids={ids} help={help} />
        {rows.length === 0 && <p className="muted">{text.noVaccines}</p>}
        <datalist id={suggestions}>
          {COMMON_VACCINES.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {rows.map((row, index) => (
          <VaccineRowFields
            key={index}
            number={index + 1}
            row={row}
            suggestions={suggestions}
            nameError={errors[`${path}.${index}.name`]}
            dosesError={errors[`${path}.${index}.doses`]}
            onChange={(patch) => change(index, patch)}
            onRemove={() => onChange(rows.filter((_, i) => i !== index))}
          />
        ))}
        {rows.length < MAX_VACCINES && (
          <button type="button" className="btn btn-secondary" onClick={() => onChange([...rows, { name: '', doses: '' }])}>
            {text.addVaccine}
          </button>
        )}
        <ErrorText ids={ids} error={error} />
      </fieldset>
    </FieldFrame>
  );
}

function VaccineRowFields({
  number,
  row,
  suggestions,
  nameError,
  dosesError,
  onChange,
  onRemove,
}: {
  number: number;
  row: VaccineRow;
  suggestions: string;
  nameError?: string | undefined;
  dosesError?: string | undefined;
  onChange: (patch: Partial<VaccineRow>) => void;
  onRemove: () => void;
}) {
  const { text } = useDeclarationText();
  const name = useFieldIds();
  const doses = useFieldIds();
  return (
    <fieldset className="vaccine-row">
      <legend>{text.vaccineRow(number)}</legend>
      <div className={`field${nameError ? ' field-invalid' : ''}`}>
        <label htmlFor={name.id}>{text.vaccineName}</label>
        <input
          id={name.id}
          type="text"
          list={suggestions}
          autoComplete="off"
          value={row.name}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={describedBy(name, undefined, nameError)}
          onChange={(event) => onChange({ name: event.target.value })}
        />
        <ErrorText ids={name} error={nameError} />
      </div>
      <div className={`field${dosesError ? ' field-invalid' : ''}`}>
        <label htmlFor={doses.id}>{text.vaccineDoses}</label>
        <input
          id={doses.id}
          type="text"
          inputMode="numeric"
          maxLength={2}
          autoComplete="off"
          value={row.doses}
          aria-invalid={dosesError ? true : undefined}
          aria-describedby={describedBy(doses, undefined, dosesError)}
          onChange={(event) => onChange({ doses: event.target.value })}
        />
        <ErrorText ids={doses} error={dosesError} />
      </div>
      <button type="button" className="btn btn-link" onClick={onRemove}>
        {text.removeVaccine(number)}
      </button>
    </fieldset>
  );
}
