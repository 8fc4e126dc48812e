import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { labelEvery, linePath, niceCeiling, ticks, xAt, yAt } from './chart-scale.js';
import { formatDayMonth } from './report-format.js';
import { useDashboardsText } from './text.js';

// Small inline SVG charts drawn at the size they are shown, so labels stay at the page's text size
// on a phone. Each chart is an image with a one-sentence summary, and its figures are a table away.

export interface DayValue {
  date: string;
  value: number;
}

const HEIGHT = 220;
const LABEL_PX = 16;
const BOTTOM = 28;
const TOP = 12;

function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.floor(element.getBoundingClientRect().width));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * A daily series as a line (flows such as scans) or columns (counts such as new cases), with the
 * table alternative given as children and shown on request.
 */
export function DayChart({
  title,
  headingLevel = 3,
  points,
  kind,
  format,
  summary,
  testId,
  children,
}: {
  title: string;
  headingLevel?: 3 | 4;
  points: readonly DayValue[];
  kind: 'line' | 'columns';
  format: (n: number) => string;
  summary: string;
  testId?: string;
  children: ReactNode;
}) {
  const { text } = useDashboardsText();
  const [ref, width] = useWidth();
  const top = niceCeiling(Math.max(0, ...points.map((p) => p.value)));
  const marks = ticks(top);
  const left = Math.max(...marks.map((m) => format(m).length)) * 9 + 12;
  const plot = { width: Math.max(10, width - left - 24), height: HEIGHT - TOP - BOTTOM };
  const every = labelEvery(points.length, Math.floor(plot.width / 64));
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const slot = plot.width / Math.max(1, points.length);
  return (
    <figure className="report-chart" data-testid={testId}>
      <Heading className="report-chart-title">{title}</Heading>
      <div ref={ref} className="report-chart-box">
        {width > 0 && (
          <svg role="img" aria-label={summary} width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} className={`report-chart-svg report-chart-kind-${kind}`}>
            <g transform={`translate(${left},${TOP})`}>
              {marks.map((m) => (
                <g key={m} transform={`translate(0,${yAt(m, top, plot)})`}>
                  <line x1={0} x2={plot.width} className="report-chart-grid" />
                  <text x={-8} dy="0.35em" textAnchor="end" fontSize={LABEL_PX} className="report-chart-label">
                    {format(m)}
                  </text>
                </g>
              ))}
              {kind === 'line' ? (
                <>
                  <path d={linePath(points.map((p) => p.value), top, plot)} className="report-chart-line" />
                  {points.length <= 62 &&
                    points.map((p, i) => (
                      <circle key={p.date} cx={xAt(i, points.length, plot)} cy={yAt(p.value, top, plot)} r={3} className="report-chart-dot">
                        <title>{`${formatDayMonth(p.date)}: ${format(p.value)}`}</title>
                      </circle>
                    ))}
                </>
              ) : (
                points.map((p, i) => {
                  const y = yAt(p.value, top, plot);
                  return (
                    <rect key={p.date} x={i * slot + slot * 0.15} width={Math.max(1, slot * 0.7)} y={y} height={plot.height - y} className="report-chart-column">
                      <title>{`${formatDayMonth(p.date)}: ${format(p.value)}`}</title>
                    </rect>
                  );
                })
              )}
              {points.map((p, i) =>
                i % every === 0 ? (
                  <text
                    key={p.date}
                    x={xAt(i, points.length, plot)}
                    y={plot.height + 22}
                    textAnchor="middle"
                    fontSize={LABEL_PX}
                    className="report-chart-label"
                  >
                    {formatDayMonth(p.date)}
                  </text>
                ) : null,
              )}
            </g>
          </svg>
        )}
      </div>
      <details className="report-chart-table">
        <summary>{text.showTable}</summary>
        {children}
      </details>
    </figure>
  );
}

/** A share as a horizontal bar beside its figure; the figure carries the meaning, the bar helps compare. */
export function ShareBar({ share, label }: { share: number | null; label: string }) {
  const width = share === null ? 0 : Math.max(0, Math.min(1, share)) * 100;
  return (
    <span className="share-bar">
      <span className="share-bar-track" aria-hidden="true">
        <span className="share-bar-fill" style={{ width: `${width}%` }} />
      </span>
      <span className="share-bar-value">{label}</span>
    </span>
  );
}
