import { useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PERSONAL_QR_PREFIX, type Occupancy, type ScanResult } from '@phongdich/core';
import { QrScanner } from '../../components/qr-scanner.js';
import { Alert, Button, LoadError, Loading, TextField } from '../../components/ui.js';
import { api, ApiError, getCsrfToken } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { postOrQueue } from '../../lib/offline-queue.js';

type Flash = { kind: 'in' | 'out' | 'refused' | 'queued'; text: string; detail: string };

// A short tone per result, so a guard need not look at the screen for every child at the gate.
function beep(kind: Flash['kind']): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = kind === 'in' ? 880 : kind === 'out' ? 660 : kind === 'queued' ? 520 : 220;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + (kind === 'refused' ? 0.4 : 0.15));
  } catch {
    // No audio on this device: the colour still shows.
  }
}

function today(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Staff mode at a gate: continuous camera scanning of personal QR codes (or a handheld scanner
 * typing into the box), a colour and a tone per result, and the count of people inside. It never
 * waits on the network: without it, scans are kept on the device and sent later.
 */
export function StaffPage({ placeId, placeName }: { placeId: string; placeName: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [flash, setFlash] = useState<Flash | null>(null);
  const [typed, setTyped] = useState('');
  const recent = useRef(new Map<string, number>());
  const occupancy = useQuery({ queryKey: ['occupancy', placeId], queryFn: () => api<Occupancy>('GET', `/api/v1/places/${placeId}/occupancy`), refetchInterval: 30_000 });

  async function record(body: Record<string, unknown>): Promise<void> {
    const id = crypto.randomUUID();
    try {
      const sent = await postOrQueue<ScanResult>('/api/v1/scans/staff', id, { placeId, clientEventId: id, scannedAt: Date.now(), ...body }, getCsrfToken());
      const next: Flash = sent.queued
        ? { kind: 'queued', text: t('staff.queued'), detail: '' }
        : { kind: sent.result.action === 'check_in' ? 'in' : 'out', text: sent.result.action === 'check_in' ? t('staff.in') : t('staff.out'), detail: `${sent.result.visitorLabel ?? ''} · ${formatDateTime(sent.result.at)}` };
      setFlash(next);
      beep(next.kind);
      if (!sent.queued) client.setQueryData<Occupancy>(['occupancy', placeId], (old) => (old ? { ...old, inside: sent.result.inside ?? old.inside } : old));
      void client.invalidateQueries({ queryKey: ['place-visits', placeId] });
    } catch (error) {
      setFlash({ kind: 'refused', text: t('staff.refused'), detail: error instanceof ApiError ? error.message : String(error) });
      beep('refused');
    }
  }

  function personalCode(text: string): void {
    const code = text.trim();
    if (!code.startsWith(PERSONAL_QR_PREFIX)) return;
    // The camera sees the same code many times a second: one scan per person per five seconds.
    const last = recent.current.get(code) ?? 0;
    if (Date.now() - last < 5000) return;
    recent.current.set(code, Date.now());
    void record({ personalToken: code });
  }

  function submitTyped(event: FormEvent) {
    event.preventDefault();
    personalCode(typed);
    setTyped('');
  }

  return (
    <section className="staff-mode" aria-labelledby="staff-title">
      <header className="page-header">
        <h1 id="staff-title">{placeName}</h1>
        <p className="inside-count" aria-live="polite">
          {occupancy.data ? t('staff.inside', { n: occupancy.data.inside }) : ''}
        </p>
      </header>
      {flash && (
        <div className={`staff-flash staff-${flash.kind}`} role="status" aria-live="assertive" data-testid="staff-flash">
          <strong>{flash.text}</strong>
          <span>{flash.detail}</span>
        </div>
      )}
      <p className="field-help">{t('staff.scanHelp')}</p>
      <QrScanner onDecode={personalCode} />
      <form onSubmit={submitTyped}>
        <TextField label={t('staff.scannerInput')} autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </form>
      <PhoneEntry placeId={placeId} onRecord={record} />
      <NameEntry onRecord={record} />
      <ManualInside placeId={placeId} />
    </section>
  );
}

function PhoneEntry({ placeId, onRecord }: { placeId: string; onRecord: (body: Record<string, unknown>) => Promise<void> }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function send(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/v1/scans/staff/code', { placeId, phone });
      setSent(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  async function confirm(event: FormEvent) {
    event.preventDefault();
    await onRecord({ phone, code });
    setPhone('');
    setCode('');
    setSent(false);
  }
  return (
    <details className="card">
      <summary>{t('staff.byPhone')}</summary>
      {error && <Alert kind="error">{error}</Alert>}
      {!sent ? (
        <form onSubmit={send}>
          <TextField label={t('login.phone')} type="tel" inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
          <Button type="submit" variant="secondary">
            {t('staff.sendCode')}
          </Button>
        </form>
      ) : (
        <form onSubmit={confirm}>
          <Alert kind="info">{t('staff.codeSent')}</Alert>
          <TextField label={t('staff.visitorCode')} inputMode="numeric" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
          <Button type="submit">{t('staff.record')}</Button>
        </form>
      )}
    </details>
  );
}

function NameEntry({ onRecord }: { onRecord: (body: Record<string, unknown>) => Promise<void> }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    await onRecord({ name: name.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) });
    setName('');
    setPhone('');
  }
  return (
    <details className="card">
      <summary>{t('staff.byName')}</summary>
      <form onSubmit={submit}>
        <TextField label={t('staff.name')} value={name} onChange={(e) => setName(e.target.value)} />
        <TextField label={t('staff.phoneOptional')} type="tel" inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        <Button type="submit">{t('staff.record')}</Button>
      </form>
    </details>
  );
}

interface PlaceVisit {
  id: string;
  visitor: string;
  checkedInAt: number;
  checkedOutAt: number | null;
  method: string;
}

function ManualInside({ placeId }: { placeId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const visits = useQuery({ queryKey: ['place-visits', placeId, today()], queryFn: () => api<{ items: PlaceVisit[] }>('GET', `/api/v1/places/${placeId}/visits?date=${today()}`) });
  if (visits.isPending) return <Loading />;
  if (visits.isError) return <LoadError error={visits.error} />;
  const inside = visits.data.items.filter((v) => v.method === 'staff_manual' && v.checkedOutAt === null);
  if (inside.length === 0) return null;
  return (
    <section className="card">
      <h2>{t('staff.manualInside')}</h2>
      <ul className="list-cards">
        {inside.map((v) => (
          <li key={v.id} className="row-actions">
            <span>
              {v.visitor} · {formatDateTime(v.checkedInAt)}
            </span>
            <Button
              variant="secondary"
              onClick={() => void api('POST', `/api/v1/visits/${v.id}/checkout`).then(() => client.invalidateQueries({ queryKey: ['place-visits', placeId] }))}
            >
              {t('staff.checkOut')}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
