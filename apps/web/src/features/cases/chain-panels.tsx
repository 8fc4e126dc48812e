import { Link } from 'react-router';
import { CONTACT_STATUSES, type Chain } from '@phongdich/core';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import type { ChainLayout, GenerationSummary } from './chain-layout.js';
import { useCasesText, type CasesText } from './text.js';

export function nodeStatusText(text: CasesText, status: string): string {
  return (text.contactStatuses as Record<string, string>)[status] ?? (text.outcomes as Record<string, string>)[status] ?? status;
}

/** What is known about the selected node: who they are, from whom and where, how many after them. */
export function ChainDetails({ chain, layout, selected }: { chain: Chain; layout: ChainLayout; selected: number }) {
  const { text } = useCasesText();
  const node = selected >= 0 ? chain.nodes[selected] : undefined;
  const edge = selected >= 0 && layout.incomingEdge[selected]! >= 0 ? chain.edges[layout.incomingEdge[selected]!] : undefined;
  const parent = selected >= 0 && layout.parent[selected]! >= 0 ? chain.nodes[layout.parent[selected]!] : undefined;
  const onward = selected >= 0 ? layout.childStart[selected + 1]! - layout.childStart[selected]! : 0;
  const kind = node && (node.kind === 'case' ? `${text.caseNode} (${text.generation(node.generation)})` : text.contactNode(node.generation));
  return (
    <aside className="chain-details" aria-labelledby="chain-details-title">
      <h3 id="chain-details-title">{text.selectedTitle}</h3>
      <p className="visually-hidden" aria-live="polite">
        {node ? `${node.label}, ${kind}, ${nodeStatusText(text, node.status)}` : ''}
      </p>
      <div>
        {!node ? (
          <p className="muted">{text.noneSelected}</p>
        ) : (
          <>
            <p className="chain-details-name">{node.label}</p>
            <dl className="facts">
              <dt>{text.kind}</dt>
              <dd>{kind}</dd>
              <dt>{text.colStatus}</dt>
              <dd>{nodeStatusText(text, node.status)}</dd>
              <dt>{text.time}</dt>
              <dd>{formatDateTime(node.at)}</dd>
              {parent && (
                <>
                  <dt>{text.exposedBy}</dt>
                  <dd>{parent.label}</dd>
                </>
              )}
              {edge && (
                <>
                  <dt>{text.how}</dt>
                  <dd>{text.sources[edge.source] ?? edge.source}</dd>
                </>
              )}
              {edge?.placeName && (
                <>
                  <dt>{text.where}</dt>
                  <dd>{edge.placeName}</dd>
                </>
              )}
              <dt>{text.onward}</dt>
              <dd>{formatNumber(onward)}</dd>
            </dl>
            {node.caseId && (node.kind === 'case' || node.status === 'became_case') && (
              <Link to={`/cases/${encodeURIComponent(node.caseId)}`}>{text.openCase}</Link>
            )}
          </>
        )}
      </div>
    </aside>
  );
}

const LEGEND = [
  ['case', 'case'],
  ['became-case', 'became_case'],
  ['new', 'new'],
  ['quarantined', 'quarantined'],
  ['released', 'released'],
  ['lost', 'lost'],
] as const;

export function ChainLegend() {
  const { text } = useCasesText();
  const labelOf = (status: (typeof LEGEND)[number][1]) => {
    if (status === 'case') return text.legendCase;
    if (status === 'became_case') return text.legendBecameCase;
    const name = text.contactStatuses[status];
    return status === 'released' || status === 'lost' ? `${name} ${text.legendRing}` : name;
  };
  return (
    <section className="chain-legend" aria-labelledby="chain-legend-title">
      <h3 id="chain-legend-title">{text.legendTitle}</h3>
      <ul>
        {LEGEND.map(([css, status]) => (
          <li key={css}>
            <span className={`chain-swatch chain-swatch-${css}`} aria-hidden="true" />
            {labelOf(status)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The text alternative of the drawing: counts per generation and status. */
export function ChainSummaryTable({ summary, label }: { summary: { generations: GenerationSummary[] }; label: string }) {
  const { text } = useCasesText();
  return (
    <details className="chain-summary">
      <summary>{text.summaryTable}</summary>
      <p>{label}</p>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{text.summaryTable}</caption>
          <thead>
            <tr>
              <th scope="col">{text.colGeneration}</th>
              <th scope="col" className="number">
                {text.colTotal}
              </th>
              <th scope="col" className="number">
                {text.colCases}
              </th>
              {CONTACT_STATUSES.map((s) => (
                <th key={s} scope="col" className="number">
                  {text.contactStatuses[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summary.generations.map((g) => (
              <tr key={g.generation}>
                <th scope="row">{text.generation(g.generation)}</th>
                <td className="number">{formatNumber(g.total)}</td>
                <td className="number">{formatNumber(g.cases)}</td>
                {CONTACT_STATUSES.map((s) => (
                  <td key={s} className="number">
                    {formatNumber(g.statuses[s] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
