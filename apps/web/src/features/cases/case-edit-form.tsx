import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CASE_OUTCOMES, caseUpdateSchema, type Case } from '@phongdich/core';
import { Alert, Button, SelectField } from '../../components/ui.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { ClassificationField, IsolationFields, TestFields } from './case-fields.js';
import { casesApi, keys } from './cases-api.js';
import { changedFields } from './cases-format.js';
import { useCasesText } from './text.js';

/** Changes the dates, classification and outcome of a case; only what changed is sent. */
export function CaseEditForm({ current, onDone }: { current: Case; onDone: () => void }) {
  const { text } = useCasesText();
  const client = useQueryClient();
  const original = {
    classification: current.classification,
    outcome: current.outcome,
    onsetDate: current.onsetDate ?? '',
    testDate: current.testDate ?? '',
    testResult: current.testResult ?? '',
    isolationDate: current.isolationDate ?? '',
    isolationPlace: current.isolationPlace ?? '',
  };
  const [form, setForm] = useState<Record<keyof typeof original, string>>(original);
  const [unchanged, setUnchanged] = useState(false);
  const errors = useFormErrors();
  const update = useMutation({
    mutationFn: (body: unknown) => casesApi.update(current.id, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.cases });
      onDone();
    },
    onError: (error) => errors.fromError(error),
  });
  const set = (key: keyof typeof original) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const error = (field: string) => errors.fieldErrors[field];

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const changes = changedFields(original, form);
    setUnchanged(Object.keys(changes).length === 0);
    if (Object.keys(changes).length === 0) return;
    const checked = validate(caseUpdateSchema, changes);
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    update.mutate(checked.data);
  }

  return (
    <form className="card cases-form" onSubmit={submit} noValidate aria-labelledby="case-edit-title">
      <h2 id="case-edit-title">{text.editCase}</h2>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      {unchanged && <Alert kind="info">{text.nothingChanged}</Alert>}
      <div className="grid-2">
        <ClassificationField value={form.classification} onChange={set('classification')} error={error('classification')} />
        <SelectField label={text.outcome} value={form.outcome} onChange={set('outcome')} error={error('outcome')}>
          {CASE_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {text.outcomes[o]}
            </option>
          ))}
        </SelectField>
        <TestFields form={form} set={set} error={error} />
        <IsolationFields form={form} set={set} error={error} />
      </div>
      <div className="form-actions">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? text.saving : text.saveCase}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {text.cancel}
        </Button>
      </div>
    </form>
  );
}
