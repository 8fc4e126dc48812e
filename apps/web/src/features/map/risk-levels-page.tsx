import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RISK_LEVELS, type UnitRisk } from '@phongdich/core';
import { ConfirmDialog } from '../../components/confirm.js';
import { Alert, Button, LoadError, Loading, Page, SelectField, TextField } from '../../components/ui.js';
import { formatNumber } from '../../lib/format.js';
import { ClearOverride, CommuneRiskFacts, OverrideForm, RiskHistory } from './commune-risk.js';
import { mapApi, mapKeys } from './map-api.js';
import { formatDecimal, formatLocalDate, formatPercent } from './map-format.js';
import { MapDialog, RiskBadge } from './map-ui.js';
import { riskLabel } from './risk-style.js';
import { filterRisks, nextSort, sortRisks, type RiskSortKey, type SortDirection } from './risk-sort.js';
import { useMapText } from './text.js';

/** Officials' table of the communes' levels: sort, filter, override with a reason, history, recompute. */
export function RiskLevelsPage({ within, canRecompute }: { within: string; canRecompute: boolean }) {
  const { text, lang } = useMapText();
  const risk = useQuery({ queryKey: mapKeys.risk(within), queryFn: () => mapApi.risk(within) });
  const [q, setQ] = useState('');
  const [level, setLevel] = useState(0);
  const [sort, setSort] = useState<{ key: RiskSortKey; direction: SortDirection }>({ key: 'level', direction: 'desc' });
  const [open, setOpen] = useState<{ code: string; what: 'override' | 'history' } | null>(null);
  const rows = useMemo(() => sortRisks(filterRisks(risk.data?.items ?? [], q, level), sort.key, sort.direction), [risk.data, q, level, sort]);
  const chosen = open ? risk.data?.items.find((r) => r.code === open.code) : undefined;

  const columns: Array<{ key: RiskSortKey; label: string; number?: boolean }> = [
    { key: 'name', label: text.commune },
    { key: 'level', label: text.level },
    { key: 'computedLevel', label: text.computedLevel },
    { key: 'newCases7d', label: text.newCases7d, number: true },
    { key: 'casesPer100k', label: text.casesPer100k, number: true },
    { key: 'population', label: text.population, number: true },
    { key: 'vaccinationCoverage', label: text.vaccinationCoverage, number: true },
  ];

  return (
    <Page title={text.levelsTitle} actions={canRecompute ? <Recompute count={risk.data?.items.length ?? 0} /> : undefined}>
      <div className="epimap-scope">
        <p className="lead">{text.levelsHelp}</p>
        {risk.isPending && <Loading />}
        {risk.isError && <LoadError error={risk.error} onRetry={() => void risk.refetch()} />}
        {risk.data && (
          <>
            <p data-testid="levels-summary">
              {risk.data.date ? text.levelsDate(formatLocalDate(risk.data.date)) : text.noLevelsYet} · {risk.data.rollup.name}: <RiskBadge level={risk.data.rollup.level} />
            </p>
            <div className="filters">
              <TextField label={text.filterName} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
              <SelectField label={text.filterLevel} value={String(level)} onChange={(e) => setLevel(Number(e.target.value))}>
                <option value="0">{text.allLevels}</option>
                {RISK_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {riskLabel(l, lang, '')}
                  </option>
                ))}
              </SelectField>
            </div>
            <p className="muted" aria-live="polite">
              {text.communeCount(formatNumber(rows.length))}
            </p>
            <div className="table-wrap">
              <table className="data-table epimap-table" data-testid="risk-levels">
                <caption className="visually-hidden">{text.levelsTitle}</caption>
                <thead>
                  <tr>
                    {columns.map((column) => (
                      <th
                        key={column.key}
                        scope="col"
                        className={column.number ? 'number' : undefined}
                        aria-sort={sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                      >
                        <button type="button" className="epimap-sort-button" onClick={() => setSort(nextSort(sort, column.key))}>
                          {column.label}
                          <span aria-hidden="true">{sort.key === column.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                        </button>
                      </th>
                    ))}
                    <th scope="col">{text.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <RiskRow key={r.code} risk={r} onOpen={(what) => setOpen({ code: r.code, what })} />
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {open && chosen && (
          <MapDialog title={open.what === 'history' ? text.historyOf(chosen.name) : text.overrideOf(chosen.name)} onClose={() => setOpen(null)}>
            {open.what === 'history' ? (
              <RiskHistory code={chosen.code} />
            ) : (
              <>
                <CommuneRiskFacts risk={chosen} />
                <div className="row-actions">
                  <ClearOverride risk={chosen} />
                </div>
                <OverrideForm risk={chosen} onSaved={() => setOpen(null)} />
              </>
            )}
            <div className="form-actions">
              <Button variant="secondary" onClick={() => setOpen(null)}>
                {text.close}
              </Button>
            </div>
          </MapDialog>
        )}
      </div>
    </Page>
  );
}

function RiskRow({ risk, onOpen }: { risk: UnitRisk; onOpen: (what: 'override' | 'history') => void }) {
  const { text, lang } = useMapText();
  return (
    <tr>
      <th scope="row" data-label={text.commune}>
        {risk.name}
      </th>
      <td data-label={text.level}>
        <RiskBadge level={risk.level} />
        {risk.overridden && <div className="muted">{text.overriddenShort}</div>}
      </td>
      <td data-label={text.computedLevel}>
        <RiskBadge level={risk.computedLevel} />
      </td>
      <td data-label={text.newCases7d} className="number">
        {formatNumber(risk.newCases7d)}
      </td>
      <td data-label={text.casesPer100k} className="number">
        {formatDecimal(risk.casesPer100k, lang)}
      </td>
      <td data-label={text.population} className="number">
        {risk.population === null ? text.unknown : formatNumber(risk.population)}
      </td>
      <td data-label={text.vaccinationCoverage} className="number">
        {formatPercent(risk.vaccinationCoverage, lang)}
      </td>
      <td data-label={text.actions}>
        <div className="row-actions">
          <Button variant="secondary" onClick={() => onOpen('override')} aria-label={text.overrideOf(risk.name)}>
            {text.override}
          </Button>
          <Button variant="link" onClick={() => onOpen('history')} aria-label={text.historyOf(risk.name)}>
            {text.history}
          </Button>
        </div>
      </td>
    </tr>
  );
}

/** Runs the daily computation now (health officials and administrators). */
function Recompute({ count }: { count: number }) {
  const { text } = useMapText();
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const run = useMutation({
    mutationFn: () => mapApi.recompute(),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['map'] }),
  });
  return (
    <div className="epimap-recompute">
      <Button onClick={() => setAsking(true)} disabled={run.isPending}>
        {run.isPending ? text.recomputing : text.recompute}
      </Button>
      {run.isSuccess && <Alert kind="success">{text.recomputed(formatNumber(run.data.communes), formatNumber(run.data.changed), formatLocalDate(run.data.date))}</Alert>}
      {run.isError && <Alert kind="error">{run.error.message}</Alert>}
      {asking && (
        <ConfirmDialog
          message={text.confirmRecompute(formatNumber(count))}
          confirmLabel={text.recompute}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            run.mutate();
          }}
        />
      )}
    </div>
  );
}
