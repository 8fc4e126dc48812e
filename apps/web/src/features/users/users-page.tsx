import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SECTORS, STAFF_ROLES, UNIT_BOUND_ROLES, userCreateSchema, type Role, type Unit, type User } from '@phongdich/core';
import { ConfirmDialog } from '../../components/confirm.js';
import { Alert, Button, LoadError, Loading, Page, SelectField, TextField, TableHead } from '../../components/ui.js';
import { UnitPicker } from '../../components/unit-picker.js';
import { api, query } from '../../lib/api.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { useFormErrors, validate } from '../../lib/forms.js';

/** Administrators create and manage the accounts of officials, owners and other administrators. */
export function UsersPage({ homeUnitCode }: { homeUnitCode: string }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role | ''>('');
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const users = useQuery({
    queryKey: ['users', role, search],
    queryFn: () => api<{ items: User[]; total: number }>('GET', `/api/v1/users${query({ role, q: search, limit: 200 })}`),
  });

  return (
    <Page
      title={t('users.title')}
      actions={
        !creating && (
          <Button onClick={() => setCreating(true)} data-testid="new-user">
            {t('users.create')}
          </Button>
        )
      }
    >
      {notice && <Alert kind="success">{notice}</Alert>}
      {creating && (
        <CreateUserForm
          homeUnitCode={homeUnitCode}
          onDone={(user) => {
            setCreating(false);
            if (user) setNotice(t('users.created', { username: user.username }));
          }}
        />
      )}
      <div className="filters">
        <SelectField label={t('users.filterRole')} value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
          <option value="">{t('users.allRoles')}</option>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('app.search')} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {users.isPending && <Loading />}
      {users.isError && <LoadError error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <>
          <p className="muted">{t('users.total', { n: formatNumber(users.data.total) })}</p>
          <UserTable users={users.data.items} onSaved={() => setNotice(t('users.saved'))} />
        </>
      )}
    </Page>
  );
}

function CreateUserForm({ homeUnitCode, onDone }: { homeUnitCode: string; onDone: (user: User | null) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({ username: '', displayName: '', role: 'official' as (typeof STAFF_ROLES)[number], sector: '', password: '' });
  const [unit, setUnit] = useState<Unit | null>(null);
  const errors = useFormErrors();
  const needsUnit = UNIT_BOUND_ROLES.includes(form.role);
  const create = useMutation({
    mutationFn: (body: unknown) => api<User>('POST', '/api/v1/users', body),
    // The notice waits for the refreshed list, so the new account is in the table when it is announced.
    onSuccess: async (user) => {
      await client.invalidateQueries({ queryKey: ['users'] });
      onDone(user);
    },
    onError: (error) => errors.fromError(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(userCreateSchema, {
      ...form,
      unitCode: unit?.code ?? null,
      sector: form.role === 'official' && form.sector ? form.sector : null,
    });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    create.mutate(checked.data);
  }

  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('users.create')}>
      <h2>{t('users.create')}</h2>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      <div className="grid-2">
        <TextField label={t('users.username')} name="username" autoCapitalize="none" value={form.username} onChange={set('username')} error={errors.fieldErrors.username} />
        <TextField label={t('users.displayName')} name="displayName" value={form.displayName} onChange={set('displayName')} error={errors.fieldErrors.displayName} />
        <SelectField label={t('users.role')} name="role" value={form.role} onChange={set('role')} error={errors.fieldErrors.role}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </SelectField>
        {form.role === 'official' && (
          <SelectField label={t('users.sector')} name="sector" value={form.sector} onChange={set('sector')} error={errors.fieldErrors.sector}>
            <option value="">{t('users.anySector')}</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`sectors.${s}`)}
              </option>
            ))}
          </SelectField>
        )}
        {(needsUnit || form.role === 'place_owner' || form.role === 'scanner_staff') && (
          <UnitPicker label={t('users.unit')} help={t('users.unitHelp')} within={homeUnitCode} value={unit} onChange={setUnit} error={errors.fieldErrors.unitCode} />
        )}
        <TextField label={t('users.password')} name="password" type="text" autoComplete="off" help={t('users.passwordHelp')} value={form.password} onChange={set('password')} error={errors.fieldErrors.password} />
      </div>
      <div className="form-actions">
        <Button type="submit" disabled={create.isPending}>
          {t('users.create')}
        </Button>
        <Button variant="secondary" onClick={() => onDone(null)}>
          {t('app.cancel')}
        </Button>
      </div>
    </form>
  );
}

function UserTable({ users, onSaved }: { users: User[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [now] = useState(() => Date.now());
  const [resetting, setResetting] = useState<User | null>(null);
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) => api<User>('PATCH', `/api/v1/users/${id}`, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['users'] });
      onSaved();
    },
  });
  return (
    <div className="table-wrap">
      {update.isError && <Alert kind="error">{update.error.message}</Alert>}
      <table className="data-table" data-testid="users-table">
        <TableHead columns={[t('users.username'), t('users.displayName'), t('users.role'), t('users.unit'), t('users.status'), t('users.lastLogin')]} actions={t('users.edit')} />
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td className="code">{user.username}</td>
              <td>{user.displayName}</td>
              <td>
                {t(`roles.${user.role}`)}
                {user.sector && <span className="muted"> · {t(`sectors.${user.sector}`)}</span>}
              </td>
              <td className="code">{user.unitCode ?? '—'}</td>
              <td>
                {user.status === 'disabled' ? t('users.disabled') : user.lockedUntil && user.lockedUntil > now ? t('users.locked', { time: formatDateTime(user.lockedUntil) }) : t('users.active')}
                {user.totpEnabled && <span className="muted"> · {t('users.twoStepOn')}</span>}
              </td>
              <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.never')}</td>
              <td>
                <Button
                  variant="link"
                  disabled={update.isPending}
                  onClick={() => update.mutate({ id: user.id, body: { status: user.status === 'disabled' ? 'active' : 'disabled' } })}
                >
                  {user.status === 'disabled' ? t('users.enable') : t('users.disable')}
                </Button>
                {user.totpEnabled && (
                  <Button variant="link" disabled={update.isPending} onClick={() => setResetting(user)}>
                    {t('users.resetTwoStep')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resetting && (
        <ConfirmDialog
          message={t('users.resetTwoStepConfirm', { name: resetting.displayName })}
          confirmLabel={t('users.resetTwoStep')}
          danger
          onCancel={() => setResetting(null)}
          onConfirm={() => {
            update.mutate({ id: resetting.id, body: { resetTwoStep: true } });
            setResetting(null);
          }}
        />
      )}
    </div>
  );
}
