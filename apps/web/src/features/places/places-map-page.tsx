import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PlaceStatus, PlaceType } from '@phongdich/core';
import { LazyMap } from '../../components/lazy-map.js';
import { LoadError, Loading, Page } from '../../components/ui.js';
import { api } from '../../lib/api.js';
import { formatNumber } from '../../lib/format.js';

// Status colours are not the risk colours (green/yellow/orange/red are reserved for risk levels).
const STATUS_COLOURS: Record<PlaceStatus, string> = { active: '#0b5cad', pending: '#7b3fa0', suspended: '#6b7280' };

interface Pins {
  items: Array<{ id: string; name: string; type: PlaceType; status: PlaceStatus; lat: number; lon: number }>;
  withoutLocation: number;
}

/** The officials' map of registered places in their area, on the offline boundary base map. */
export function PlacesMapPage({ rootCode }: { rootCode: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const pins = useQuery({ queryKey: ['places', 'map'], queryFn: () => api<Pins>('GET', '/api/v1/places/map') });
  return (
    <Page title={t('places.map')}>
      {pins.isPending && <Loading />}
      {pins.isError && <LoadError error={pins.error} onRetry={() => void pins.refetch()} />}
      {pins.data && (
        <>
          <ul className="row-actions legend" aria-label={t('places.status')}>
            {(Object.keys(STATUS_COLOURS) as PlaceStatus[]).map((status) => (
              <li key={status}>
                <span className="swatch" style={{ background: STATUS_COLOURS[status] }} aria-hidden="true" /> {t(`places.statuses.${status}`)} ({formatNumber(pins.data.items.filter((p) => p.status === status).length)})
              </li>
            ))}
          </ul>
          <LazyMap
            label={t('places.map')}
            boundariesOf={rootCode.length === 5 ? rootCode.slice(0, 2) : rootCode}
            height={560}
            points={pins.data.items.map((p) => ({ id: p.id, lat: p.lat, lon: p.lon, color: STATUS_COLOURS[p.status], title: p.name }))}
            onPointClick={(id) => void navigate(`/places/${id}`)}
          />
          {pins.data.withoutLocation > 0 && <p className="muted">{t('places.noLocation', { n: formatNumber(pins.data.withoutLocation) })}</p>}
        </>
      )}
    </Page>
  );
}
