import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { contactUpdateSchema, FOLLOWUP_STATUSES, followupInputSchema } from '@phongdich/core';
import { Alert, Button, TextAreaField, TextField } from '../../components/ui.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { casesApi, keys, type WorklistContact } from './cases-api.js';
import { formatLocalDate } from './cases-format.js';
import { FormDialog } from './cases-ui.js';
import { useCasesText } from './text.js';

function useContactMutation<T>(call: (body: T) => Promise<unknown>, onDone: () => void, fromError: (error: unknown) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.worklistAll });
      void client.invalidateQueries({ queryKey: keys.cases });
      onDone();
    },
    onError: fromError,
  });
}

/** Today's call: well, unwell or not reached, with a note. */
export function FollowupDialog({ contact, today, onClose, onSaved }: { contact: WorklistContact; today: string; onClose: () => void; onSaved: () => void }) {
  const { text } = useCasesText();
  const id = useId();
  const [status, setStatus] = useState<string>('');
  const [note, setNote] = useState('');
  const errors = useFormErrors();
  const save = useContactMutation((body: unknown) => casesApi.followup(contact.id, body), onSaved, errors.fromError);
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    if (!status) return errors.setFieldErrors({ status: text.chooseFollowup });
    const checked = validate(followupInputSchema, { date: today, status, ...(note.trim() ? { note } : {}) });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    save.mutate(checked.data);
  }
  const statusError = errors.fieldErrors.status;
  return (
    <FormDialog title={text.recordFollowupFor(contact.displayName)} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
        <fieldset className="fieldset" aria-describedby={statusError ? `${id}-status-error` : undefined}>
          <legend>
            {text.followupStatus} ({formatLocalDate(today)})
          </legend>
          {FOLLOWUP_STATUSES.map((s) => (
            <label key={s} className="check">
              <input type="radio" name={`${id}-status`} value={s} checked={status === s} onChange={() => setStatus(s)} />
              {text.followupStatuses[s]}
            </label>
          ))}
          {statusError && (
            <p className="field-error" id={`${id}-status-error`} role="alert">
              {statusError}
            </p>
          )}
        </fieldset>
        <TextAreaField label={text.note} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} error={errors.fieldErrors.note} />
        <div className="form-actions">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? text.saving : text.saveFollowup}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {text.cancel}
          </Button>
        </div>
      </form>
    </FormDialog>
  );
}

/** Quarantine dates and the community team who follows the person. */
export function QuarantineDialog({ contact, onClose, onSaved }: { contact: WorklistContact; onClose: () => void; onSaved: () => void }) {
  const { text } = useCasesText();
  const [form, setForm] = useState({ quarantineStart: contact.quarantineStart ?? '', quarantineEnd: contact.quarantineEnd ?? '', team: contact.team ?? '' });
  const [markQuarantined, setMarkQuarantined] = useState(contact.status === 'new');
  const errors = useFormErrors();
  const save = useContactMutation((body: unknown) => casesApi.updateContact(contact.id, body), onSaved, errors.fromError);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const filled = Object.fromEntries(Object.entries(form).filter(([, value]) => value.trim() !== ''));
    const checked = validate(contactUpdateSchema, { ...filled, ...(markQuarantined ? { status: 'quarantined' } : {}) });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    save.mutate(checked.data);
  }
  return (
    <FormDialog title={text.setQuarantineFor(contact.displayName)} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
        <TextField label={text.quarantineStart} type="date" value={form.quarantineStart} onChange={set('quarantineStart')} error={errors.fieldErrors.quarantineStart} />
        <TextField label={text.quarantineEnd} type="date" value={form.quarantineEnd} onChange={set('quarantineEnd')} error={errors.fieldErrors.quarantineEnd} />
        <TextField label={text.team} maxLength={100} value={form.team} onChange={set('team')} error={errors.fieldErrors.team} />
        {contact.status !== 'quarantined' && (
          <label className="check">
            <input type="checkbox" checked={markQuarantined} onChange={(e) => setMarkQuarantined(e.target.checked)} />
            {text.markQuarantined}
          </label>
        )}
        <div className="form-actions">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? text.saving : text.saveQuarantine}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {text.cancel}
          </Button>
        </div>
      </form>
    </FormDialog>
  );
}
