import { RISK_LEVEL_LABELS, RISK_LEVELS, SAFETY_LEVEL_LABELS, type Language, type RiskLevel, type SafetyLevel, type UnitRisk } from '@phongdich/core';
import type { AreaGeometry, Boundaries, Feature, FeatureCollection } from './map-api.js';

// Colours of the map. Risk colours (green, yellow, orange, red) mean risk and nothing else, and are
// always shown with a text label; everything else uses neutral or accent colours.

/** Communes without a computed level. */
export const NO_LEVEL_COLOUR = '#c3cad4';
/** Checkpoints of places that have not assessed themselves yet. */
export const NO_SAFETY_COLOUR = '#7d8896';

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'number' && (RISK_LEVELS as readonly number[]).includes(value);
}

export function riskColour(level: number | null | undefined): string {
  return isRiskLevel(level) ? RISK_LEVEL_LABELS[level].colour : NO_LEVEL_COLOUR;
}

export function riskLabel(level: number | null | undefined, lang: Language, none: string): string {
  return isRiskLevel(level) ? RISK_LEVEL_LABELS[level][lang] : none;
}

export function safetyColour(level: SafetyLevel | null | undefined): string {
  return level ? SAFETY_LEVEL_LABELS[level].colour : NO_SAFETY_COLOUR;
}

/** A MapLibre expression colouring a feature by its `level` property (0 when there is none). */
export function riskFillExpression(): unknown[] {
  return ['match', ['get', 'level'], ...RISK_LEVELS.flatMap((level) => [level, RISK_LEVEL_LABELS[level].colour]), NO_LEVEL_COLOUR];
}

/** A MapLibre expression colouring a checkpoint by the `safetyLevel` (or a cluster by its `worst`) property. */
export function safetyColourExpression(property: 'safetyLevel' | 'worst'): unknown[] {
  const levels = Object.entries(SAFETY_LEVEL_LABELS).flatMap(([level, label]) => [level, label.colour]);
  return ['match', ['coalesce', ['get', property], 'none'], ...levels, NO_SAFETY_COLOUR];
}

export interface CommuneProps {
  code: string;
  name: string;
  /** 1–4, or 0 when the commune has no level (yet). */
  level: number;
  overridden: boolean;
}

/** The boundaries with each unit's level joined on, ready for the map's fill layer. */
export function withRisk(boundaries: Boundaries, items: readonly UnitRisk[]): FeatureCollection<AreaGeometry, CommuneProps> {
  const byCode = new Map(items.map((item) => [item.code, item]));
  return {
    type: 'FeatureCollection',
    features: boundaries.features.map((feature, index): Feature<AreaGeometry, CommuneProps> => {
      const risk = byCode.get(feature.properties.code);
      return {
        type: 'Feature',
        // Numeric ids let the map keep hover and selection state per commune.
        id: index + 1,
        geometry: feature.geometry,
        properties: { code: feature.properties.code, name: feature.properties.name, level: risk && isRiskLevel(risk.level) ? risk.level : 0, overridden: risk?.overridden ?? false },
      };
    }),
  };
}

/** How many units are at each level (0: no level), for the legend. */
export function levelCounts(items: readonly Pick<UnitRisk, 'level'>[]): Record<0 | RiskLevel, number> {
  const counts: Record<0 | RiskLevel, number> = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const item of items) counts[isRiskLevel(item.level) ? item.level : 0] += 1;
  return counts;
}

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function textOn(hex: string): '#000000' | '#ffffff' {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#ffffff' : '#000000';
}
