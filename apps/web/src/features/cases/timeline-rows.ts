import { localDateOf, type Chain } from '@phongdich/core';

/** One person of the chain at the moment they were exposed (or became a case), with whom and where. */
export interface TimelineRow {
  id: string;
  at: number;
  /** Calendar date in Vietnam, 'YYYY-MM-DD'. */
  day: string;
  kind: 'case' | 'contact';
  generation: number;
  label: string;
  status: string;
  caseId: string | null;
  fromLabel: string | null;
  source: string | null;
  placeName: string | null;
}

/** All nodes, earliest first (then by generation), each with the edge that explains it. */
export function timelineRows(chain: Chain): TimelineRow[] {
  const byId = new Map(chain.nodes.map((node) => [node.id, node]));
  const incoming = new Map<string, Chain['edges'][number]>();
  for (const edge of chain.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to || from === to) continue;
    const current = incoming.get(edge.to);
    // Prefer the edge from an earlier generation: that is who exposed this person.
    if (!current || (from.generation < to.generation && byId.get(current.from)!.generation >= to.generation)) incoming.set(edge.to, edge);
  }
  const rows = chain.nodes.map((node): TimelineRow => {
    const edge = incoming.get(node.id);
    return {
      id: node.id,
      at: node.at,
      day: localDateOf(node.at),
      kind: node.kind,
      generation: node.generation,
      label: node.label,
      status: node.status,
      caseId: node.caseId,
      fromLabel: edge ? byId.get(edge.from)!.label : null,
      source: edge?.source ?? null,
      placeName: edge?.placeName ?? null,
    };
  });
  return rows.sort((a, b) => a.at - b.at || a.generation - b.generation || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Consecutive rows of the same day together, in the order given. */
export function groupByDay(rows: readonly TimelineRow[]): Array<{ day: string; rows: TimelineRow[] }> {
  const groups: Array<{ day: string; rows: TimelineRow[] }> = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last.day === row.day) last.rows.push(row);
    else groups.push({ day: row.day, rows: [row] });
  }
  return groups;
}
