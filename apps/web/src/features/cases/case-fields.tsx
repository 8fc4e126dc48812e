import { CASE_CLASSIFICATIONS, TEST_RESULTS_LAB } from '@phongdich/core';
import { SelectField, TextField } from '../../components/ui.js';
import { useCasesText } from './text.js';

type OnChange = (event: { target: { value: string } }) => void;

/** Confirmed, suspected…: the same choice wherever a case is registered, converted or corrected. */
export function ClassificationField({ value, onChange, error }: { value: string; onChange: OnChange; error: string | undefined }) {
  const { text } = useCasesText();
  return (
    <SelectField label={text.classification} value={value} onChange={onChange} error={error}>
      {CASE_CLASSIFICATIONS.map((c) => (
        <option key={c} value={c}>
          {text.classifications[c]}
        </option>
      ))}
    </SelectField>
  );
}

type Errors = (field: string) => string | undefined;

/** When the case fell ill and was tested, as every case form asks for it. */
export function TestFields({
  form,
  set,
  error,
  onsetHelp = false,
}: {
  form: Record<'onsetDate' | 'testDate' | 'testResult', string>;
  set: (key: 'onsetDate' | 'testDate' | 'testResult') => OnChange;
  error: Errors;
  onsetHelp?: boolean;
}) {
  const { text } = useCasesText();
  return (
    <>
      <TextField label={text.onsetDateLong} {...(onsetHelp ? { help: text.onsetHelp } : {})} type="date" value={form.onsetDate} onChange={set('onsetDate')} error={error('onsetDate')} />
      <TextField label={text.testDate} type="date" value={form.testDate} onChange={set('testDate')} error={error('testDate')} />
      <SelectField label={text.testResult} value={form.testResult} onChange={set('testResult')} error={error('testResult')}>
        <option value="">{text.noTestResult}</option>
        {TEST_RESULTS_LAB.map((r) => (
          <option key={r} value={r}>
            {text.testResults[r]}
          </option>
        ))}
      </SelectField>
    </>
  );
}

/** Since when and where the case is isolated. */
export function IsolationFields({ form, set, error }: { form: Record<'isolationDate' | 'isolationPlace', string>; set: (key: 'isolationDate' | 'isolationPlace') => OnChange; error: Errors }) {
  const { text } = useCasesText();
  return (
    <>
      <TextField label={text.isolationDate} type="date" value={form.isolationDate} onChange={set('isolationDate')} error={error('isolationDate')} />
      <TextField label={text.isolationPlace} value={form.isolationPlace} onChange={set('isolationPlace')} error={error('isolationPlace')} />
    </>
  );
}
