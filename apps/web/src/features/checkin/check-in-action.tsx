import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ResolvedPoint, ScanResult } from '@phongdich/core';
import { Alert, Button, LoadError } from '../../components/ui.js';
import { api, getCsrfToken } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { postOrQueue } from '../../lib/offline-queue.js';

type Outcome = { kind: 'done'; result: ScanResult } | { kind: 'queued'; at: number; action: 'check_in' | 'check_out' };

/**
 * One big button: check in, or check out when already inside. The result fills the screen so a
 * guard can read it from a metre away. Without network the scan waits on the phone with its time.
 */
export function CheckInAction({ point, token, code }: { point: ResolvedPoint; token?: string | undefined; code?: string | undefined }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = useQuery({
    queryKey: ['open-visit', point.placeId],
    queryFn: () => api<{ visit: { visitId: string } | null }>('GET', `/api/v1/places/${point.placeId}/open-visit`),
    networkMode: 'always',
    retry: false,
  });
  const inside = Boolean(open.data?.visit);

  async function scan() {
    setBusy(true);
    setError(null);
    const scannedAt = Date.now();
    const id = crypto.randomUUID();
    try {
      const sent = await postOrQueue<ScanResult>('/api/v1/scans', id, { ...(token ? { token } : { code }), clientEventId: id, scannedAt }, getCsrfToken());
      setOutcome(sent.queued ? { kind: 'queued', at: scannedAt, action: inside ? 'check_out' : 'check_in' } : { kind: 'done', result: sent.result });
      void client.invalidateQueries({ queryKey: ['open-visit', point.placeId] });
      void client.invalidateQueries({ queryKey: ['visits'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (outcome) return <ScanOutcomeScreen point={point} outcome={outcome} />;
  return (
    <div className="checkin-action">
      {error !== null && <LoadError error={error} />}
      <Button className="wide huge" disabled={busy || open.isPending} onClick={() => void scan()}>
        {inside ? t('checkin.checkOut') : t('checkin.checkIn')}
      </Button>
    </div>
  );
}

function ScanOutcomeScreen({ point, outcome }: { point: ResolvedPoint; outcome: Outcome }) {
  const { t } = useTranslation();
  const action = outcome.kind === 'done' ? outcome.result.action : outcome.action;
  const at = outcome.kind === 'done' ? outcome.result.at : outcome.at;
  const declarationRequired = outcome.kind === 'done' ? outcome.result.declarationRequired || outcome.result.declarationDue : point.requiresDeclaration;
  return (
    <section className={`scan-result ${outcome.kind === 'queued' ? 'scan-queued' : action === 'check_in' ? 'scan-in' : 'scan-out'}`} role="status" aria-live="assertive">
      <div className="tick" aria-hidden="true">
        {outcome.kind === 'queued' ? '⏳' : '✓'}
      </div>
      <p className="scan-result-title">{outcome.kind === 'queued' ? t('checkin.queuedTitle') : action === 'check_in' ? t('checkin.checkedIn') : t('checkin.checkedOut')}</p>
      <p className="scan-result-place">{point.placeName}</p>
      <p>
        {point.pointLabel} · {t('checkin.at', { time: formatDateTime(at) })}
      </p>
      {outcome.kind === 'queued' && <p>{t('checkin.queued')}</p>}
      {declarationRequired && action === 'check_in' && (
        <Alert kind="info">
          {t('checkin.declarationRequired')} <Link to={`/declarations/new?kind=${point.placeType === 'health_facility' ? 'medical_facility' : 'domestic'}&placeId=${point.placeId}`}>{t('checkin.declare')}</Link>
        </Alert>
      )}
      <p className="row-actions center">
        <Link className="btn btn-secondary" to="/scan">
          {t('checkin.again')}
        </Link>
        <Link className="btn btn-secondary" to="/visits">
          {t('checkin.diary')}
        </Link>
      </p>
    </section>
  );
}
