import { localDateOf, maskName, type Chain } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import type { Context } from '../../context.js';
import { labelsOf } from '../accounts/index.js';
import { recordPersonalDataRead } from '../audit/index.js';
import { placeBasics } from '../places/index.js';
import { visitsOfPeopleSince } from '../presence/index.js';
import { casesByIds, casesSince, contactsOfCases, listContacts, type CaseRow, type ContactRow } from './cases.repository.js';
import { caseInScope, caseScope } from './cases.service.js';
import { notReachedSince, NOT_REACHED_DAYS } from './contacts.service.js';
import { caseWindow } from './tracing.service.js';
import { scopeCondition, scopeOf } from '../../http/scope.js';
import { unitTree } from '../units/index.js';

const DAY_MS = 86_400_000;
/** A chain view stops here; beyond it, the contact list and its export are the tools. */
export const MAX_CHAIN_NODES = 20_000;

/** The first case of the chain a case belongs to, following "was a contact of" upwards. */
async function originOf(ctx: Context, row: CaseRow): Promise<CaseRow> {
  let current = row;
  for (let hops = 0; current.from_contact_id && hops < 100; hops++) {
    const contact = await ctx.db.selectFrom('contacts').select('case_id').where('id', '=', current.from_contact_id).executeTakeFirst();
    const parent = contact ? (await casesByIds(ctx.db, [contact.case_id]))[0] : undefined;
    if (!parent) break;
    current = parent;
  }
  return current;
}

async function contactLabels(ctx: Context, contacts: ContactRow[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const personIds = [...new Set(contacts.filter((c) => c.person_id).map((c) => c.person_id as string))];
  for (let i = 0; i < personIds.length; i += 500) {
    for (const [id, label] of await labelsOf(ctx, personIds.slice(i, i + 500))) labels.set(id, label.displayName);
  }
  const result = new Map<string, string>();
  for (const c of contacts) {
    const visitor = c.name_enc ? maskName(ctx.cipher.decrypt('contacts.name', c.name_enc)) : null;
    result.set(c.id, (c.person_id ? labels.get(c.person_id) : null) ?? visitor ?? '—');
  }
  return result;
}

/**
 * The whole chain a case belongs to, from its first case down: each case, its contacts by generation,
 * contacts that became cases and their own contacts. A person appears once, where first reached.
 */
export async function chainOf(ctx: Context, actor: Actor, id: string): Promise<Chain & { truncated: boolean }> {
  const origin = await originOf(ctx, await caseInScope(ctx, actor, id));
  const chain: Chain = { nodes: [], edges: [] };
  const placed = new Set<string>();
  let level: Array<{ row: CaseRow; generation: number }> = [{ row: origin, generation: 0 }];
  let truncated = false;
  while (level.length > 0 && !truncated) {
    const next: typeof level = [];
    const contacts = await contactsOfCases(ctx.db, level.map((l) => l.row.id));
    const labels = await contactLabels(ctx, contacts);
    const places = await placeBasics(ctx, [...new Set(contacts.filter((c) => c.place_id).map((c) => c.place_id as string))]);
    const becameCases = new Map((await casesByIds(ctx.db, contacts.filter((c) => c.became_case_id).map((c) => c.became_case_id as string))).map((c) => [c.id, c]));
    for (const { row, generation } of level) {
      const caseNode = `case:${row.id}`;
      if (!placed.has(caseNode)) {
        placed.add(caseNode);
        placed.add(row.person_id);
        chain.nodes.push({ id: caseNode, kind: 'case', generation, label: `${row.code} · ${maskName(ctx.cipher.decrypt('cases.name', row.name_enc))}`, status: row.outcome, caseId: row.id, at: row.created_at });
      }
      for (const c of contacts.filter((x) => x.case_id === row.id)) {
        if (placed.has(c.person_key)) continue;
        if (chain.nodes.length >= MAX_CHAIN_NODES) {
          truncated = true;
          break;
        }
        placed.add(c.person_key);
        const node = `contact:${c.id}`;
        chain.nodes.push({ id: node, kind: 'contact', generation: generation + c.generation, label: labels.get(c.id) ?? '—', status: c.status, caseId: c.became_case_id, at: c.window_start });
        const parent = c.parent_contact_id ? `contact:${c.parent_contact_id}` : caseNode;
        chain.edges.push({ from: parent, to: node, source: (JSON.parse(c.sources) as string[])[0] ?? 'presence', placeName: c.place_id ? (places.get(c.place_id)?.name ?? null) : null, at: c.window_start });
        const became = c.became_case_id ? becameCases.get(c.became_case_id) : undefined;
        if (became) {
          chain.edges.push({ from: node, to: `case:${became.id}`, source: 'became_case', placeName: null, at: became.created_at });
          next.push({ row: became, generation: generation + c.generation });
        }
      }
    }
    level = next;
  }
  await recordPersonalDataRead(ctx, actor, [{ type: 'case', id, unitCode: origin.commune_code }], 'cases.chain');
  return { ...chain, truncated };
}

export interface CasePlace {
  placeId: string;
  placeName: string;
  communeName: string;
  lat: number | null;
  lon: number | null;
  caseCount: number;
  caseCodes: string[];
  firstAt: number;
  lastAt: number;
}

/** Places cases of the area visited while infectious in the last `days` days (for zoning and the map). */
export async function placesVisitedByCases(ctx: Context, actor: Actor, days: number): Promise<CasePlace[]> {
  const now = ctx.clock.now();
  const cases = await casesSince(ctx.db, caseScope(ctx, actor), now - (days + 30) * DAY_MS);
  const windows = new Map(cases.map((c) => [c.person_id, { row: c, window: caseWindow(ctx, c) }]));
  const visits = await visitsOfPeopleSince(ctx, [...windows.keys()], now - days * DAY_MS);
  const byPlace = new Map<string, { cases: Set<string>; firstAt: number; lastAt: number }>();
  for (const v of visits) {
    const owner = v.personId ? windows.get(v.personId) : undefined;
    if (!owner || v.checkedInAt > owner.window.end || (v.checkedOutAt ?? v.checkedInAt) < owner.window.start) continue;
    const entry = byPlace.get(v.placeId) ?? { cases: new Set<string>(), firstAt: v.checkedInAt, lastAt: v.checkedInAt };
    entry.cases.add(owner.row.code);
    entry.firstAt = Math.min(entry.firstAt, v.checkedInAt);
    entry.lastAt = Math.max(entry.lastAt, v.checkedInAt);
    byPlace.set(v.placeId, entry);
  }
  const places = await placeBasics(ctx, [...byPlace.keys()]);
  return [...byPlace.entries()]
    .map(([placeId, e]) => {
      const place = places.get(placeId);
      return { placeId, placeName: place?.name ?? '', communeName: place?.communeName ?? '', lat: place?.lat ?? null, lon: place?.lon ?? null, caseCount: e.cases.size, caseCodes: [...e.cases].sort(), firstAt: e.firstAt, lastAt: e.lastAt };
    })
    .sort((a, b) => b.caseCount - a.caseCount || b.lastAt - a.lastAt);
}

/** Clusters: places where several cases were while infectious. */
export async function clusters(ctx: Context, actor: Actor): Promise<{ items: CasePlace[] }> {
  return { items: (await placesVisitedByCases(ctx, actor, 28)).filter((p) => p.caseCount >= 2) };
}

/** The CDC's indicators over the area: case load, tracing reach and follow-up gaps. */
export async function indicators(ctx: Context, actor: Actor) {
  const now = ctx.clock.now();
  const recent = await casesSince(ctx.db, caseScope(ctx, actor), now - 14 * DAY_MS);
  const active = await ctx.db.selectFrom('cases').select(['id', 'from_contact_id']).where(caseScope(ctx, actor)).where('outcome', '=', 'active').execute();
  const firstGeneration = recent.length
    ? Number((await ctx.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', 'in', recent.map((c) => c.id)).where('generation', '=', 1).executeTakeFirstOrThrow()).n)
    : 0;
  const notReached = await listContacts(ctx.db, {
    where: [scopeCondition(scopeOf(actor, unitTree(ctx)), { province: 'contacts.province_code', district: 'contacts.district_code', commune: 'contacts.commune_code' })],
    notReachedSince: notReachedSince(ctx),
    limit: 1,
    offset: 0,
  });
  const origins = new Set<string>();
  for (const c of await casesByIds(ctx.db, active.map((a) => a.id))) origins.add((await originOf(ctx, c)).id);
  return {
    activeCases: active.length,
    newCases14d: recent.length,
    contactsPerCase: recent.length ? Math.round((firstGeneration / recent.length) * 10) / 10 : 0,
    knownContactShare: recent.length ? recent.filter((c) => c.from_contact_id).length / recent.length : 0,
    contactsNotReached: notReached.total,
    notReachedDays: NOT_REACHED_DAYS,
    activeChains: origins.size,
    asOf: localDateOf(now),
  };
}
