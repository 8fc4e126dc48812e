import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { UnitWithAncestors } from '@phongdich/core';
import { api } from '../../lib/api.js';
import { useDashboardsText } from './text.js';

/**
 * Province › district › commune from the official's own unit down to the unit shown; each level
 * above is a link back up. Units above the official's own are not shown (they are out of scope).
 */
export function UnitBreadcrumb({ code, rootCode, hrefFor }: { code: string; rootCode: string; hrefFor: (code: string) => string }) {
  const { text } = useDashboardsText();
  const unit = useQuery({
    queryKey: ['unit', code],
    queryFn: () => api<UnitWithAncestors>('GET', `/api/v1/units/${encodeURIComponent(code)}`),
    staleTime: 3_600_000,
  });
  const chain = unit.data ? [...unit.data.ancestors, unit.data] : [];
  const start = chain.findIndex((u) => u.code === rootCode);
  const shown = start >= 0 ? chain.slice(start) : chain.slice(-1);
  return (
    <nav className="breadcrumb report-breadcrumb" aria-label={text.breadcrumb}>
      <ol>
        {shown.length === 0 && <li aria-current="page">{code}</li>}
        {shown.map((u, i) =>
          i === shown.length - 1 ? (
            <li key={u.code} aria-current="page">
              <strong>{u.name}</strong>
            </li>
          ) : (
            <li key={u.code}>
              <Link to={hrefFor(u.code)}>{u.name}</Link>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
