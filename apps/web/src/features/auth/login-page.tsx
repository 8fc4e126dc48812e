import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { loginRequestSchema, nationalPhone, otpRequestSchema, otpVerifySchema, type Me } from '@phongdich/core';
import { Alert, Button, TextField } from '../../components/ui.js';
import { api, ApiError } from '../../lib/api.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { SecondFactorField } from './second-factor-field.js';

type Tab = 'citizen' | 'staff';

/** Sign-in for everyone: citizens by phone and SMS code, officials and owners by username. */
export function LoginPage({ onSignedIn, initialTab = 'citizen' }: { onSignedIn: (me: Me) => void; initialTab?: Tab }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>(initialTab);
  return (
    <section className="page narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <div className="tabs" role="tablist">
        {(['citizen', 'staff'] as const).map((name) => (
          <button key={name} type="button" role="tab" id={`tab-${name}`} aria-selected={tab === name} aria-controls={`panel-${name}`} onClick={() => setTab(name)}>
            {t(name === 'citizen' ? 'login.citizenTab' : 'login.staffTab')}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'citizen' ? <CitizenSignIn onSignedIn={onSignedIn} /> : <StaffSignIn onSignedIn={onSignedIn} />}
      </div>
    </section>
  );
}

function StaffSignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Shown once the server says the account has a second factor (totp_required).
  const [needsCode, setNeedsCode] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(loginRequestSchema, { username, password, ...(needsCode && code.trim() ? { code: code.trim() } : {}) });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    setBusy(true);
    try {
      onSignedIn(await api<Me>('POST', '/api/v1/auth/login', checked.data));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'totp_required') setNeedsCode(true);
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      <TextField label={t('login.username')} name="username" autoComplete="username" autoCapitalize="none" value={username} onChange={(e) => setUsername(e.target.value)} error={errors.fieldErrors.username} />
      <TextField label={t('login.password')} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.fieldErrors.password} />
      {needsCode && (
        <SecondFactorField value={code} onChange={setCode} error={errors.fieldErrors.code} />
      )}
      <Button type="submit" disabled={busy} className="wide">
        {t('login.submit')}
      </Button>
    </form>
  );
}

function CitizenSignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [sentTo, setSentTo] = useState<{ phone: string; minutes: number } | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();

  async function sendCode(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(otpRequestSchema, { phone });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    setBusy(true);
    try {
      const result = await api<{ expiresInSeconds: number }>('POST', '/api/v1/auth/otp/request', checked.data);
      setSentTo({ phone: checked.data.phone, minutes: Math.round(result.expiresInSeconds / 60) });
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(otpVerifySchema, { phone: sentTo?.phone, code: code.trim() });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    setBusy(true);
    try {
      onSignedIn(await api<Me>('POST', '/api/v1/auth/otp/verify', checked.data));
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  if (!sentTo) {
    return (
      <form onSubmit={sendCode} noValidate>
        {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
        <TextField label={t('login.phone')} name="phone" type="tel" inputMode="tel" autoComplete="tel" help={t('login.phoneHelp')} value={phone} onChange={(e) => setPhone(e.target.value)} error={errors.fieldErrors.phone} />
        <Button type="submit" disabled={busy} className="wide">
          {t('login.sendCode')}
        </Button>
      </form>
    );
  }
  return (
    <form onSubmit={verify} noValidate>
      <Alert kind="info">{t('login.codeSent', { phone: nationalPhone(sentTo.phone), minutes: sentTo.minutes })}</Alert>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      <TextField label={t('login.code')} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} error={errors.fieldErrors.code} />
      <Button type="submit" disabled={busy} className="wide">
        {t('login.verify')}
      </Button>
      <Button variant="link" onClick={() => setSentTo(null)}>
        {t('login.changePhone')}
      </Button>
    </form>
  );
}
