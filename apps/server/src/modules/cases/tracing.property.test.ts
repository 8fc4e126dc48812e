import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../actor.js';
import { createTestContext, TEST_DIALECTS, type TestContext } from '../../testing/test-context.js';
import { contactsOfCases, insertCase, type CaseRow } from './cases.repository.js';
import { traceCase } from './tracing.service.js';

// Tracing through the database, checked against a brute-force reference over all visits in memory,
// on many small random data sets. Times sit on a 5-minute grid so visits often touch exactly at the
// edge of the buffer and of the infectious window; a share of visits are never checked out.

const MINUTE = 60_000;
const DAY = 86_400_000;
const TYPES = ['market', 'school', 'restaurant_cafe', 'hotel'] as const;

interface Visit {
  id: string;
  place: string;
  type: string;
  person: string | null;
  phone: string | null;
  in: number;
  out: number | null;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function keyOf(v: Visit): string {
  return v.person ?? `phone:${v.phone}`;
}

/** A straightforward reading of the rules: every pair of visits at one place, nothing indexed. */
function reference(visits: Visit[], caseKey: string, caseWindow: { start: number; end: number }, ctx: TestContext, depth: number) {
  const now = ctx.clock.now();
  const dwell = (type: string) => ctx.config.dwellMinutes[type as 'market'] * MINUTE;
  const maxVisit = Math.max(DAY, ...Object.values(ctx.config.dwellMinutes).map((m) => m * MINUTE));
  const bufferAt = (type: string) => ctx.config.traceBufferMs[type as 'market'];
  const stay = (v: Visit): [number, number] => {
    const end = v.out ?? Math.min(v.in + dwell(v.type), Math.max(v.in, now));
    return [v.in, Math.max(v.in, Math.min(end, v.in + maxVisit))];
  };
  const contactsOf = (key: string, window: { start: number; end: number }) => {
    const found = new Map<string, { start: number; minutes: number }>();
    for (const own of visits.filter((v) => keyOf(v) === key)) {
      const [a0, b0] = stay(own);
      const a = Math.max(a0, window.start);
      const b = Math.min(b0, window.end);
      if (a > b) continue;
      for (const other of visits) {
        if (other.place !== own.place || keyOf(other) === key) continue;
        const [c, d] = stay(other);
        const buffer = bufferAt(own.type);
        if (c > b + buffer || d < a - buffer) continue;
        const entry = found.get(keyOf(other)) ?? { start: Infinity, minutes: 0 };
        entry.start = Math.min(entry.start, Math.max(c, a - buffer));
        entry.minutes += Math.max(0, Math.min(d, b) - Math.max(c, a)) / MINUTE;
        found.set(keyOf(other), entry);
      }
    }
    return found;
  };
  const generations = new Map<string, number>();
  const minutes = new Map<string, number>();
  const seen = new Set([caseKey]);
  let frontier = [{ key: caseKey, window: caseWindow }];
  for (let generation = 1; generation <= depth; generation++) {
    const next: typeof frontier = [];
    for (const person of frontier) {
      for (const [key, e] of contactsOf(person.key, person.window)) {
        if (seen.has(key)) continue;
        seen.add(key);
        generations.set(key, generation);
        minutes.set(key, e.minutes);
        next.push({ key, window: { start: e.start, end: Math.min(now, e.start + ctx.config.contactQuarantineDays * DAY) } });
      }
    }
    frontier = next;
  }
  return { generations, minutes };
}

function randomVisits(random: () => number, start: number, now: number): Visit[] {
  const visits: Visit[] = [];
  const people = 25;
  const open = new Set<string>();
  for (let i = 0; i < 220; i++) {
    const p = Math.floor(random() * people);
    const byPhone = p >= 20;
    const place = `place-${Math.floor(random() * 6)}`;
    const checkIn = start + Math.floor((random() * (now - start)) / (5 * MINUTE)) * 5 * MINUTE;
    const openVisit = random() < 0.15;
    const who = byPhone ? `p${p}` : `person-${p}`;
    // One open visit per person and place, as the server allows.
    if (openVisit && open.has(`${who}|${place}`)) continue;
    if (openVisit) open.add(`${who}|${place}`);
    visits.push({
      id: `visit-${i}`,
      place,
      type: TYPES[Number(place.slice(-1)) % TYPES.length] as string,
      person: byPhone ? null : who,
      phone: byPhone ? who : null,
      in: checkIn,
      out: openVisit ? null : checkIn + Math.ceil(random() * 36) * 5 * MINUTE,
    });
  }
  return visits;
}

describe.each(TEST_DIALECTS)('tracing matches a brute-force reference on %s', (dialect) => {
  let ctx: TestContext;

  beforeAll(async () => {
    // Buffers differ by place type: an hour by default, half an hour at schools, none at hotels.
    ctx = await createTestContext(dialect, { TRACE_BUFFER_BY_TYPE: '{"school": 30, "hotel": 0}' });
    ctx.clock.advance(5 * DAY);
  });
  afterAll(async () => {
    await ctx.cleanup();
  });

  it.each(Array.from({ length: 25 }, (_, i) => i + 1))('random data set %i', async (seed) => {
    const random = rng(seed);
    const now = ctx.clock.now();
    const visits = randomVisits(random, now - 4 * DAY, now);
    await ctx.db.deleteFrom('visits').execute();
    await ctx.db.deleteFrom('contacts').execute();
    await ctx.db.deleteFrom('cases').execute();
    await ctx.db.deleteFrom('monitoring').execute();
    await ctx.db
      .insertInto('visits')
      .values(
        visits.map((v) => ({
          id: v.id,
          place_id: v.place,
          point_id: null,
          checkout_point_id: null,
          person_id: v.person,
          visitor_name_enc: null,
          visitor_phone_enc: null,
          visitor_phone_index: v.phone,
          province_code: '19',
          district_code: null,
          commune_code: '01843',
          place_type: v.type,
          method: v.person ? 'self_scan' : 'staff_manual',
          recorded_by: 'test',
          checked_in_at: v.in,
          checked_out_at: v.out,
          checkout_method: v.out === null ? null : 'scan',
          received_at: v.in,
        })),
      )
      .execute();
    const casePerson = `person-${Math.floor(random() * 20)}`;
    // Onset one to three days ago: the window starts two days earlier, at midnight in Vietnam.
    const onset = new Date(now + 7 * 3_600_000 - (1 + Math.floor(random() * 3)) * DAY).toISOString().slice(0, 10);
    const row: CaseRow = {
      id: `case-${seed}`,
      code: `BN-${seed}`,
      person_id: casePerson,
      name_enc: ctx.cipher.encrypt('cases.name', 'Thử'),
      phone_enc: ctx.cipher.encrypt('cases.phone', '+84900000000'),
      address_enc: null,
      province_code: '19',
      district_code: null,
      commune_code: '01843',
      classification: 'confirmed',
      onset_date: onset,
      test_date: null,
      test_result: null,
      isolation_date: null,
      isolation_place_enc: null,
      outcome: 'active',
      from_contact_id: null,
      note_enc: null,
      traced_at: null,
      closed_at: null,
      created_by: 'test',
      created_at: now,
      updated_at: now,
    };
    await insertCase(ctx.db, row);
    const depth = 1 + (seed % 2);
    await traceCase(ctx, SYSTEM_ACTOR, row, depth);
    const stored = await contactsOfCases(ctx.db, [row.id]);

    const windowStart = Date.parse(`${onset}T00:00:00Z`) - 7 * 3_600_000 - ctx.config.infectiousDaysBefore * DAY;
    const expected = reference(visits, casePerson, { start: windowStart, end: now }, ctx, depth);
    expect(new Map(stored.map((c) => [c.person_key, c.generation]))).toEqual(expected.generations);
    for (const contact of stored.filter((c) => c.generation === 1)) {
      expect(contact.exposure_minutes).toBeCloseTo(expected.minutes.get(contact.person_key) ?? -1, 0);
    }
  });
});
