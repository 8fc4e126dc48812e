import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { caseInputSchema, type Case, type Unit } from '@phongdich/core';
import { UnitPicker } from '../../components/unit-picker.js';
import { Alert, Button, TextAreaField, TextField } from '../../components/ui.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { ClassificationField, IsolationFields, TestFields } from './case-fields.js';
import { casesApi, keys } from './cases-api.js';
import { useCasesText } from './text.js';

const EMPTY = {
  phone: '',
  fullName: '',
  streetAddress: '',
  classification: 'confirmed',
  onsetDate: '',
  testDate: '',
  testResult: '',
  isolationDate: '',
  isolationPlace: '',
  note: '',
};

/** Officials register a case; the server traces its contacts in the same step. */
export function RegisterCaseForm({ homeUnitCode, onCreated }: { homeUnitCode: string; onCreated: (created: Case) => void }) {
  const { text } = useCasesText();
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const [commune, setCommune] = useState<Unit | null>(null);
  const errors = useFormErrors();
  const create = useMutation({
    mutationFn: casesApi.create,
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: keys.cases });
      setForm(EMPTY);
      setCommune(null);
      onCreated(created);
    },
    onError: (error) => errors.fromError(error),
  });
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const error = (field: string) => errors.fieldErrors[field];

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    // Empty optional fields are left out rather than sent as ''.
    const filled = Object.fromEntries(Object.entries(form).filter(([, value]) => value.trim() !== ''));
    const checked = validate(caseInputSchema, { ...filled, communeCode: commune?.code ?? '' });
    // An unchosen commune gets a message about choosing, not about the format of a unit code.
    if (checked.errors || !commune) return errors.setFieldErrors({ ...checked.errors, ...(commune ? {} : { communeCode: text.chooseCommune }) });
    create.mutate(checked.data);
  }

  const hasFieldErrors = Object.keys(errors.fieldErrors).length > 0;
  return (
    <form className="card cases-form" onSubmit={submit} noValidate aria-labelledby="register-case-title">
      <h2 id="register-case-title">{text.registerTitle}</h2>
      <p className="muted">{text.registerHelp}</p>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      {hasFieldErrors && <Alert kind="error">{text.fixProblems}</Alert>}
      <div className="grid-2">
        <TextField label={text.phone} type="tel" autoComplete="off" value={form.phone} onChange={set('phone')} error={error('phone')} />
        <TextField label={text.fullName} value={form.fullName} onChange={set('fullName')} error={error('fullName')} />
        <UnitPicker label={text.communeOfResidence} help={text.communeHelp} within={homeUnitCode} tier="commune" value={commune} onChange={setCommune} error={error('communeCode')} />
        <TextField label={text.streetAddress} value={form.streetAddress} onChange={set('streetAddress')} error={error('streetAddress')} />
        <ClassificationField value={form.classification} onChange={set('classification')} error={error('classification')} />
        <TestFields form={form} set={set} error={error} onsetHelp />
        <IsolationFields form={form} set={set} error={error} />
      </div>
      <TextAreaField label={text.note} maxLength={1000} value={form.note} onChange={set('note')} error={error('note')} />
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? text.saving : text.saveAndTrace}
      </Button>
    </form>
  );
}
