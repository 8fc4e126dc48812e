import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { totpEnrolmentSchema } from '@phongdich/core';
import { Alert, Button, TextField } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { useFormErrors } from '../../lib/forms.js';

type Enrolment = z.infer<typeof totpEnrolmentSchema>;

/** Groups of four characters: easier to read and type; authenticator apps ignore the spaces. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Turning two-step verification on: a new secret from the server (QR code and text), then a code
 * from the app to prove it was added. The secret is not active until that code is confirmed.
 */
export function TwoStepEnrolment({ onConfirmed }: { onConfirmed: (recoveryCodes: string[]) => void }) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();

  async function start() {
    errors.reset();
    setBusy(true);
    try {
      setEnrolment(await api<Enrolment>('POST', '/api/v1/auth/totp/enrol'));
      setCode('');
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const typed = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(typed)) return errors.setFieldErrors({ code: t('twoStep.codeFormat') });
    setBusy(true);
    try {
      const result = await api<{ recoveryCodes: string[] }>('POST', '/api/v1/auth/totp/confirm', { code: typed });
      onConfirmed(result.recoveryCodes);
    } catch (error) {
      errors.fromError(error);
    } finally {
      setBusy(false);
    }
  }

  if (!enrolment) {
    return (
      <>
        {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
        <Button onClick={() => void start()} disabled={busy}>
          {t('twoStep.turnOn')}
        </Button>
      </>
    );
  }
  return (
    <form onSubmit={confirm} noValidate aria-label={t('twoStep.turnOn')}>
      {errors.formError && <Alert kind="error">{errors.formError}</Alert>}
      <p>{t('twoStep.scan')}</p>
      {/* An image, not inline markup: the SVG comes from the server, and an <img> never runs anything in it. */}
      <img className="totp-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`} width={220} height={220} alt={t('twoStep.qrLabel')} />
      <p>{t('twoStep.manual')}</p>
      <p className="totp-secret">
        <span className="visually-hidden">{t('twoStep.secret')}: </span>
        <code data-testid="totp-secret">{grouped(enrolment.secret)}</code>
      </p>
      <p>{t('twoStep.enterCode')}</p>
      <TextField label={t('twoStep.code')} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} value={code} onChange={(e) => setCode(e.target.value)} error={errors.fieldErrors.code} />
      <div className="form-actions">
        <Button type="submit" disabled={busy}>
          {t('twoStep.confirm')}
        </Button>
        <Button variant="secondary" onClick={() => setEnrolment(null)}>
          {t('app.cancel')}
        </Button>
      </div>
    </form>
  );
}
