import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Unit, UnitWithAncestors } from '@phongdich/core';
import { LoadError, Loading, Page, TableHead } from '../../components/ui.js';
import { api, query } from '../../lib/api.js';
import { formatNumber } from '../../lib/format.js';

/**
 * Browses the administrative tree from `rootCode` down (an official's own unit, or the home
 * province): breadcrumb, the unit's facts, its children, and a search within the root.
 */
export function UnitsBrowser({ rootCode, code, unitPath }: { rootCode: string; code: string; unitPath: (code: string) => string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const unit = useQuery({ queryKey: ['unit', code], queryFn: () => api<UnitWithAncestors>('GET', `/api/v1/units/${code}`) });
  const children = useQuery({ queryKey: ['units', 'children', code], queryFn: () => api<{ items: Unit[] }>('GET', `/api/v1/units${query({ parent: code })}`) });
  const found = useQuery({
    queryKey: ['units', 'search', rootCode, search],
    queryFn: () => api<{ items: Unit[] }>('GET', `/api/v1/units${query({ q: search, within: rootCode, limit: 30 })}`),
    enabled: search.trim().length > 1,
  });

  if (unit.isPending) return <Loading />;
  if (unit.isError) return <LoadError error={unit.error} onRetry={() => void unit.refetch()} />;
  const current = unit.data;
  const trail = [...current.ancestors, current];
  const rootIndex = trail.findIndex((u) => u.code === rootCode);
  if (rootIndex === -1) return <LoadError error={new Error(t('app.notFound'))} />;
  const visibleTrail = trail.slice(rootIndex);

  return (
    <Page title={t('units.title')}>
      <div className="field">
        <label htmlFor="unit-search">{t('app.search')}</label>
        <input id="unit-search" type="search" placeholder={t('units.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {search.trim().length > 1 ? (
        <UnitTable units={found.data?.items} loading={found.isPending} empty={t('units.noResults')} unitPath={unitPath} />
      ) : (
        <>
          <nav aria-label="breadcrumb" className="breadcrumb">
            <ol>
              {visibleTrail.map((u, i) => (
                <li key={u.code}>{i === visibleTrail.length - 1 ? <span aria-current="page">{u.name}</span> : <Link to={unitPath(u.code)}>{u.name}</Link>}</li>
              ))}
            </ol>
          </nav>
          <dl className="facts">
            <dt>{t('units.code')}</dt>
            <dd>{current.code}</dd>
            <dt>{t('units.type')}</dt>
            <dd>{current.type}</dd>
            {current.population !== null && (
              <>
                <dt>{t('units.population')}</dt>
                <dd>{formatNumber(current.population)}</dd>
              </>
            )}
          </dl>
          <h2>{t('units.children', { count: current.childCount })}</h2>
          <UnitTable units={children.data?.items} loading={children.isPending} empty={t('units.none')} unitPath={unitPath} />
        </>
      )}
    </Page>
  );
}

function UnitTable({ units, loading, empty, unitPath }: { units: Unit[] | undefined; loading: boolean; empty: string; unitPath: (code: string) => string }) {
  const { t } = useTranslation();
  if (loading) return <Loading />;
  if (!units?.length) return <p className="empty">{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="units-table">
        <TableHead columns={[t('units.code'), t('units.name'), t('units.type')]} />
        <tbody>
          {units.map((u) => (
            <tr key={u.code}>
              <td className="code">{u.code}</td>
              <td>
                <Link to={unitPath(u.code)}>{u.name}</Link>
              </td>
              <td>{u.type}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
