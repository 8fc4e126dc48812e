import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../actor.js';
import { unitTree } from '../modules/units/index.js';
import { createTestContext, TEST_DIALECTS, type TestContext } from '../testing/test-context.js';
import { scopeCondition, scopeOf, unitInScope, assertUnitInScope } from './scope.js';

const actor = (role: Actor['role'], unitCode: string | null, sector: Actor['sector'] = null): Actor => ({ userId: 'u', role, unitCode, sector, requestId: null });

describe.each(TEST_DIALECTS)('scope filter on %s (2021 three-tier tree)', (dialect) => {
  let ctx: TestContext;
  // A stand-in for any scoped table: rows located by province, district and commune, with a sector.
  const rows = [
    { id: 'a', province_code: '06', district_code: '061', commune_code: '01909', sector: 'education' },
    { id: 'b', province_code: '06', district_code: '061', commune_code: '01912', sector: 'health' },
    { id: 'c', province_code: '06', district_code: '058', commune_code: '01834', sector: 'education' },
    { id: 'd', province_code: '04', district_code: '040', commune_code: '01273', sector: 'education' },
  ];

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { UNITS_DATASET: 'vn-2021' });
    const db = ctx.db as unknown as Kysely<Record<string, Record<string, string>>>;
    await db.schema
      .createTable('scoped_things')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('province_code', 'text')
      .addColumn('district_code', 'text')
      .addColumn('commune_code', 'text')
      .addColumn('sector', 'text')
      .execute();
    await db.insertInto('scoped_things').values(rows).execute();
  });
  afterAll(async () => ctx.cleanup());

  async function visible(a: Actor): Promise<string[]> {
    const scope = scopeOf(a, unitTree(ctx));
    const db = ctx.db as unknown as Kysely<Record<string, Record<string, string>>>;
    const found = await db
      .selectFrom('scoped_things')
      .select('id')
      .where(scopeCondition(scope, { province: 'province_code', district: 'district_code', commune: 'commune_code', sector: 'sector' }))
      .orderBy('id')
      .execute();
    return found.map((r) => r.id);
  }

  it.each([
    ['an administrator sees everything', actor('admin', null), ['a', 'b', 'c', 'd']],
    ['a province official sees the province', actor('official', '06'), ['a', 'b', 'c']],
    ['a district official sees the district', actor('official', '061'), ['a', 'b']],
    ['a commune official sees the commune', actor('official', '01909'), ['a']],
    ['a sector official sees the sector in the unit', actor('official', '06', 'education'), ['a', 'c']],
    ['a health official is not limited by sector', actor('health_official', '061'), ['a', 'b']],
    ['a citizen sees nothing by unit', actor('citizen', null), []],
    ['an official of an unknown unit sees nothing', actor('official', '99999'), []],
  ])('%s', async (_name, who, expected) => {
    expect(await visible(who)).toEqual(expected);
  });

  it('checks single units against the scope', () => {
    const tree = unitTree(ctx);
    const district = scopeOf(actor('official', '061'), tree);
    expect(unitInScope(district, '01909', tree)).toBe(true);
    expect(unitInScope(district, '061', tree)).toBe(true);
    expect(unitInScope(district, '06', tree)).toBe(false);
    expect(unitInScope(district, '01834', tree)).toBe(false);
    expect(() => assertUnitInScope(district, '01834', tree)).toThrow(expect.objectContaining({ code: 'out_of_scope', status: 403 }));
  });

  it('uses one indexed equality per scope', () => {
    const scope = scopeOf(actor('official', '061'), unitTree(ctx));
    const compiled = sql`select 1 where ${scopeCondition(scope, { province: 'p', district: 'd', commune: 'c' })}`.compile(ctx.db);
    expect(compiled.sql).toMatch(/"d" = (\?|\$1)/);
    expect(compiled.parameters).toEqual(['061']);
  });
});
