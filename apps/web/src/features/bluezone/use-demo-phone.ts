import { useCallback, useEffect, useMemo, useState } from 'react';
import { DemoAir } from './air.js';
import { DemoPhone, demoDevice } from './phone.js';

const clock = () => Date.now();

/** The demo phone of this tab, its on/off state (kept on the phone) and, while on, its air. */
export function useDemoPhone() {
  const [phone, setPhone] = useState<DemoPhone | null>(null);
  const [enabled, setEnabledState] = useState(false);
  const [heard, setHeard] = useState(0);
  const [peers, setPeers] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void DemoPhone.open(demoDevice(), clock).then(async (opened) => {
      const on = (await opened.store.get<boolean>('enabled')) ?? false;
      const count = await opened.heardCount();
      if (cancelled) return;
      setPhone(opened);
      setEnabledState(on);
      setHeard(count);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!phone) return;
    return phone.subscribe(() => void phone.heardCount().then(setHeard));
  }, [phone]);

  // The air exists while the phone is on: it advertises, scans and answers simulated meetings.
  const air = useMemo(() => (phone && enabled ? new DemoAir(phone, clock, setPeers) : null), [phone, enabled]);
  useEffect(() => {
    if (!air) return;
    air.start();
    return () => air.stop();
  }, [air]);

  const setEnabled = useCallback(
    (on: boolean) => {
      setEnabledState(on);
      void phone?.store.set('enabled', on);
    },
    [phone],
  );

  return { phone, enabled, setEnabled, air, heard, peers: air ? peers : 0 };
}
