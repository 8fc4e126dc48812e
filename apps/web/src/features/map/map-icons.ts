import { SAFETY_LEVEL_LABELS, type SafetyLevel } from '@phongdich/core';
import { textOn } from './risk-style.js';

// Marker pictures drawn on a canvas: the map needs no sprite or font server (it works offline),
// and the legend shows exactly the same pictures.

export type SiteKind = 'test' | 'vaccination' | 'treatment';

/** Site colours are not risk colours: these are services, not dangers. */
export const SITE_COLOURS: Record<SiteKind, string> = { test: '#00695c', vaccination: '#1b4f9c', treatment: '#5d4037' };
export const CASE_PLACE_COLOUR = '#4a148c';
export const ZONE_COLOURS: Record<'lockdown' | 'isolation', string> = { lockdown: '#6a1b9a', isolation: '#37474f' };
const CLUSTER_NEUTRAL = '#7d8896';
const CLUSTER_FILL = '#263238';

export const SITE_ICON_SIZE = 26;

/** A rounded square with a white sign: a drop for testing, a syringe for vaccination, a cross for treatment. */
export function drawSiteIcon(ctx: CanvasRenderingContext2D, kind: SiteKind, size: number): void {
  const r = size * 0.2;
  ctx.clearRect(0, 0, size, size);
  ctx.fillStyle = SITE_COLOURS[kind];
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = size * 0.06;
  ctx.beginPath();
  ctx.roundRect(ctx.lineWidth / 2, ctx.lineWidth / 2, size - ctx.lineWidth, size - ctx.lineWidth, r);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = '#ffffff';
  ctx.strokeStyle = '#ffffff';
  const c = size / 2;
  if (kind === 'treatment') {
    const arm = size * 0.13;
    const len = size * 0.32;
    ctx.fillRect(c - arm, c - len, arm * 2, len * 2);
    ctx.fillRect(c - len, c - arm, len * 2, arm * 2);
  } else if (kind === 'test') {
    ctx.beginPath();
    ctx.moveTo(c, size * 0.2);
    ctx.bezierCurveTo(c + size * 0.3, size * 0.5, c + size * 0.22, size * 0.78, c, size * 0.78);
    ctx.bezierCurveTo(c - size * 0.22, size * 0.78, c - size * 0.3, size * 0.5, c, size * 0.2);
    ctx.fill();
  } else {
    ctx.lineWidth = size * 0.12;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(size * 0.28, size * 0.72);
    ctx.lineTo(size * 0.66, size * 0.34);
    ctx.stroke();
    ctx.lineWidth = size * 0.06;
    ctx.beginPath();
    ctx.moveTo(size * 0.62, size * 0.24);
    ctx.lineTo(size * 0.76, size * 0.38);
    ctx.moveTo(size * 0.7, size * 0.3);
    ctx.lineTo(size * 0.8, size * 0.2);
    ctx.stroke();
  }
}

/** Diameter of a cluster's disc: grows with the logarithm of the count so big numbers still fit. */
export function clusterSize(count: number): number {
  return Math.round(34 + Math.min(26, Math.log10(Math.max(1, count)) * 8));
}

export function clusterColour(worst: SafetyLevel | null): string {
  return worst ? SAFETY_LEVEL_LABELS[worst].colour : CLUSTER_NEUTRAL;
}

/**
 * A neutral disc with the count written on it, ringed in the colour of the worst self-assessment
 * inside: one risky place among a thousand should not paint the whole group red.
 */
export function drawCluster(ctx: CanvasRenderingContext2D, count: number, worst: SafetyLevel | null, scale: number): void {
  const size = clusterSize(count) * scale;
  ctx.clearRect(0, 0, size, size);
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, size / 2 - 1.5 * scale, 0, Math.PI * 2);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, size / 2 - 5 * scale, 0, Math.PI * 2);
  ctx.lineWidth = 5 * scale;
  ctx.strokeStyle = clusterColour(worst);
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, size / 2 - 8 * scale, 0, Math.PI * 2);
  ctx.fillStyle = CLUSTER_FILL;
  ctx.fill();
  ctx.fillStyle = textOn(CLUSTER_FILL);
  const text = String(count);
  ctx.font = `600 ${Math.round((text.length > 3 ? 12 : 14) * scale)}px 'Be Vietnam Pro', system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, size / 2, size / 2 + scale);
}

export const PATTERN_SIZE = 12;

/** Diagonal stripes for a zone's fill, so zones read as zones over the risk colours. */
export function drawZonePattern(ctx: CanvasRenderingContext2D, kind: 'lockdown' | 'isolation', scale: number): void {
  const size = PATTERN_SIZE * scale;
  ctx.clearRect(0, 0, size, size);
  ctx.strokeStyle = ZONE_COLOURS[kind];
  ctx.globalAlpha = 0.7;
  ctx.lineWidth = (kind === 'lockdown' ? 3 : 2) * scale;
  ctx.beginPath();
  for (let offset = -size; offset <= size; offset += size / 2) {
    ctx.moveTo(offset, size);
    ctx.lineTo(offset + size, 0);
  }
  ctx.stroke();
  ctx.globalAlpha = 1;
}

/** A picture as a data URL, for the legend next to the map. */
export function iconDataUrl(width: number, height: number, draw: (ctx: CanvasRenderingContext2D) => void): string {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  draw(ctx);
  return canvas.toDataURL();
}
