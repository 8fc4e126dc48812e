import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DIALECTS, TEST_START, type TestContext } from '../../testing/test-context.js';
import type { VisitRow } from './presence.repository.js';
import { presenceAtPlacesIn, visitsOfPeopleIn, type VisitRange } from './tracing-queries.js';

const HOUR = 3_600_000;

function visit(placeId: string, personId: string, checkedInAt: number, checkedOutAt: number | null): VisitRow {
  return {
    id: crypto.randomUUID(),
    place_id: placeId,
    point_id: null,
    checkout_point_id: null,
    person_id: personId,
    visitor_name_enc: null,
    visitor_phone_enc: null,
    visitor_phone_index: null,
    province_code: '19',
    district_code: null,
    commune_code: '01843',
    place_type: 'market',
    method: 'self_scan',
    recorded_by: personId,
    checked_in_at: checkedInAt,
    checked_out_at: checkedOutAt,
    checkout_method: null,
    received_at: checkedInAt,
  };
}

/**
 * Tracing reads presence in batches of ranges; on PostgreSQL thousands go in one statement and two
 * statements are in flight. Each answer must stay with its own range, whatever the batch size.
 */
describe.each(TEST_DIALECTS)('batched presence reads on %s', (dialect) => {
  let ctx: TestContext;
  const places = Array.from({ length: 5 }, (_, i) => `place-${i}`);

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    // Place i has i + 1 visits, one hour apart, each of one hour.
    const rows = places.flatMap((place, i) => Array.from({ length: i + 1 }, (_, v) => visit(place, `person-${i}-${v}`, TEST_START + v * HOUR, TEST_START + (v + 1) * HOUR)));
    await ctx.db.insertInto('visits').values(rows).execute();
  });
  afterAll(async () => ctx?.cleanup());

  it('answers 12,000 ranges (three statements on PostgreSQL) each with its own rows, in order of arrival', async () => {
    const ranges: VisitRange[] = Array.from({ length: 12_000 }, (_, r) => ({ key: r % 7 < 5 ? (places[r % 7] as string) : `nowhere-${r}`, from: TEST_START, until: TEST_START + (r % 3) * HOUR + 1 }));
    const answers = await presenceAtPlacesIn(ctx, ranges);
    expect(answers).toHaveLength(ranges.length);
    answers.forEach((rows, r) => {
      const place = r % 7;
      const expected = place < 5 ? Math.min(place + 1, (r % 3) + 1) : 0;
      expect(rows.map((row) => row[3])).toEqual(Array.from({ length: expected }, (_, v) => TEST_START + v * HOUR));
    });
  });

  it('leaves out visits that ended before the range asks for them', async () => {
    const [rows] = await presenceAtPlacesIn(ctx, [{ key: 'place-4', from: TEST_START, until: TEST_START + 10 * HOUR, leftAfter: TEST_START + 3 * HOUR }]);
    expect(rows?.map((row) => row[3])).toEqual([TEST_START + 2 * HOUR, TEST_START + 3 * HOUR, TEST_START + 4 * HOUR]);
  });

  it("reads people's own visits with the place they were at", async () => {
    const [own, none] = await visitsOfPeopleIn(ctx, [
      { key: 'person-3-2', from: TEST_START, until: TEST_START + 10 * HOUR },
      { key: 'person-3-2', from: TEST_START + 5 * HOUR, until: TEST_START + 10 * HOUR },
    ]);
    expect(own?.map((v) => [v.placeId, v.checkedInAt])).toEqual([['place-3', TEST_START + 2 * HOUR]]);
    expect(none).toEqual([]);
  });
});
