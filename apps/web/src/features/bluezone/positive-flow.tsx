import { useState, type FormEvent } from 'react';
import type { ExposureVerifyResponse } from '@phongdich/core';
import { verificationHmac, type TemporaryExposureKey } from '@phongdich/exposure';
import { Alert, Button, TextField } from '../../components/ui.js';
import { formatDate } from '../../lib/format.js';
import { bluezoneApi } from './bluezone-api.js';
import type { DemoPhone } from './phone.js';
import { useBluezoneText } from './text.js';

type Step = 'closed' | 'code' | 'consent' | 'sending' | 'done';

interface Upload {
  keys: TemporaryExposureKey[];
  hmacKey: Uint8Array;
  certificate: string | null;
}

const dateOf = (isoDate: string) => formatDate(Date.parse(`${isoDate}T12:00:00Z`));

/**
 * "I tested positive": the code from the health official, then what would be sent, then — only if the person
 * chooses to — the upload (code → token → certificate over the keys' HMAC → keys). A fresh key follows.
 */
export function PositiveFlow({ phone, initialCode }: { phone: DemoPhone; initialCode?: string | undefined }) {
  const { text } = useBluezoneText();
  const [step, setStep] = useState<Step>(initialCode ? 'code' : 'closed');
  const [code, setCode] = useState(initialCode ?? '');
  const [verified, setVerified] = useState<ExposureVerifyResponse | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ count: number; embargoed: boolean } | null>(null);

  async function verify(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await bluezoneApi.verify(code);
      setVerified(answer);
      setUpload({ keys: phone.keysToUpload(answer.keysFrom, answer.symptomDate ?? answer.testDate), hmacKey: crypto.getRandomValues(new Uint8Array(32)), certificate: null });
      setStep('consent');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  async function send() {
    if (!verified || !upload) return;
    setStep('sending');
    setError(null);
    try {
      // The certificate is asked for once; a retry after a network failure reuses it (the server answers the same).
      const certificate = upload.certificate ?? (await bluezoneApi.certificate(verified.token, verificationHmac(upload.hmacKey, upload.keys))).certificate;
      setUpload({ ...upload, certificate });
      const result = await bluezoneApi.publish(upload.keys, upload.hmacKey, certificate);
      await phone.startFreshKey();
      await phone.store.set('uploadedAt', Date.now());
      setSent({ count: upload.keys.length, embargoed: result.embargoedUntil !== null });
      setStep('done');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setStep('consent');
    }
  }

  return (
    <section className="card" aria-labelledby="bz-positive-title" data-testid="positive-flow">
      <h2 id="bz-positive-title">{text.positiveTitle}</h2>
      <p className="muted">{text.positiveHelp}</p>
      {error && <Alert kind="error">{error}</Alert>}
      {step === 'closed' && (
        <Button variant="secondary" onClick={() => setStep('code')}>
          {text.positiveStart}
        </Button>
      )}
      {step === 'code' && (
        <form onSubmit={(event) => void verify(event)} noValidate aria-label={text.positiveStart}>
          <TextField label={text.code} help={text.codeHelp} value={code} onChange={(event) => setCode(event.target.value)} autoComplete="one-time-code" inputMode="text" />
          <Button type="submit" disabled={busy || code.trim().length < 8}>
            {busy ? text.verifying : text.verify}
          </Button>
        </form>
      )}
      {(step === 'consent' || step === 'sending') && verified && upload && (
        <div>
          <h3>{text.consentTitle}</h3>
          <p>{upload.keys.length > 0 ? text.consent(upload.keys.length, dateOf(verified.keysFrom)) : text.noKeys(dateOf(verified.keysFrom))}</p>
          <div className="form-actions">
            {upload.keys.length > 0 && (
              <Button onClick={() => void send()} disabled={step === 'sending'}>
                {step === 'sending' ? text.uploading : upload.certificate ? text.retry : text.upload}
              </Button>
            )}
            <Button variant="secondary" onClick={() => setStep('closed')} disabled={step === 'sending'}>
              {text.cancel}
            </Button>
          </div>
        </div>
      )}
      {step === 'done' && sent && (
        <Alert kind="success">
          {text.uploaded(sent.count)} {sent.embargoed ? text.embargo : ''}
        </Alert>
      )}
    </section>
  );
}
