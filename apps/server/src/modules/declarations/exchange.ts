import { sql } from 'kysely';
import { HEALTHY } from '@phongdich/core';
import type { Context } from '../../context.js';
import { openRecord } from './declarations.service.js';
import { normalizeIdNumber } from './declarations.rules.js';

// What the integration module reads of declarations: identity for lab-result matching and FHIR Patients,
// symptoms for FHIR Observations, daily counts for aggregate exports. Callers audit what they pass on.

/** The people whose current declarations carry this ID number (keyed index: the number is never searched in clear). */
export async function subjectsByIdNumber(ctx: Context, idNumber: string): Promise<string[]> {
  const index = ctx.cipher.blindIndex('id_number', normalizeIdNumber(idNumber));
  const rows = await ctx.db.selectFrom('declarations').select('subject_id').distinct().where('id_number_index', '=', index).where('status', '=', 'current').execute();
  return rows.map((r) => r.subject_id);
}

export interface DeclaredPerson {
  fullName: string;
  idType: string | null;
  idNumber: string | null;
  birthYear: number | null;
  gender: string | null;
  phone: string | null;
  provinceCode: string;
  districtCode: string | null;
  communeCode: string | null;
  declaredAt: number;
}

/** Each person's identity as their latest current declaration gives it. */
export async function declaredPeople(ctx: Context, subjectIds: readonly string[]): Promise<Map<string, DeclaredPerson>> {
  const people = new Map<string, DeclaredPerson>();
  for (let i = 0; i < subjectIds.length; i += 200) {
    const rows = await ctx.db.selectFrom('declarations').selectAll().where('subject_id', 'in', subjectIds.slice(i, i + 200)).where('status', '=', 'current').orderBy('submitted_at').execute();
    for (const row of rows) {
      const person = openRecord(ctx, row).person as { fullName: string; idType?: string; idNumber?: string | null; birthYear?: number; gender?: string; phone?: string | null };
      people.set(row.subject_id, {
        fullName: person.fullName,
        idType: person.idType ?? null,
        idNumber: person.idNumber ? normalizeIdNumber(person.idNumber) : null,
        birthYear: person.birthYear ?? null,
        gender: person.gender ?? null,
        phone: person.phone ?? null,
        provinceCode: row.province_code,
        districtCode: row.district_code,
        communeCode: row.commune_code,
        declaredAt: row.submitted_at,
      });
    }
  }
  return people;
}

export interface SymptomReport {
  id: string;
  subjectId: string;
  kind: string;
  submittedAt: number;
  symptoms: string[];
  temperatureC: number | null;
}

/** Declarations of these people that report symptoms ("healthy" is not one), newest first. */
export async function symptomReports(ctx: Context, subjectIds: readonly string[], limit: number): Promise<SymptomReport[]> {
  if (subjectIds.length === 0) return [];
  const rows = await ctx.db.selectFrom('declarations').selectAll().where('subject_id', 'in', subjectIds).where('status', '=', 'current').orderBy('submitted_at', 'desc').limit(limit * 4).execute();
  const reports: SymptomReport[] = [];
  for (const row of rows) {
    const record = openRecord(ctx, row) as { symptoms?: string[]; temperatureC?: number | null };
    const symptoms = (record.symptoms ?? []).filter((s) => s !== HEALTHY);
    if (symptoms.length) reports.push({ id: row.id, subjectId: row.subject_id, kind: row.kind, submittedAt: row.submitted_at, symptoms, temperatureC: record.temperatureC ?? null });
  }
  return reports.slice(0, limit);
}

/** Declarations submitted per commune and local day (days since 1970 in Vietnam's time, UTC+7). */
export async function dailyDeclarationCounts(ctx: Context, fromMs: number, untilMs: number): Promise<Array<{ day: number; communeCode: string; declarations: number }>> {
  const day = sql<number>`(submitted_at + 25200000) / 86400000`;
  const rows = await ctx.db
    .selectFrom('declarations')
    .select([day.as('day'), 'commune_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('submitted_at', '>=', fromMs)
    .where('submitted_at', '<', untilMs)
    .where('commune_code', 'is not', null)
    .groupBy([day, 'commune_code'])
    .execute();
  return rows.map((r) => ({ day: Number(r.day), communeCode: r.commune_code as string, declarations: Number(r.n) }));
}

/** Whose declaration this is (null when there is none). */
export async function subjectOfDeclaration(ctx: Context, id: string): Promise<string | null> {
  return (await ctx.db.selectFrom('declarations').select('subject_id').where('id', '=', id).executeTakeFirst())?.subject_id ?? null;
}
