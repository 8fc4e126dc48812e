import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/confirm.js';
import { Alert, Button, LoadError, Loading, Page, SelectField, TextField } from '../../components/ui.js';
import { ApiError } from '../../lib/api.js';
import { declarationKeys, declarationsApi, type FamilyMember } from './declarations-api.js';
import { checkMember, type MemberInput, RELATIONS, type Relation } from './family-rules.js';
import { newDeclarationPath } from './paths.js';
import { useDeclarationText } from './text.js';

/** The people without their own phone the citizen declares for: list, add, remove, declare. */
export function FamilyPage() {
  const { text } = useDeclarationText();
  const client = useQueryClient();
  const [removing, setRemoving] = useState<FamilyMember | null>(null);
  const family = useQuery({ queryKey: declarationKeys.family, queryFn: declarationsApi.family });
  const remove = useMutation({
    mutationFn: (member: FamilyMember) => declarationsApi.removeMember(member.id),
    onSuccess: () => client.invalidateQueries({ queryKey: declarationKeys.family }),
  });
  return (
    <Page title={text.familyTitle}>
      <p className="lead">{text.familyIntro}</p>
      {family.isPending && <Loading />}
      {family.isError && <LoadError error={family.error} onRetry={() => void family.refetch()} />}
      {family.data && family.data.items.length === 0 && <p className="empty">{text.familyEmpty}</p>}
      {remove.isError && <LoadError error={remove.error} />}
      {family.data && family.data.items.length > 0 && (
        <ul className="list-cards">
          {family.data.items.map((member) => (
            <li key={member.id}>
              <strong>{member.displayName}</strong>
              <p className="muted">
                {text.relations[member.relation] ?? member.relation}
                {member.birthYear !== null && ` · ${text.bornIn(member.birthYear)}`}
              </p>
              <div className="row-actions">
                <Link className="btn btn-primary" to={newDeclarationPath({ subject: member.id })}>
                  {text.declareFor(member.displayName)}
                </Link>
                <Button variant="link" onClick={() => setRemoving(member)}>
                  {text.removeMember(member.displayName)}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <AddMemberForm />
      {removing && (
        <ConfirmDialog
          danger
          message={text.confirmRemove(removing.displayName)}
          confirmLabel={text.remove}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            remove.mutate(removing);
            setRemoving(null);
          }}
        />
      )}
    </Page>
  );
}

const EMPTY: MemberInput = { name: '', relation: 'child', birthYear: '' };

function AddMemberForm() {
  const { text } = useDeclarationText();
  const client = useQueryClient();
  const [form, setForm] = useState<MemberInput>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<'name' | 'birthYear', string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: declarationsApi.addMember,
    onSuccess: (member) => {
      setForm(EMPTY);
      setAdded(member.displayName);
      void client.invalidateQueries({ queryKey: declarationKeys.family });
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.field === 'name' || error.field === 'birthYear')) setProblems({ [error.field]: error.message });
      else setFormError(error.message);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setAdded(null);
    setFormError(null);
    const checked = checkMember(form, new Date().getFullYear());
    if ('problems' in checked) {
      return setProblems(Object.fromEntries(Object.entries(checked.problems).map(([field, key]) => [field, text.memberProblems[key]])));
    }
    setProblems({});
    add.mutate(checked.body);
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="add-member-title">
      <h2 id="add-member-title">{text.addMember}</h2>
      {formError && <Alert kind="error">{formError}</Alert>}
      {added && <Alert kind="success">{text.memberAdded(added)}</Alert>}
      <TextField
        label={text.memberName}
        help={text.memberNameHelp}
        name="name"
        autoComplete="off"
        value={form.name}
        onChange={(event) => setForm({ ...form, name: event.target.value })}
        error={problems.name}
      />
      <SelectField label={text.relation} name="relation" value={form.relation} onChange={(event) => setForm({ ...form, relation: event.target.value as Relation })}>
        {RELATIONS.map((relation) => (
          <option key={relation} value={relation}>
            {text.relations[relation]}
          </option>
        ))}
      </SelectField>
      <TextField
        label={text.birthYear}
        help={text.birthYearHelp}
        name="birthYear"
        inputMode="numeric"
        maxLength={4}
        autoComplete="off"
        value={form.birthYear}
        onChange={(event) => setForm({ ...form, birthYear: event.target.value })}
        error={problems.birthYear}
      />
      <Button type="submit" disabled={add.isPending} className="wide">
        {text.addButton}
      </Button>
    </form>
  );
}
