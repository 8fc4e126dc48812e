import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { DayRisk } from '@phongdich/exposure';
import { Alert, Button } from '../../components/ui.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useMe } from '../../lib/session.js';
import { bluezoneApi, sendDecoy } from './bluezone-api.js';
import { checkExposureNow, type CheckState } from './exposure-check.js';
import type { DemoPhone } from './phone.js';
import { shareOf, summarize, type StoredMatch } from './risk-view.js';
import { useBluezoneText } from './text.js';

const DAY_MS = 86_400_000;

/** The exposure check: run it, and show what it found calmly — what happened, what to do, whom to call. */
export function ExposureCheck({ phone }: { phone: DemoPhone }) {
  const { text } = useBluezoneText();
  const [check, setCheck] = useState<CheckState | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void phone.store.get<CheckState>('check').then((stored) => setCheck(stored ?? null));
  }, [phone]);

  async function run() {
    setRunning(true);
    setError(null);
    try {
      setCheck(await checkExposureNow(phone.store, await bluezoneApi.exports(), Date.now()));
      void sendDecoy();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setRunning(false);
    }
  }

  // As of the last check: the page shows what that check found until the next one.
  const summary = check?.lastCheckAt ? summarize(check.matches, check.lastCheckAt) : null;
  return (
    <section className="card" aria-labelledby="bz-check-title" data-testid="exposure-check">
      <h2 id="bz-check-title">{text.checkTitle}</h2>
      <p className="muted">{text.checkHelp}</p>
      <Button onClick={() => void run()} disabled={running}>
        {running ? text.checking : text.checkButton}
      </Button>
      {error && <Alert kind="error">{error}</Alert>}
      {check?.lastCheckAt && <p className="muted">{text.lastCheck(formatDateTime(check.lastCheckAt), check.lastNewFiles, check.lastKeys)}</p>}
      {check && check.lastBadFiles > 0 && <Alert kind="warning">{text.badFiles(check.lastBadFiles)}</Alert>}
      {check && summary && (summary.worst ? <ExposureFound day={summary.worst} matches={check.matches} phone={phone} /> : <Alert kind="success">{text.noRisk}</Alert>)}
    </section>
  );
}

function ExposureFound({ day, matches, phone }: { day: DayRisk; matches: StoredMatch[]; phone: DemoPhone }) {
  const { text } = useBluezoneText();
  const startedAt = day.windows.reduce((first, w) => Math.min(first, w.startedAt), Infinity);
  const until = formatDate(startedAt + 14 * DAY_MS);
  const high = day.level === 'high';
  return (
    <div className={`bz-risk ${high ? 'bz-risk-high' : 'bz-risk-low'}`} data-testid="exposure-result">
      <h3>
        <span className="bz-risk-swatch" aria-hidden="true" />
        {high ? text.riskHigh : text.riskLow}
      </h3>
      <p>
        <strong>{text.exposureOn(formatDate(startedAt), Math.round(day.weightedMinutes))}</strong>
      </p>
      <p>{high ? text.todoHigh(until) : text.todoLow(until)}</p>
      <p>{text.call}</p>
      <Link className="btn btn-primary" to="/declarations/new">
        {text.declare}
      </Link>
      <SharePanel day={day} matches={matches} phone={phone} />
    </div>
  );
}

/** Sharing is the person's choice, made after reading exactly what is sent. */
function SharePanel({ day, matches, phone }: { day: DayRisk; matches: StoredMatch[]; phone: DemoPhone }) {
  const { text } = useBluezoneText();
  const me = useMe().data;
  const [state, setState] = useState<'idle' | 'sending' | 'done'>('idle');
  const [error, setError] = useState<string | null>(null);
  const flag = `shared:${day.date}`;

  useEffect(() => {
    void phone.store.get<boolean>(flag).then((shared) => shared && setState('done'));
  }, [phone, flag]);

  async function share() {
    setState('sending');
    setError(null);
    try {
      await bluezoneApi.share(shareOf(day, matches));
      await phone.store.set(flag, true);
      setState('done');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setState('idle');
    }
  }

  return (
    <div className="bz-share">
      <h4>{text.shareTitle}</h4>
      {state === 'done' ? (
        <Alert kind="success">{text.shared}</Alert>
      ) : (
        <>
          <p>{text.shareHelp}</p>
          {error && <Alert kind="error">{error}</Alert>}
          {me ? (
            <Button variant="secondary" onClick={() => void share()} disabled={state === 'sending'}>
              {state === 'sending' ? text.sharing : text.shareButton}
            </Button>
          ) : (
            <Link className="btn btn-secondary" to="/login">
              {text.shareSignIn}
            </Link>
          )}
        </>
      )}
    </div>
  );
}
