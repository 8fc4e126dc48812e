import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Unit } from '@phongdich/core';
import type { Database } from '../../db/schema.js';
import type { UnitsTable } from './units.table.js';

type Db = Kysely<Database> | Transaction<Database>;

function toUnit(row: Selectable<UnitsTable>): Unit {
  return {
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    nameEn: row.name_en,
    type: row.type,
    typeShort: row.type_short,
    tier: row.tier as Unit['tier'],
    parentCode: row.parent_code,
    provinceCode: row.province_code,
    population: row.population,
  };
}

export async function allUnits(db: Db): Promise<Unit[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('code').execute();
  return rows.map(toUnit);
}

export async function countUnits(db: Db): Promise<number> {
  const row = await db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUnits(db: Db, units: ReadonlyArray<Unit & { level: number }>, now: number): Promise<void> {
  const rows = units.map((u) => ({
    code: u.code,
    name: u.name,
    short_name: u.shortName,
    name_en: u.nameEn,
    type: u.type,
    type_short: u.typeShort,
    tier: u.tier,
    level: u.level,
    parent_code: u.parentCode,
    province_code: u.provinceCode,
    population: u.population,
    population_year: null,
    updated_at: now,
  }));
  // Batches keep each statement under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('units')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

export async function setPopulation(db: Db, code: string, population: number, year: number, now: number): Promise<void> {
  await db.updateTable('units').set({ population, population_year: year, updated_at: now }).where('code', '=', code).execute();
}
