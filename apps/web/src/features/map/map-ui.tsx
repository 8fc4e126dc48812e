import type { ReactNode } from 'react';
import { ModalDialog } from '../../components/ui.js';
import { SAFETY_LEVEL_LABELS, type Role, type SafetyLevel } from '@phongdich/core';
import { riskColour, riskLabel } from './risk-style.js';
import { useMapText } from './text.js';

export const OFFICIAL_ROLES: readonly Role[] = ['official', 'health_official', 'admin'];
export const RECOMPUTE_ROLES: readonly Role[] = ['health_official', 'admin'];

/** A risk level as words with a colour square beside them (colour alone never carries the meaning). */
export function RiskBadge({ level }: { level: number | null | undefined }) {
  const { text, lang } = useMapText();
  return (
    <span className="risk-badge">
      <span className="risk-swatch" style={{ background: riskColour(level) }} aria-hidden="true" />
      {riskLabel(level, lang, text.noLevel)}
    </span>
  );
}

export function SafetyBadge({ level }: { level: SafetyLevel | null | undefined }) {
  const { text, lang } = useMapText();
  return (
    <span className="risk-badge">
      <span className="risk-swatch round" style={{ background: level ? SAFETY_LEVEL_LABELS[level].colour : '#7d8896' }} aria-hidden="true" />
      {level ? SAFETY_LEVEL_LABELS[level][lang] : text.notAssessed}
    </span>
  );
}

export function MapDialog(props: { title: string; onClose: () => void; children: ReactNode }) {
  return <ModalDialog className="epimap-dialog" {...props} />;
}

