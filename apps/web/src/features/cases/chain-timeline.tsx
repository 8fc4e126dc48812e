import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Chain } from '@phongdich/core';
import { Button } from '../../components/ui.js';
import { formatNumber } from '../../lib/format.js';
import { formatLocalDate, formatTime } from './cases-format.js';
import { nodeStatusText } from './chain-panels.js';
import { groupByDay, timelineRows, type TimelineRow } from './timeline-rows.js';
import { useCasesText } from './text.js';

const STEP = 200;

/** The chain in time order, a day at a time: who was exposed, where, and by whom. Shows 200 rows at a time. */
export function ChainTimeline({ chain }: { chain: Chain }) {
  const { text } = useCasesText();
  const rows = useMemo(() => timelineRows(chain), [chain]);
  const [limit, setLimit] = useState(STEP);
  const groups = useMemo(() => groupByDay(rows.slice(0, limit)), [rows, limit]);
  if (rows.length === 0) return <p className="empty">{text.emptyChain}</p>;
  return (
    <div className="chain-timeline">
      <p className="muted" aria-live="polite">
        {text.shown(formatNumber(Math.min(limit, rows.length)), formatNumber(rows.length))}
      </p>
      <ol className="timeline-days">
        {groups.map((group, g) => (
          <li key={`${group.day}-${g}`}>
            <h3>{formatLocalDate(group.day)}</h3>
            <ol className="timeline-rows">
              {group.rows.map((row) => (
                <li key={row.id} className={row.kind === 'case' ? 'timeline-case' : undefined}>
                  <time dateTime={new Date(row.at).toISOString()}>{formatTime(row.at)}</time>
                  <div>
                    <span className="timeline-who">
                      {row.kind === 'case' && row.caseId ? <Link to={`/cases/${encodeURIComponent(row.caseId)}`}>{row.label}</Link> : row.label}
                    </span>{' '}
                    <span className="timeline-generation">{row.kind === 'case' ? `${text.caseNode} ${text.generation(row.generation)}` : text.generation(row.generation)}</span>
                    <p>{describe(text, row)}</p>
                  </div>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
      {rows.length > limit && (
        <Button variant="secondary" className="cases-more" onClick={() => setLimit(limit + STEP)}>
          {text.showMore(Math.min(STEP, rows.length - limit))}
        </Button>
      )}
    </div>
  );
}

function describe(text: ReturnType<typeof useCasesText>['text'], row: TimelineRow): string {
  const parts: string[] = [];
  if (row.fromLabel) parts.push(text.exposedTo(row.fromLabel));
  if (row.placeName) parts.push(text.atPlace(row.placeName));
  let sentence = parts.join(' ');
  if (row.kind === 'case') sentence = row.fromLabel ? `${text.becameCase}, ${sentence}` : text.originCase;
  const how = row.source ? (text.sources[row.source] ?? row.source) : null;
  return [sentence, how, nodeStatusText(text, row.status)].filter(Boolean).join(' · ');
}
