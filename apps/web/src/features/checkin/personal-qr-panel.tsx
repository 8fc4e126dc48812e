import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PersonalQr } from '@phongdich/core';
import { ConfirmDialog } from '../../components/confirm.js';
import { QrImage } from '../../components/qr-image.js';
import { Button, LoadError, Loading } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { usePendingWrites } from '../../lib/offline-queue.js';

/** The citizen's home: their personal QR, large, with the name partly masked; scans waiting to be sent. */
export function PersonalQrPanel() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const pending = usePendingWrites();
  const [large, setLarge] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const qr = useQuery({ queryKey: ['personal-qr'], queryFn: () => api<PersonalQr>('GET', '/api/v1/me/qr'), staleTime: Infinity });
  const replace = useMutation({ mutationFn: () => api<PersonalQr>('POST', '/api/v1/me/qr/replace'), onSuccess: (data) => client.setQueryData(['personal-qr'], data) });
  if (qr.isPending) return <Loading />;
  if (qr.isError) return <LoadError error={qr.error} onRetry={() => void qr.refetch()} />;
  return (
    <section className="card personal-qr" aria-labelledby="personal-qr-title">
      <h2 id="personal-qr-title">{t('personalQr.title')}</h2>
      <button type="button" className={`qr-button${large ? ' qr-large' : ''}`} onClick={() => setLarge(!large)} aria-label={t('personalQr.enlarge')}>
        <QrImage text={qr.data.token} size={large ? 340 : 240} label={t('personalQr.title')} />
      </button>
      <p className="qr-name">{qr.data.displayName}</p>
      <p className="field-help">{t('personalQr.help')}</p>
      {pending > 0 && <p className="badge badge-pending">{t('personalQr.pending', { n: pending })}</p>}
      <div className="row-actions center">
        <Link className="btn btn-primary" to="/scan">
          {t('personalQr.scanPlace')}
        </Link>
        <a className="btn btn-secondary" href="/api/v1/me/qr/card.pdf" target="_blank" rel="noreferrer">
          {t('personalQr.card')}
        </a>
        <Button variant="link" onClick={() => setConfirming(true)}>
          {t('personalQr.replace')}
        </Button>
      </div>
      {confirming && (
        <ConfirmDialog
          danger
          message={t('personalQr.confirmReplace')}
          confirmLabel={t('personalQr.replace')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            replace.mutate();
            setConfirming(false);
          }}
        />
      )}
    </section>
  );
}
