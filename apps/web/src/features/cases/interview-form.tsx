import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { interviewContactSchema } from '@phongdich/core';
import { Alert, Button, SelectField, TextAreaField, TextField } from '../../components/ui.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { casesApi, keys } from './cases-api.js';
import { vietnamDateTimeToEpoch } from './cases-format.js';
import { useCasesText } from './text.js';

const RELATIONS = ['household', 'colleague', 'friend', 'other'] as const;
const EMPTY = { phone: '', name: '', relation: 'household', lastContactAt: '', note: '' };

/** A contact named by the case in the epidemiological interview, added by hand to the list. */
export function InterviewForm({ caseId }: { caseId: string }) {
  const { text } = useCasesText();
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const [added, setAdded] = useState<string | null>(null);
  const errors = useFormErrors();
  const add = useMutation({
    mutationFn: (body: unknown) => casesApi.addContact(caseId, body),
    onSuccess: (contact) => {
      void client.invalidateQueries({ queryKey: keys.cases });
      setAdded(contact.displayName);
      setForm(EMPTY);
    },
    onError: (error) => errors.fromError(error),
  });
  const set = (key: keyof typeof EMPTY) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const error = (field: string) => errors.fieldErrors[field];

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    setAdded(null);
    const lastContactAt = vietnamDateTimeToEpoch(form.lastContactAt);
    const checked = validate(interviewContactSchema, {
      phone: form.phone,
      name: form.name,
      relation: form.relation,
      lastContactAt: Number.isNaN(lastContactAt) ? undefined : lastContactAt,
      ...(form.note.trim() ? { note: form.note } : {}),
    });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    add.mutate(checked.data);
  }

  return (
    <form className="card cases-form" onSubmit={submit} noValidate aria-labelledby="interview-title">
      <h3 id="interview-title">{text.addContact}</h3>
      {added && <Alert kind="success">{text.contactAdded(added)}</Alert>}
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      <div className="grid-2">
        <TextField label={text.contactName} value={form.name} onChange={set('name')} error={error('name')} />
        <TextField label={text.phone} type="tel" autoComplete="off" value={form.phone} onChange={set('phone')} error={error('phone')} />
        <SelectField label={text.relation} value={form.relation} onChange={set('relation')} error={error('relation')}>
          {RELATIONS.map((r) => (
            <option key={r} value={r}>
              {text.relations[r]}
            </option>
          ))}
        </SelectField>
        <TextField label={text.lastContactAt} type="datetime-local" value={form.lastContactAt} onChange={set('lastContactAt')} error={error('lastContactAt')} />
      </div>
      <TextAreaField label={text.note} maxLength={500} value={form.note} onChange={set('note')} error={error('note')} />
      <Button type="submit" disabled={add.isPending}>
        {add.isPending ? text.saving : text.addContactSubmit}
      </Button>
    </form>
  );
}
