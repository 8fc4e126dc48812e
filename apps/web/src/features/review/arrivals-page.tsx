import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BORDER_GATES, type DeclarationSummary } from '@phongdich/core';
import { LoadError, Loading, Page, SelectField, TextField } from '../../components/ui.js';
import { api, query } from '../../lib/api.js';
import { currentLanguage } from '../../lib/i18n/index.js';
import { formatDateTime } from '../../lib/format.js';

/** Border gate officials: travellers who declared entry at a gate on a day, with printable confirmations. */
export function ArrivalsPage() {
  const { t } = useTranslation();
  const [gate, setGate] = useState<string>(BORDER_GATES[0]?.code ?? '');
  const [date, setDate] = useState(() => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10));
  const arrivals = useQuery({ queryKey: ['arrivals', gate, date], queryFn: () => api<{ items: DeclarationSummary[] }>('GET', `/api/v1/arrivals${query({ gate, date })}`), enabled: Boolean(gate && date) });
  const lang = currentLanguage();
  return (
    <Page title={t('review.arrivalsTitle')}>
      <div className="filters">
        <SelectField label={t('review.gate')} value={gate} onChange={(e) => setGate(e.target.value)}>
          {BORDER_GATES.map((g) => (
            <option key={g.code} value={g.code}>
              {g[lang]}
            </option>
          ))}
        </SelectField>
        <TextField label={t('review.date')} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </div>
      {arrivals.isPending && <Loading />}
      {arrivals.isError && <LoadError error={arrivals.error} />}
      {arrivals.data?.items.length === 0 && <p className="empty">{t('review.noArrivals')}</p>}
      <ul className="list-cards">
        {arrivals.data?.items.map((d) => (
          <li key={d.id} className="row-actions">
            <span>
              <strong>{d.fullName}</strong> · {formatDateTime(d.submittedAt)} {d.flagged && <span className="badge badge-pending">{d.flagReasons.map((r) => t(`review.reasons.${r}`)).join(', ')}</span>}
            </span>
            <a className="btn btn-secondary" href={`/api/v1/arrivals/${d.id}/confirmation.pdf`} target="_blank" rel="noreferrer">
              {t('review.confirmation')}
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}
