import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PLACE_STATUSES, PLACE_TYPES, SECTORS, type PlaceListQuery, type PlaceSummary } from '@phongdich/core';
import { Button, LoadError, Loading, Page, SelectField, TextField } from '../../components/ui.js';
import { api, query } from '../../lib/api.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { StatusBadge } from './status-badge.js';

const PAGE_SIZE = 50;

/**
 * Officials' list of places in their area. Filters and the page live in the address, so a link,
 * the back button or a reload keeps them; exports take the same filters.
 */
export function PlacesListPage({ title }: { title: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: PlaceListQuery = {
    type: (params.get('type') as PlaceListQuery['type']) || undefined,
    sector: (params.get('sector') as PlaceListQuery['sector']) || undefined,
    status: (params.get('status') as PlaceListQuery['status']) || undefined,
    q: params.get('q') || undefined,
    unit: params.get('unit') || undefined,
  };
  const page = Number(params.get('page') ?? '1') || 1;
  const places = useQuery({
    queryKey: ['places', 'list', filters, page],
    queryFn: () => api<{ items: PlaceSummary[]; total: number }>('GET', `/api/v1/places${query({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`),
    placeholderData: (previous) => previous,
  });
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };
  const pages = Math.max(1, Math.ceil((places.data?.total ?? 0) / PAGE_SIZE));
  const exportQuery = query({ ...filters });

  return (
    <Page
      title={title}
      actions={
        <div className="row-actions">
          <Link className="btn btn-primary" to="/places/new">
            {t('places.registerOnBehalf')}
          </Link>
          <a className="btn btn-secondary" href={`/api/v1/places/export.xlsx${exportQuery}`}>
            {t('places.exportXlsx')}
          </a>
          <a className="btn btn-secondary" href={`/api/v1/places/export.csv${exportQuery}`}>
            {t('places.exportCsv')}
          </a>
        </div>
      }
    >
      <div className="filters" role="search" aria-label={t('places.filters')}>
        <TextField label={t('app.search')} type="search" value={filters.q ?? ''} onChange={(e) => setFilter('q', e.target.value)} />
        <SelectField label={t('places.status')} value={filters.status ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
          <option value="">{t('places.allStatuses')}</option>
          {PLACE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`places.statuses.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('places.type')} value={filters.type ?? ''} onChange={(e) => setFilter('type', e.target.value)}>
          <option value="">{t('places.allTypes')}</option>
          {PLACE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`placeTypes.${type}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('places.sector')} value={filters.sector ?? ''} onChange={(e) => setFilter('sector', e.target.value)}>
          <option value="">{t('places.allSectors')}</option>
          {SECTORS.map((s) => (
            <option key={s} value={s}>
              {t(`sectors.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {places.isPending && <Loading />}
      {places.isError && <LoadError error={places.error} onRetry={() => void places.refetch()} />}
      {places.data && (
        <>
          <p className="muted" aria-live="polite">
            {t('places.total', { n: formatNumber(places.data.total) })}
          </p>
          <div className="table-wrap">
            <table className="data-table" data-testid="places-table">
              <thead>
                <tr>
                  <th scope="col">{t('places.name')}</th>
                  <th scope="col">{t('places.type')}</th>
                  <th scope="col">{t('places.commune')}</th>
                  <th scope="col">{t('places.status')}</th>
                  <th scope="col" className="number">
                    {t('places.points')}
                  </th>
                  <th scope="col">{t('places.registeredAt')}</th>
                </tr>
              </thead>
              <tbody>
                {places.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/places/${p.id}`}>{p.name}</Link>
                      <div className="muted">{p.streetAddress}</div>
                    </td>
                    <td>{t(`placeTypes.${p.type}`)}</td>
                    <td>{p.communeName}</td>
                    <td>
                      <StatusBadge status={p.status} />
                    </td>
                    <td className="number">{formatNumber(p.pointCount)}</td>
                    <td>{formatDateTime(p.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('places.page', { page, pages })}>
            <Button variant="secondary" disabled={page <= 1} onClick={() => setParams(new URLSearchParams({ ...Object.fromEntries(params), page: String(page - 1) }))}>
              {t('places.previous')}
            </Button>
            <span>{t('places.page', { page, pages })}</span>
            <Button variant="secondary" disabled={page >= pages} onClick={() => setParams(new URLSearchParams({ ...Object.fromEntries(params), page: String(page + 1) }))}>
              {t('places.next')}
            </Button>
          </nav>
        </>
      )}
    </Page>
  );
}
