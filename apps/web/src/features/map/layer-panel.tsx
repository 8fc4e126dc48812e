import { useId, useMemo, type ReactNode } from 'react';
import { RISK_LEVEL_LABELS, RISK_LEVELS, SAFETY_LEVEL_LABELS, SAFETY_LEVELS, SITE_KIND_LABELS, SITE_KINDS, ZONE_KIND_LABELS, ZONE_KINDS, type RiskLevel } from '@phongdich/core';
import { formatNumber } from '../../lib/format.js';
import { formatLocalDate } from './map-format.js';
import { CASE_PLACE_COLOUR, drawSiteIcon, drawZonePattern, iconDataUrl, PATTERN_SIZE, SITE_ICON_SIZE } from './map-icons.js';
import { toggleLayer, type CaseDays, type LayerKey, type LayerState } from './map-layers.js';
import { NO_LEVEL_COLOUR, NO_SAFETY_COLOUR } from './risk-style.js';
import { useMapText } from './text.js';

/** Switches for each layer, each with its legend underneath, and the date the levels are from. */
export function LayerPanel({
  state,
  onChange,
  riskDate,
  counts,
  unitName,
}: {
  state: LayerState;
  onChange: (state: LayerState) => void;
  riskDate: string | null;
  counts: Record<0 | RiskLevel, number> | null;
  unitName: string;
}) {
  const { text, lang } = useMapText();
  const pictures = useMemo(
    () => ({
      sites: Object.fromEntries(SITE_KINDS.map((kind) => [kind, iconDataUrl(SITE_ICON_SIZE * 2, SITE_ICON_SIZE * 2, (ctx) => drawSiteIcon(ctx, kind, SITE_ICON_SIZE * 2))])),
      zones: Object.fromEntries(ZONE_KINDS.map((kind) => [kind, iconDataUrl(PATTERN_SIZE * 2, PATTERN_SIZE * 2, (ctx) => drawZonePattern(ctx, kind, 2))])),
    }),
    [],
  );
  const set = (key: LayerKey) => (on: boolean) => onChange(toggleLayer(state, key, on));
  return (
    <section className="card epimap-layers" aria-labelledby="epimap-layers-title">
      <h2 id="epimap-layers-title">{text.layersTitle}</h2>
      <LayerSwitch label={text.layerRisk} checked={state.visible.risk} onChange={set('risk')}>
        <p className="muted" data-testid="risk-date">
          {riskDate ? text.levelsOf(unitName, formatLocalDate(riskDate)) : text.noLevelsYet}
        </p>
        <ul className="epimap-legend">
          {RISK_LEVELS.map((level) => (
            <li key={level}>
              <span className="risk-swatch" style={{ background: RISK_LEVEL_LABELS[level].colour }} aria-hidden="true" />
              <span>
                {RISK_LEVEL_LABELS[level][lang]}
                {counts && <span className="muted"> · {text.communeCount(formatNumber(counts[level]))}</span>}
              </span>
            </li>
          ))}
          {counts && counts[0] > 0 && (
            <li>
              <span className="risk-swatch" style={{ background: NO_LEVEL_COLOUR }} aria-hidden="true" />
              <span>
                {text.noLevel}
                <span className="muted"> · {text.communeCount(formatNumber(counts[0]))}</span>
              </span>
            </li>
          )}
        </ul>
      </LayerSwitch>
      <LayerSwitch label={text.layerCheckpoints} checked={state.visible.checkpoints} onChange={set('checkpoints')}>
        <ul className="epimap-legend">
          {SAFETY_LEVELS.map((level) => (
            <li key={level}>
              <span className="risk-swatch round" style={{ background: SAFETY_LEVEL_LABELS[level].colour }} aria-hidden="true" />
              {SAFETY_LEVEL_LABELS[level][lang]}
            </li>
          ))}
          <li>
            <span className="risk-swatch round" style={{ background: NO_SAFETY_COLOUR }} aria-hidden="true" />
            {text.notAssessed}
          </li>
        </ul>
        <p className="muted">{text.clusterLegend}</p>
      </LayerSwitch>
      <LayerSwitch label={text.layerCasePlaces} checked={state.visible.case_places} onChange={set('case_places')}>
        <ul className="epimap-legend">
          <li>
            <span className="risk-swatch round" style={{ background: CASE_PLACE_COLOUR }} aria-hidden="true" />
            {text.casePlaceLegend}
          </li>
        </ul>
        <DaysChoice days={state.days} disabled={!state.visible.case_places} onChange={(days) => onChange({ ...state, days })} />
      </LayerSwitch>
      <LayerSwitch label={text.layerZones} checked={state.visible.zones} onChange={set('zones')}>
        <ul className="epimap-legend">
          {ZONE_KINDS.map((kind) => (
            <li key={kind}>
              <img className="legend-picture" src={pictures.zones[kind]} alt="" width={24} height={24} />
              {ZONE_KIND_LABELS[kind][lang]}
            </li>
          ))}
        </ul>
      </LayerSwitch>
      <LayerSwitch label={text.layerSites} checked={state.visible.sites} onChange={set('sites')}>
        <ul className="epimap-legend">
          {SITE_KINDS.map((kind) => (
            <li key={kind}>
              <img className="legend-picture" src={pictures.sites[kind]} alt="" width={24} height={24} />
              {SITE_KIND_LABELS[kind][lang]}
            </li>
          ))}
        </ul>
      </LayerSwitch>
    </section>
  );
}

function LayerSwitch({ label, checked, onChange, children }: { label: string; checked: boolean; onChange: (on: boolean) => void; children: ReactNode }) {
  const id = useId();
  return (
    <div className={`epimap-switch${checked ? '' : ' off'}`}>
      <div className="check">
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{label}</label>
      </div>
      <div className="epimap-switch-legend">
        {children}
      </div>
    </div>
  );
}

function DaysChoice({ days, disabled, onChange }: { days: CaseDays; disabled: boolean; onChange: (days: CaseDays) => void }) {
  const { text } = useMapText();
  const name = useId();
  return (
    <fieldset className="epimap-days" disabled={disabled}>
      <legend>{text.daysLegend}</legend>
      {([14, 21] as const).map((n) => (
        <label key={n} className="epimap-radio">
          <input type="radio" name={name} value={n} checked={days === n} onChange={() => onChange(n)} />
          {text.lastDays(n)}
        </label>
      ))}
    </fieldset>
  );
}
