import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Occupancy } from '@phongdich/core';
import { LoadError, Loading, TableHead } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';

interface PlaceVisit {
  id: string;
  visitor: string;
  pointLabel: string;
  checkedInAt: number;
  checkedOutAt: number | null;
  method: 'self_scan' | 'manual_code' | 'staff_personal_qr' | 'staff_phone' | 'staff_manual';
}

/** Live occupancy, visits per day for 14 days, and one day's visits (names as the viewer may see them). */
export function OccupancySection({ placeId, staffLink }: { placeId: string; staffLink: boolean }) {
  const { t } = useTranslation();
  const occupancy = useQuery({ queryKey: ['occupancy', placeId], queryFn: () => api<Occupancy>('GET', `/api/v1/places/${placeId}/occupancy`), refetchInterval: 30_000 });
  const [day, setDay] = useState<string | null>(null);
  if (occupancy.isPending) return <Loading />;
  if (occupancy.isError) return <LoadError error={occupancy.error} />;
  const data = occupancy.data;
  const chosen = day ?? data.days[data.days.length - 1]?.date ?? '';
  const max = Math.max(1, ...data.days.map((d) => d.visits));
  return (
    <section className="card" aria-labelledby="occupancy-title">
      <h2 id="occupancy-title">{t('occupancy.title')}</h2>
      <dl className="stats">
        <div>
          <dt>{t('occupancy.insideNow')}</dt>
          <dd data-testid="inside-now">{formatNumber(data.inside)}</dd>
        </div>
        <div>
          <dt>{t('occupancy.today')}</dt>
          <dd>{formatNumber(data.today)}</dd>
        </div>
      </dl>
      {staffLink && (
        <p>
          <Link className="btn btn-secondary" to={`/staff/${placeId}`}>
            {t('occupancy.staffMode')}
          </Link>
        </p>
      )}
      <h3>{t('occupancy.last14')}</h3>
      <ol className="bars" aria-label={t('occupancy.last14')}>
        {data.days.map((d) => (
          <li key={d.date}>
            <button type="button" className={d.date === chosen ? 'bar chosen' : 'bar'} onClick={() => setDay(d.date)} aria-label={`${d.date.split('-').reverse().join('/')}: ${d.visits}`}>
              <span className="bar-fill" style={{ height: `${(d.visits / max) * 100}%` }} />
            </button>
            <span className="bar-label">{d.date.slice(8)}</span>
          </li>
        ))}
      </ol>
      <DayVisits placeId={placeId} date={chosen} />
    </section>
  );
}

function DayVisits({ placeId, date }: { placeId: string; date: string }) {
  const { t } = useTranslation();
  const visits = useQuery({ queryKey: ['place-visits', placeId, date], queryFn: () => api<{ items: PlaceVisit[] }>('GET', `/api/v1/places/${placeId}/visits?date=${date}`) });
  if (visits.isPending) return <Loading />;
  if (visits.isError) return <LoadError error={visits.error} />;
  return (
    <>
      <h3>{t('occupancy.visitsOf', { date: date.split('-').reverse().join('/') })}</h3>
      <div className="table-wrap">
        <table className="data-table" data-testid="place-visits">
          <TableHead columns={[t('occupancy.visitor'), t('occupancy.in'), t('occupancy.out'), t('occupancy.how')]} />
          <tbody>
            {visits.data.items.map((v) => (
              <tr key={v.id}>
                <td>{v.visitor}</td>
                <td>{formatDateTime(v.checkedInAt)}</td>
                <td>{v.checkedOutAt ? formatDateTime(v.checkedOutAt) : '—'}</td>
                <td>{t(`occupancy.methods.${v.method}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
