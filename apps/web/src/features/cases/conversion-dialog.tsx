import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { conversionSchema, type Case, type Contact, type Unit } from '@phongdich/core';
import { UnitPicker } from '../../components/unit-picker.js';
import { Alert, Button, TextField } from '../../components/ui.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { ClassificationField, TestFields } from './case-fields.js';
import { casesApi, keys } from './cases-api.js';
import { FormDialog } from './cases-ui.js';
import { useCasesText } from './text.js';

/** One step from contact to case: says what will happen, asks what a case record needs. */
export function ConversionDialog({
  contact,
  homeUnitCode,
  onClose,
  onConverted,
}: {
  contact: Contact;
  homeUnitCode: string;
  onClose: () => void;
  onConverted: (created: Case) => void;
}) {
  const { text } = useCasesText();
  const client = useQueryClient();
  const [form, setForm] = useState({ classification: 'confirmed', onsetDate: '', testDate: '', testResult: '', fullName: '' });
  const [commune, setCommune] = useState<Unit | null>(null);
  const errors = useFormErrors();
  const convert = useMutation({
    mutationFn: (body: unknown) => casesApi.convert(contact.id, body),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: keys.cases });
      void client.invalidateQueries({ queryKey: keys.worklistAll });
      onConverted(created);
    },
    onError: (error) => errors.fromError(error),
  });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const error = (field: string) => errors.fieldErrors[field];

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const filled = Object.fromEntries(Object.entries(form).filter(([, value]) => value.trim() !== ''));
    const checked = validate(conversionSchema, { ...filled, communeCode: commune?.code ?? '' });
    // An unchosen commune gets a message about choosing, not about the format of a unit code.
    if (checked.errors || !commune) return errors.setFieldErrors({ ...checked.errors, ...(commune ? {} : { communeCode: text.chooseCommune }) });
    convert.mutate(checked.data);
  }

  return (
    <FormDialog title={text.convertTitle(contact.displayName)} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Alert kind="warning">{text.convertExplain}</Alert>
        {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
        <ClassificationField value={form.classification} onChange={set('classification')} error={error('classification')} />
        <UnitPicker label={text.communeOfResidence} help={text.communeHelp} within={homeUnitCode} tier="commune" value={commune} onChange={setCommune} error={error('communeCode')} />
        <TextField label={text.fullNameOptional} help={text.fullNameOptionalHelp} value={form.fullName} onChange={set('fullName')} error={error('fullName')} />
        <TestFields form={form} set={set} error={error} onsetHelp />
        <div className="form-actions">
          <Button type="submit" disabled={convert.isPending}>
            {convert.isPending ? text.saving : text.convert}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {text.cancel}
          </Button>
        </div>
      </form>
    </FormDialog>
  );
}
