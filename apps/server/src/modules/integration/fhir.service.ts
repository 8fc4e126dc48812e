import type { Bundle, Condition, List, Location, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { infectiousWindow, normalizePhone } from '@phongdich/core';
import type { Actor } from '../../actor.js';
import { newId, type Context } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { scopeOf, unitInScope } from '../../http/scope.js';
import { accountsByPhoneIndex, phoneIndex, phonesOf } from '../accounts/index.js';
import { recordPersonalDataRead } from '../audit/index.js';
import { casesForExchange, contactsForExchange, contactsOfPeople, type CaseForExchange, type ContactForExchange } from '../cases/index.js';
import { declaredPeople, subjectOfDeclaration, subjectsByIdNumber, symptomReports } from '../declarations/index.js';
import { findActivePlacesByName, placeBasics, type PlaceBasics } from '../places/index.js';
import { visitsOfPersonBetween } from '../presence/index.js';
import { unitTree } from '../units/index.js';
import { CASE_CODE_SYSTEM, ID_NUMBER_SYSTEM } from './fhir.systems.js';
import {
  collectionBundle,
  searchBundle,
  toCondition,
  toContactList,
  toLabObservation,
  toLocation,
  toPatient,
  toSymptomObservation,
  toVisitEncounter,
  type PatientSource,
} from './fhir.resources.js';
import { findLabResult, resultsOfPeople, type LabResultRow } from './lab-results.repository.js';

// FHIR reads for systems (and the same scope rules as officials): a key sees the cases of its unit, their
// contacts and the people behind them. Every resource carrying personal data is audited with its purpose.

export interface Page {
  count: number;
  offset: number;
  selfUrl: string;
  nextUrl: (offset: number) => string;
}

const caseSource = (c: CaseForExchange) => ({ id: c.id, code: c.code, personId: c.personId, classification: c.classification, outcome: c.outcome, onsetDate: c.onsetDate, createdAt: c.createdAt, updatedAt: c.updatedAt });
const base = (ctx: Context) => ctx.config.baseUrl;

function unitNames(ctx: Context, communeCode: string | null): PatientSource['address'] {
  const located = communeCode ? unitTree(ctx).locate(communeCode) : undefined;
  if (!located) return null;
  const name = (code: string | null) => (code ? (unitTree(ctx).get(code)?.name ?? null) : null);
  return { commune: name(located.communeCode), district: name(located.districtCode), province: name(located.provinceCode) };
}

/** Patients of these people, from their latest declaration, case or contact record (in that order). */
async function patientsOf(ctx: Context, personIds: readonly string[], cases: readonly CaseForExchange[], contacts: readonly ContactForExchange[]): Promise<Patient[]> {
  const ids = [...new Set(personIds)];
  const declared = await declaredPeople(ctx, ids);
  const phones = await phonesOf(ctx, ids);
  return ids.map((id) => {
    const person = declared.get(id);
    const asCase = cases.find((c) => c.personId === id);
    const asContact = contacts.find((c) => c.personId === id);
    return toPatient({
      id,
      name: person?.fullName ?? asCase?.fullName ?? asContact?.name ?? null,
      phone: phones.get(id) ?? asCase?.phone ?? person?.phone ?? null,
      idNumber: person?.idNumber ?? null,
      gender: person?.gender ?? null,
      birthYear: person?.birthYear ?? null,
      deceased: cases.some((c) => c.personId === id && c.outcome === 'deceased'),
      address: unitNames(ctx, person?.communeCode ?? asCase?.communeCode ?? asContact?.communeCode ?? null),
      updatedAt: Math.max(person?.declaredAt ?? 0, asCase?.updatedAt ?? 0, asContact?.updatedAt ?? 0),
    });
  });
}

/**
 * Which of these people the actor may see: a case of its area, a contact of its area, or a contact of a
 * case of its area (the chain of a case follows it, wherever its contacts live).
 */
async function visiblePeople(ctx: Context, actor: Actor, personIds: readonly string[]) {
  if (personIds.length === 0) return { visible: new Set<string>(), cases: [], contacts: [] };
  const { items: cases } = await casesForExchange(ctx, actor, { personIds, limit: 1000, offset: 0 });
  const contacts = await contactsOfPeople(ctx, personIds);
  const scope = scopeOf(actor, unitTree(ctx));
  const chainCases = new Set((await casesForExchange(ctx, actor, { ids: [...new Set(contacts.map((c) => c.caseId))], limit: 1000, offset: 0 })).items.map((c) => c.id));
  const visibleContacts = contacts.filter((c) => unitInScope(scope, c.communeCode ?? c.provinceCode, unitTree(ctx)) || chainCases.has(c.caseId));
  const visible = new Set([...cases.map((c) => c.personId), ...visibleContacts.map((c) => c.personId as string)]);
  return { visible, cases, contacts: visibleContacts };
}

export async function readPatient(ctx: Context, actor: Actor, id: string): Promise<Patient> {
  const { visible, cases, contacts } = await visiblePeople(ctx, actor, [id]);
  if (!visible.has(id)) throw new AppError('not_found');
  await recordPersonalDataRead(ctx, actor, [{ type: 'person', id, unitCode: cases[0]?.communeCode ?? contacts[0]?.communeCode ?? null }], 'fhir.Patient.read');
  return (await patientsOf(ctx, [id], cases, contacts))[0] as Patient;
}

/** People by ID number, case number or phone (exact matches through the keyed indexes only). */
export async function searchPatients(ctx: Context, actor: Actor, query: { _id?: string | undefined; identifier?: string | undefined; phone?: string | undefined }, page: Page): Promise<Bundle> {
  let ids: string[] | null = query._id ? [query._id] : null;
  const narrow = (found: string[]) => (ids = ids === null ? found : ids.filter((id) => found.includes(id)));
  if (query.identifier) {
    const [system, value] = query.identifier.includes('|') ? query.identifier.split('|', 2) : [ID_NUMBER_SYSTEM, query.identifier];
    if (system === ID_NUMBER_SYSTEM && value) narrow(await subjectsByIdNumber(ctx, value));
    else if (system === CASE_CODE_SYSTEM && value) narrow((await casesForExchange(ctx, actor, { code: value.toUpperCase(), limit: 1, offset: 0 })).items.map((c) => c.personId));
    else throw new AppError('invalid_input', { field: 'querystring.identifier', detail: `identifier system must be ${ID_NUMBER_SYSTEM} or ${CASE_CODE_SYSTEM}` });
  }
  if (query.phone) {
    const phone = normalizePhone(query.phone);
    if (!phone) throw new AppError('invalid_input', { field: 'querystring.phone' });
    const index = phoneIndex(ctx, phone);
    narrow([...(await accountsByPhoneIndex(ctx, [index])).values()]);
  }
  if (ids === null) ids = (await casesForExchange(ctx, actor, { limit: page.count, offset: page.offset })).items.map((c) => c.personId);
  const { visible, cases, contacts } = await visiblePeople(ctx, actor, ids);
  const shown = ids.filter((id) => visible.has(id));
  await recordPersonalDataRead(ctx, actor, shown.map((id) => ({ type: 'person', id })), 'fhir.Patient.search');
  return searchBundle(base(ctx), page.selfUrl, shown.length, await patientsOf(ctx, shown, cases, contacts));
}

async function caseInScope(ctx: Context, actor: Actor, id: string): Promise<CaseForExchange> {
  const [found] = (await casesForExchange(ctx, actor, { ids: [id], limit: 1, offset: 0 })).items;
  if (!found) throw new AppError('case_not_found');
  return found;
}

async function labEvidence(ctx: Context, personId: string): Promise<LabResultRow[]> {
  return (await resultsOfPeople(ctx.db, [personId], 50)).filter((r) => r.status !== 'mismatch' && r.status !== 'unmatched');
}

export async function readCondition(ctx: Context, actor: Actor, id: string): Promise<Condition> {
  const found = await caseInScope(ctx, actor, id);
  await recordPersonalDataRead(ctx, actor, [{ type: 'case', id, unitCode: found.communeCode }], 'fhir.Condition.read');
  return toCondition(caseSource(found), ctx.config.fhirConditionCode, (await labEvidence(ctx, found.personId)).map((r) => r.id));
}

const VERIFICATION_TO_CLASSIFICATION: Record<string, string> = { unconfirmed: 'suspected', provisional: 'probable', confirmed: 'confirmed' };

export async function searchConditions(
  ctx: Context,
  actor: Actor,
  query: { _id?: string | undefined; patient?: string | undefined; identifier?: string | undefined; 'verification-status'?: string | undefined; 'clinical-status'?: string | undefined },
  page: Page,
): Promise<Bundle> {
  const code = query.identifier?.split('|').pop();
  const verification = query['verification-status']?.split(',').map((v) => VERIFICATION_TO_CLASSIFICATION[v.split('|').pop() ?? ''] ?? '-');
  const clinical = query['clinical-status']?.split(',').flatMap((v) => (v.endsWith('active') ? ['active'] : v.endsWith('resolved') ? ['recovered', 'deceased'] : ['-']));
  const { items, total } = await casesForExchange(ctx, actor, {
    ids: query._id ? [query._id] : undefined,
    personIds: query.patient ? [query.patient.replace(/^Patient\//, '')] : undefined,
    code: code ? code.toUpperCase() : undefined,
    classifications: verification,
    outcomes: clinical,
    limit: page.count,
    offset: page.offset,
  });
  await recordPersonalDataRead(ctx, actor, items.map((c) => ({ type: 'case', id: c.id, unitCode: c.communeCode })), 'fhir.Condition.search');
  const next = page.offset + items.length < total ? page.nextUrl(page.offset + page.count) : undefined;
  return searchBundle(base(ctx), page.selfUrl, total, items.map((c) => toCondition(caseSource(c), ctx.config.fhirConditionCode)), [], next);
}

function contactList(ctx: Context, found: CaseForExchange, contacts: ContactForExchange[]): List {
  return toContactList(found, contacts, ctx.clock.now());
}

export async function readContactList(ctx: Context, actor: Actor, id: string): Promise<List> {
  const found = await caseInScope(ctx, actor, id.replace(/^contacts-/, ''));
  const contacts = await contactsForExchange(ctx, [found.id]);
  await recordPersonalDataRead(ctx, actor, [{ type: 'case', id: found.id, unitCode: found.communeCode }, ...contacts.map((c) => ({ type: 'contact', id: c.id, unitCode: c.communeCode }))], 'fhir.List.read');
  return contactList(ctx, found, contacts);
}

const labObservation = (r: LabResultRow) =>
  toLabObservation({ id: r.id, issuer: r.issuer, resultId: r.result_id, personId: r.person_id, testSystem: r.test_system, testCode: r.test_code, testName: r.test_name, result: r.result, specimenDate: r.specimen_date, receivedAt: r.received_at });

/**
 * A case with everything another system needs to take it over: the Condition, the Patient, lab results
 * and declared symptoms, the List of contacts and each contact's Patient. One collection Bundle.
 */
export async function conditionEverything(ctx: Context, actor: Actor, id: string): Promise<Bundle> {
  const found = await caseInScope(ctx, actor, id);
  const contacts = await contactsForExchange(ctx, [found.id]);
  const people = [found.personId, ...contacts.flatMap((c) => (c.personId ? [c.personId] : []))];
  const labs = await labEvidence(ctx, found.personId);
  const symptoms = await symptomReports(ctx, [found.personId], 20);
  const visits = ctx.config.fhirShareVisits ? await infectiousVisits(ctx, found) : { encounters: [], places: [] };
  await recordPersonalDataRead(
    ctx,
    actor,
    [
      { type: 'case', id: found.id, unitCode: found.communeCode },
      ...contacts.map((c) => ({ type: 'contact', id: c.id, unitCode: c.communeCode })),
      ...[...new Set(people)].map((p) => ({ type: 'person', id: p })),
      ...visits.encounters.map((e) => ({ type: 'visit', id: (e.id as string).slice('visit-'.length), unitCode: found.communeCode })),
    ],
    'fhir.Condition.everything',
  );
  const resources: Resource[] = [
    toCondition(caseSource(found), ctx.config.fhirConditionCode, labs.map((r) => r.id)),
    ...(await patientsOf(ctx, people, [found], contacts)),
    ...labs.map(labObservation),
    ...symptoms.map(toSymptomObservation),
    contactList(ctx, found, contacts),
    ...visits.encounters,
    ...visits.places,
  ];
  return collectionBundle(base(ctx), newId(ctx), ctx.clock.now(), resources);
}

/** The case's check-ins while infectious (FHIR_SHARE_VISITS), as Encounters, with their places as Locations. */
async function infectiousVisits(ctx: Context, found: CaseForExchange) {
  const window = infectiousWindow({ onsetDate: found.onsetDate, testDate: found.testDate, isolationDate: found.isolationDate, createdAt: found.createdAt }, { daysBefore: ctx.config.infectiousDaysBefore }, ctx.clock.now());
  // A visit that began the day before the window may still overlap it.
  const visits = (await visitsOfPersonBetween(ctx, found.personId, window.from - 86_400_000, window.until + 1)).filter((v) => (v.checkedOutAt ?? v.checkedInAt) >= window.from && v.checkedInAt <= window.until);
  const places = await placeBasics(ctx, [...new Set(visits.map((v) => v.placeId))]);
  return {
    encounters: visits.map((v) => toVisitEncounter({ id: v.id, personId: found.personId, caseId: found.id, placeId: v.placeId, placeName: places.get(v.placeId)?.name ?? '', checkedInAt: v.checkedInAt, checkedOutAt: v.checkedOutAt })),
    places: [...places.values()].map(location),
  };
}

export async function readObservation(ctx: Context, actor: Actor, id: string): Promise<Observation> {
  if (id.startsWith('decl-')) {
    const declarationId = id.slice('decl-'.length);
    const row = await findSymptomReport(ctx, actor, declarationId);
    await recordPersonalDataRead(ctx, actor, [{ type: 'declaration', id: declarationId }], 'fhir.Observation.read');
    return toSymptomObservation(row);
  }
  const row = await findLabResult(ctx.db, id);
  if (!row || !row.person_id || !(await visiblePeople(ctx, actor, [row.person_id])).visible.has(row.person_id)) throw new AppError('not_found');
  await recordPersonalDataRead(ctx, actor, [{ type: 'lab_result', id, unitCode: row.commune_code }], 'fhir.Observation.read');
  return labObservation(row);
}

async function findSymptomReport(ctx: Context, actor: Actor, declarationId: string) {
  // Symptom Observations are reachable through a visible person only; the declaration id alone finds nothing.
  const person = await subjectOfDeclaration(ctx, declarationId);
  if (person && (await visiblePeople(ctx, actor, [person])).visible.has(person)) {
    const report = (await symptomReports(ctx, [person], 200)).find((r) => r.id === declarationId);
    if (report) return report;
  }
  throw new AppError('not_found');
}

export async function searchObservations(ctx: Context, actor: Actor, query: { patient: string; category?: string | undefined }, page: Page): Promise<Bundle> {
  const person = query.patient.replace(/^Patient\//, '');
  const category = query.category?.split('|').pop();
  if (!(await visiblePeople(ctx, actor, [person])).visible.has(person)) return searchBundle(base(ctx), page.selfUrl, 0, []);
  const labs = category === 'survey' ? [] : await resultsOfPeople(ctx.db, [person], page.count);
  const symptoms = category === 'laboratory' ? [] : await symptomReports(ctx, [person], page.count);
  await recordPersonalDataRead(ctx, actor, [...labs.map((r) => ({ type: 'lab_result', id: r.id, unitCode: r.commune_code })), ...symptoms.map((s) => ({ type: 'declaration', id: s.id }))], 'fhir.Observation.search');
  const resources = [...labs.map(labObservation), ...symptoms.map(toSymptomObservation)];
  return searchBundle(base(ctx), page.selfUrl, resources.length, resources);
}

const location = (p: PlaceBasics): Location => toLocation({ id: p.id, name: p.name, type: p.type, status: p.status, communeName: p.communeName, lat: p.lat, lon: p.lon });

export async function readLocation(ctx: Context, actor: Actor, id: string): Promise<Location> {
  const place = (await placeBasics(ctx, [id])).get(id);
  if (!place || !unitInScope(scopeOf(actor, unitTree(ctx)), place.communeCode, unitTree(ctx))) throw new AppError('place_not_found');
  return location(place);
}

export async function searchLocations(ctx: Context, actor: Actor, query: { _id?: string | undefined; name?: string | undefined }, page: Page): Promise<Bundle> {
  const scope = scopeOf(actor, unitTree(ctx));
  const places = query._id ? [...(await placeBasics(ctx, [query._id])).values()] : await findActivePlacesByName(ctx, query.name ?? '', 1000);
  const shown = places.filter((p) => unitInScope(scope, p.communeCode, unitTree(ctx)));
  return searchBundle(base(ctx), page.selfUrl, shown.length, shown.slice(page.offset, page.offset + page.count).map(location));
}
