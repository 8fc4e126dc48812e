import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { totpDisableSchema, type Me } from '@phongdich/core';
import { Alert, Button, ModalDialog, TextField } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { useFormErrors, validate } from '../../lib/forms.js';
import { RecoveryCodes } from './recovery-codes.js';
import { TwoStepEnrolment } from './two-step-enrolment.js';
import { SecondFactorField } from './second-factor-field.js';

/**
 * Two-step verification of a password account: whether it is on, turning it on (with the recovery
 * codes shown once) and off. `onChanged` reloads the account, which says whether it is on and
 * whether the role requires it.
 */
export function TwoStepPanel({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const { t } = useTranslation();
  // Held here, not in the enrolment form: the account reloads as the factor turns on, and the
  // codes must stay on screen until their owner says they are saved.
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [turningOff, setTurningOff] = useState(false);
  const [notice, setNotice] = useState<'enabled' | 'turnedOff' | null>(null);
  const { totpEnabled, totpEnrolmentRequired } = me.user;

  return (
    <section className="card" aria-labelledby="two-step-title" data-testid="two-step">
      <h2 id="two-step-title">{t('twoStep.title')}</h2>
      {totpEnrolmentRequired && <Alert kind="warning">{t('twoStep.required')}</Alert>}
      {notice && <Alert kind="success">{t(`twoStep.${notice}`)}</Alert>}
      <dl className="facts">
        <dt>{t('twoStep.status')}</dt>
        <dd data-testid="two-step-status">{t(totpEnabled ? 'twoStep.on' : 'twoStep.off')}</dd>
      </dl>
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} username={me.user.username ?? ''} onDone={() => setRecoveryCodes(null)} />
      ) : totpEnabled ? (
        <Button variant="secondary" onClick={() => setTurningOff(true)}>
          {t('twoStep.turnOff')}
        </Button>
      ) : (
        <>
          <p>{t('twoStep.intro')}</p>
          <TwoStepEnrolment
            onConfirmed={(codes) => {
              setRecoveryCodes(codes);
              setNotice('enabled');
              onChanged();
            }}
          />
        </>
      )}
      {turningOff && (
        <TurnOffDialog
          requiredForRole={me.user.totpRequired}
          onClose={() => setTurningOff(false)}
          onDone={() => {
            setTurningOff(false);
            setNotice('turnedOff');
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function TurnOffDialog({ requiredForRole, onClose, onDone }: { requiredForRole: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const checked = validate(totpDisableSchema, { password, code });
    if (checked.errors) return errors.setFieldErrors(checked.errors);
    setBusy(true);
    try {
      await api('POST', '/api/v1/auth/totp/disable', checked.data);
      onDone();
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <ModalDialog title={t('twoStep.turnOff')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>{t('twoStep.turnOffIntro')}</p>
        {requiredForRole && <p className="muted">{t('twoStep.requiredWhenOn')}</p>}
        {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
        <TextField label={t('login.password')} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.fieldErrors.password} />
        <SecondFactorField value={code} onChange={setCode} error={errors.fieldErrors.code} />
        <div className="form-actions">
          <Button type="submit" variant="danger" disabled={busy}>
            {t('twoStep.turnOff')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('app.cancel')}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
