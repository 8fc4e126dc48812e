import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordChangeSchema, type Me } from '@phongdich/core';
import { Alert, Button, Page, TextField } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { TwoStepPanel } from './two-step-panel.js';

/**
 * `messages`: the account's message choices, composed in by the app (features do not import each other).
 * `onAccountChanged` reloads the account after a change of password or of two-step verification.
 */
export function AccountPage({ me, onSignOut, onAccountChanged, messages }: { me: Me; onSignOut: () => void; onAccountChanged: () => void; messages?: ReactNode }) {
  const { t } = useTranslation();
  const unit = me.scopeUnit;
  return (
    <Page title={t('account.title')}>
      <dl className="facts">
        <dt>{t('account.role')}</dt>
        <dd>{t(`roles.${me.user.role}`)}</dd>
        {me.user.username && (
          <>
            <dt>{t('login.username')}</dt>
            <dd>{me.user.username}</dd>
          </>
        )}
        {me.user.phoneMasked && (
          <>
            <dt>{t('login.phone')}</dt>
            <dd>{me.user.phoneMasked}</dd>
          </>
        )}
        {unit && (
          <>
            <dt>{t('account.unit')}</dt>
            <dd>{[...unit.ancestors, unit].map((u) => u.name).join(' › ')}</dd>
          </>
        )}
        {me.user.sector && (
          <>
            <dt>{t('account.sector')}</dt>
            <dd>{t(`sectors.${me.user.sector}`)}</dd>
          </>
        )}
      </dl>
      {/* Password accounts only: a phone account's sign-in code already proves the phone. Always at this
          place in the page, so it keeps its state (the recovery codes on screen) when the account reloads. */}
      {me.user.username && <TwoStepPanel me={me} onChanged={onAccountChanged} />}
      {messages}
      {me.user.username && <PasswordChange mustChange={me.user.mustChangePassword} onChanged={onAccountChanged} />}
      <Button variant="secondary" onClick={onSignOut}>
        {t('nav.signOut')}
      </Button>
    </Page>
  );
}

function PasswordChange({ mustChange, onChanged }: { mustChange: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const errors = useFormErrors();

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    setDone(false);
    const checked = validate(passwordChangeSchema, { currentPassword, newPassword });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    if (confirm !== newPassword) return errors.setFieldErrors({ confirm: t('account.mismatch') });
    try {
      await api('POST', '/api/v1/auth/password', checked.data);
      setDone(true);
      setCurrent('');
      setNew('');
      setConfirm('');
      onChanged();
    } catch (error) {
      errors.fromError(error);
    }
  }

  return (
    <form className="card" onSubmit={submit} noValidate>
      <h2>{t('account.changePassword')}</h2>
      {mustChange && <Alert kind="warning">{t('account.mustChange')}</Alert>}
      {done && <Alert kind="success">{t('account.changed')}</Alert>}
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      <TextField label={t('account.currentPassword')} type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} error={errors.fieldErrors.currentPassword} />
      <TextField label={t('account.newPassword')} type="password" autoComplete="new-password" help={t('account.newPasswordHelp')} value={newPassword} onChange={(e) => setNew(e.target.value)} error={errors.fieldErrors.newPassword} />
      <TextField label={t('account.confirmPassword')} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} error={errors.fieldErrors.confirm} />
      <Button type="submit">{t('account.changePassword')}</Button>
    </form>
  );
}
