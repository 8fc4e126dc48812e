import { useMemo, useState } from 'react';
import { SITE_KIND_LABELS, ZONE_KIND_LABELS, type UnitRisk } from '@phongdich/core';
import { Button } from '../../components/ui.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { formatDecimal } from './map-format.js';
import { checkpointCount, type ListedFeature, type ListGroup } from './map-layers.js';
import { RiskBadge, SafetyBadge } from './map-ui.js';
import { sortRisks, type RiskSortKey } from './risk-sort.js';
import { useMapText } from './text.js';

const GROUPS: ListGroup[] = ['case_place', 'zone', 'site', 'checkpoint'];
const SHOWN = 30;

/**
 * What the map shows in its current view, as lists of buttons: the way to reach every marker with
 * a keyboard or a screen reader, and the whole map where WebGL is missing.
 */
export function VisibleList({ groups, loading, onChoose, onZoom, mapShown }: { groups: Record<ListGroup, ListedFeature[]>; loading: boolean; onChoose: (feature: ListedFeature) => void; onZoom: (feature: ListedFeature) => void; mapShown: boolean }) {
  const { text } = useMapText();
  const total = GROUPS.reduce((sum, g) => sum + groups[g].length, 0);
  return (
    <section className="epimap-list" aria-labelledby="epimap-list-title" data-testid="map-list">
      <h2 id="epimap-list-title">{mapShown ? text.inViewTitle : text.listTitle}</h2>
      <p className="muted" aria-live="polite">
        {loading ? text.loadingLayers : total === 0 ? text.nothingInView : text.inViewHelp}
      </p>
      <div className="epimap-list-groups">
        {GROUPS.filter((g) => groups[g].length > 0).map((group) => (
          <Group key={group} group={group} items={groups[group]} onChoose={onChoose} onZoom={onZoom} mapShown={mapShown} />
        ))}
      </div>
    </section>
  );
}

function Group({ group, items, onChoose, onZoom, mapShown }: { group: ListGroup; items: ListedFeature[]; onChoose: (f: ListedFeature) => void; onZoom: (f: ListedFeature) => void; mapShown: boolean }) {
  const { text, lang } = useMapText();
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, SHOWN);
  const count = group === 'checkpoint' ? checkpointCount(items) : items.length;
  return (
    <div className="epimap-list-group">
      <h3>
        {text.groupTitles[group]} ({formatNumber(count)})
      </h3>
      <ul className="epimap-items">
        {shown.map((item) => {
          const p = item.props;
          if (p.layer === 'checkpoint_cluster') {
            return (
              <li key={item.key}>
                <span>
                  {text.clusterItem(formatNumber(p.count))} <SafetyBadge level={p.worst} />
                </span>
                {mapShown && (
                  <Button variant="link" onClick={() => onZoom(item)}>
                    {text.zoomHere}
                  </Button>
                )}
              </li>
            );
          }
          return (
            <li key={item.key}>
              <button type="button" className="epimap-item" onClick={() => onChoose(item)}>
                <strong>{p.name}</strong>
                <span className="muted">
                  {p.layer === 'checkpoint' && <SafetyBadge level={p.safetyLevel} />}
                  {p.layer === 'case_place' && `${formatDateTime(p.firstAt)} – ${formatDateTime(p.lastAt)}`}
                  {p.layer === 'zone' && ZONE_KIND_LABELS[p.kind][lang]}
                  {p.layer === 'site' && `${SITE_KIND_LABELS[p.kind][lang]} · ${p.address}`}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {items.length > SHOWN && (
        <Button variant="link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? text.showFewer : text.showAll(formatNumber(items.length))}
        </Button>
      )}
    </div>
  );
}


/** Every commune with its level: the table form of the risk layer. */
export function CommuneRiskList({ items, onChoose }: { items: UnitRisk[]; onChoose: (risk: UnitRisk) => void }) {
  const { text, lang } = useMapText();
  const [sort, setSort] = useState<RiskSortKey>('level');
  const sorted = useMemo(() => sortRisks(items, sort), [items, sort]);
  return (
    <section className="epimap-communes" aria-labelledby="epimap-communes-title">
      <h2 id="epimap-communes-title">{text.communesTitle}</h2>
      <div className="epimap-sort field">
        <label htmlFor="epimap-sort">{text.sortBy}</label>
        <select id="epimap-sort" value={sort} onChange={(e) => setSort(e.target.value as RiskSortKey)}>
          <option value="level">{text.sortLevel}</option>
          <option value="casesPer100k">{text.sortPer100k}</option>
          <option value="name">{text.sortName}</option>
        </select>
      </div>
      <div className="table-wrap">
        <table className="data-table epimap-table epimap-cards" data-testid="commune-levels">
          <caption className="visually-hidden">{text.communesTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{text.commune}</th>
              <th scope="col">{text.level}</th>
              <th scope="col" className="number">
                {text.casesPer100kShort}
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((risk) => (
              <tr key={risk.code}>
                <td data-label={text.commune}>
                  <button type="button" className="btn-link epimap-cell-button" onClick={() => onChoose(risk)}>
                    {risk.name}
                  </button>
                </td>
                <td data-label={text.level}>
                  <RiskBadge level={risk.level} />
                </td>
                <td data-label={text.casesPer100kShort} className="number">
                  {formatDecimal(risk.casesPer100k, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
