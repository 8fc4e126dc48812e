import { Button, Loading, Page } from '../../components/ui.js';
import { DemoMeeting } from './demo-meeting.js';
import { ExposureCheck } from './exposure-result.js';
import { PositiveFlow } from './positive-flow.js';
import { useBluezoneText } from './text.js';
import { useDemoPhone } from './use-demo-phone.js';
import './bluezone.css';

/** Bluezone for citizens: status and switch, the exposure check, and "I tested positive". No account needed. */
export function BluezonePage({ initialCode }: { initialCode?: string | undefined }) {
  const { text } = useBluezoneText();
  const { phone, enabled, setEnabled, air, heard, peers } = useDemoPhone();
  if (!phone) return <Loading />;
  return (
    <Page title={text.title}>
      <section className={`card bz-status ${enabled ? 'bz-on' : 'bz-off'}`} aria-labelledby="bz-status-title" data-testid="bluezone-status">
        <h2 id="bz-status-title">{enabled ? text.statusOn : text.statusOff}</h2>
        <Button variant={enabled ? 'secondary' : 'primary'} onClick={() => setEnabled(!enabled)}>
          {enabled ? text.turnOff : text.turnOn}
        </Button>
        {!enabled && <p className="muted">{text.offHelp}</p>}
        <p data-testid="bluezone-heard">{text.heard(heard)}</p>
        <div className="bz-demo">
          <h3>{text.demoTitle}</h3>
          <p className="muted">{text.demoHelp}</p>
          <p>{text.device(phone.device.label)}</p>
          {enabled && <p data-testid="bluezone-peers">{text.peers(peers)}</p>}
        </div>
      </section>
      {enabled && air && <DemoMeeting air={air} />}
      <ExposureCheck phone={phone} />
      <PositiveFlow phone={phone} initialCode={initialCode} />
      <section className="card" aria-labelledby="bz-how-title">
        <h2 id="bz-how-title">{text.howTitle}</h2>
        <ul className="bz-how">
          {text.how.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
