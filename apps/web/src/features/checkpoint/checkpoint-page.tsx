import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ResolvedPoint } from '@phongdich/core';
import { Alert, Button, LoadError, Loading, Page, TextField } from '../../components/ui.js';
import { api, query } from '../../lib/api.js';

/**
 * What opens when a poster's QR is scanned (`/q/<token>`) or a code is typed (`/q?code=`):
 * the place and gate in large type, and the action the visitor came for (given by the caller).
 */
export function CheckpointPage({ token, code, children }: { token?: string; code?: string; children?: (point: ResolvedPoint) => ReactNode }) {
  const { t } = useTranslation();
  const point = useQuery({
    queryKey: ['checkpoint', token ?? code],
    queryFn: () => api<ResolvedPoint>('GET', `/api/v1/points/resolve${query({ token, code })}`),
    retry: false,
  });
  if (point.isPending) return <Loading />;
  if (point.isError) return <LoadError error={point.error} />;
  const p = point.data;
  return (
    <section className="checkpoint-hero" aria-labelledby="place-name">
      <p className="muted">{t('checkpoint.title')}</p>
      <h1 id="place-name" className="place-name">
        {p.placeName}
      </h1>
      <p className="gate">
        {t('checkpoint.gate')}: {p.pointLabel}
      </p>
      <p className="muted">{p.unitPath.slice().reverse().join(', ')}</p>
      {p.requiresDeclaration && <Alert kind="info">{t('checkpoint.requiresDeclaration')}</Alert>}
      {children?.(p)}
    </section>
  );
}

/** Manual entry of the short code printed under a poster's QR. */
export function CheckpointCodePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (code.trim()) void navigate(`/q?code=${encodeURIComponent(code.trim())}`);
  }
  return (
    <Page title={t('checkpoint.manualTitle')}>
      <form onSubmit={submit} className="narrow">
        <TextField label={t('checkpoint.code')} help={t('checkpoint.manualHelp')} autoCapitalize="characters" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
        <Button type="submit" className="wide">
          {t('checkpoint.go')}
        </Button>
      </form>
    </Page>
  );
}
