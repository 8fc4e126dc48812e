import { useState, type FormEvent } from 'react';
import { Alert, Button, SelectField, TextField } from '../../components/ui.js';
import { formatDate } from '../../lib/format.js';
import { DISTANCE_DB, type DemoAir, type Distance } from './air.js';
import { useBluezoneText } from './text.js';

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function vietnamDate(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The demo's time machine: every phone that is on spends a stretch of the past together. */
export function DemoMeeting({ air }: { air: DemoAir }) {
  const { text } = useBluezoneText();
  const [form, setForm] = useState(() => ({ date: vietnamDate(Date.now() - 86_400_000), time: '10:00', minutes: '20', distance: 'near' as Distance }));
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    const start = Date.parse(`${form.date}T${form.time}:00Z`) - VIETNAM_OFFSET_MS;
    const minutes = Math.min(Math.max(Math.round(Number(form.minutes)), 1), 240);
    if (!Number.isFinite(start) || start + minutes * 60_000 > Date.now()) {
      setMessage({ kind: 'error', text: text.meetFuture });
      return;
    }
    air.meet(start, minutes, form.distance);
    setMessage({ kind: 'success', text: text.meetDone(minutes, formatDate(start)) });
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="bz-meet-title">
      <h2 id="bz-meet-title">{text.meetTitle}</h2>
      <p className="muted">{text.meetHelp}</p>
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      <div className="grid-2">
        <TextField label={text.meetDate} type="date" value={form.date} onChange={set('date')} />
        <TextField label={text.meetTime} type="time" value={form.time} onChange={set('time')} />
        <TextField label={text.meetMinutes} type="number" inputMode="numeric" min={1} max={240} value={form.minutes} onChange={set('minutes')} />
        <SelectField label={text.meetDistance} value={form.distance} onChange={set('distance')}>
          {(Object.keys(DISTANCE_DB) as Distance[]).map((d) => (
            <option key={d} value={d}>
              {text.distances[d]}
            </option>
          ))}
        </SelectField>
      </div>
      <Button type="submit">{text.meetButton}</Button>
    </form>
  );
}
