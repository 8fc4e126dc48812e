import type { Bundle, BundleEntry, Condition, Encounter, Extension, List, ListEntry, Location, Observation, OperationOutcome, Patient, Reference, Resource } from '@medplum/fhirtypes';
import { DAILY_SYMPTOMS, DOMESTIC_SYMPTOMS, ENTRY_SYMPTOMS, maskName } from '@phongdich/core';
import {
  CASE_CODE_SYSTEM,
  CONDITION_CATEGORY,
  CONDITION_CLINICAL,
  CONDITION_VERIFICATION,
  CONTACT_SYSTEM,
  ERROR_SYSTEM,
  EXTENSION_BASE,
  GENERATION_SYSTEM,
  ID_NUMBER_SYSTEM,
  LOINC,
  OBSERVATION_CATEGORY,
  OBSERVATION_INTERPRETATION,
  PLACE_TYPE_SYSTEM,
  SNOMED,
  SYMPTOM_SYSTEM,
  UCUM,
} from './fhir.systems.js';

// Pure mappings from PhongDich's records to FHIR R4 resources (docs/integration.md has the table).

const instant = (ms: number) => new Date(ms).toISOString();
const meta = (ms: number) => ({ lastUpdated: instant(ms) });
const ext = (name: string, value: Omit<Extension, 'url'>): Extension => ({ url: `${EXTENSION_BASE}:${name}`, ...value });

export interface PatientSource {
  id: string;
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  gender: string | null;
  birthYear: number | null;
  deceased: boolean;
  address: { commune: string | null; district: string | null; province: string | null } | null;
  updatedAt: number;
}

const GENDERS: Record<string, Patient['gender']> = { male: 'male', female: 'female', other: 'other' };

/** Vietnamese names are written family name first: "Nguyễn Thị Lan" → family Nguyễn, given Thị Lan. */
export function toPatient(p: PatientSource): Patient {
  const words = p.name?.trim().split(/\s+/) ?? [];
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: meta(p.updatedAt),
    ...(p.idNumber ? { identifier: [{ use: 'official', system: ID_NUMBER_SYSTEM, value: p.idNumber }] } : {}),
    ...(p.name ? { name: [{ use: 'official', text: p.name, ...(words.length > 1 ? { family: words[0], given: words.slice(1) } : {}) }] } : {}),
    ...(p.phone ? { telecom: [{ system: 'phone', value: p.phone, use: 'mobile' }] } : {}),
    gender: GENDERS[p.gender ?? ''] ?? 'unknown',
    ...(p.birthYear ? { birthDate: String(p.birthYear) } : {}),
    ...(p.deceased ? { deceasedBoolean: true } : {}),
    ...(p.address ? { address: [{ use: 'home', ...(p.address.commune ? { city: p.address.commune } : {}), ...(p.address.district ? { district: p.address.district } : {}), ...(p.address.province ? { state: p.address.province } : {}), country: 'VN' }] } : {}),
  };
}

export interface ConditionSource {
  id: string;
  code: string;
  personId: string;
  classification: string;
  outcome: string;
  onsetDate: string | null;
  createdAt: number;
  updatedAt: number;
}

const VERIFICATION: Record<string, string> = { suspected: 'unconfirmed', probable: 'provisional', confirmed: 'confirmed' };

/** A case as a Condition: classification → verificationStatus (and an extension with the exact word). */
export function toCondition(c: ConditionSource, disease: { system: string; code: string; display: string }, evidence: string[] = []): Condition {
  return {
    resourceType: 'Condition',
    id: c.id,
    meta: meta(c.updatedAt),
    extension: [ext('case-classification', { valueCode: c.classification })],
    identifier: [{ system: CASE_CODE_SYSTEM, value: c.code }],
    clinicalStatus: { coding: [{ system: CONDITION_CLINICAL, code: c.outcome === 'active' ? 'active' : 'resolved' }] },
    verificationStatus: { coding: [{ system: CONDITION_VERIFICATION, code: VERIFICATION[c.classification] ?? 'unconfirmed' }] },
    category: [{ coding: [{ system: CONDITION_CATEGORY, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }],
    code: { coding: [disease], text: disease.display },
    subject: { reference: `Patient/${c.personId}` },
    ...(c.onsetDate ? { onsetDateTime: c.onsetDate } : {}),
    recordedDate: instant(c.createdAt),
    ...(evidence.length ? { evidence: [{ detail: evidence.map((id) => ({ reference: `Observation/${id}` })) }] } : {}),
  };
}

export interface LabObservationSource {
  id: string;
  issuer: string;
  resultId: string;
  personId: string | null;
  testSystem: string | null;
  testCode: string | null;
  testName: string;
  result: string;
  specimenDate: string;
  receivedAt: number;
}

const RESULT_CONCEPTS: Record<string, { code: string; display: string; interpretation: string }> = {
  positive: { code: '10828004', display: 'Positive', interpretation: 'POS' },
  negative: { code: '260385009', display: 'Negative', interpretation: 'NEG' },
  inconclusive: { code: '419984006', display: 'Inconclusive', interpretation: 'IND' },
};

export function toLabObservation(r: LabObservationSource): Observation {
  const concept = RESULT_CONCEPTS[r.result] ?? (RESULT_CONCEPTS.inconclusive as { code: string; display: string; interpretation: string });
  return {
    resourceType: 'Observation',
    id: r.id,
    meta: meta(r.receivedAt),
    identifier: [{ system: r.issuer, value: r.resultId }],
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'laboratory', display: 'Laboratory' }] }],
    code: { ...(r.testCode ? { coding: [{ ...(r.testSystem ? { system: r.testSystem } : {}), code: r.testCode, display: r.testName }] } : {}), text: r.testName },
    ...(r.personId ? { subject: { reference: `Patient/${r.personId}` } } : {}),
    effectiveDateTime: r.specimenDate,
    issued: instant(r.receivedAt),
    valueCodeableConcept: { coding: [{ system: SNOMED, code: concept.code, display: concept.display }], text: concept.display },
    interpretation: [{ coding: [{ system: OBSERVATION_INTERPRETATION, code: concept.interpretation }] }],
  };
}

const SYMPTOM_LABELS = new Map<string, string>([...DOMESTIC_SYMPTOMS, ...ENTRY_SYMPTOMS, ...DAILY_SYMPTOMS].map((s) => [s.code, s.en]));

export interface SymptomSource {
  id: string;
  subjectId: string;
  submittedAt: number;
  symptoms: string[];
  temperatureC: number | null;
}

/** Symptoms a person declared, as one survey Observation (LOINC 75325-1 Symptom) with a component per symptom. */
export function toSymptomObservation(s: SymptomSource): Observation {
  return {
    resourceType: 'Observation',
    id: symptomObservationId(s.id),
    meta: meta(s.submittedAt),
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }] }],
    code: { coding: [{ system: LOINC, code: '75325-1', display: 'Symptom' }], text: 'Declared symptoms' },
    subject: { reference: `Patient/${s.subjectId}` },
    effectiveDateTime: instant(s.submittedAt),
    component: [
      ...s.symptoms.map((code) => ({ code: { coding: [{ system: SYMPTOM_SYSTEM, code, display: SYMPTOM_LABELS.get(code) ?? code }], text: SYMPTOM_LABELS.get(code) ?? code }, valueBoolean: true })),
      ...(s.temperatureC !== null ? [{ code: { coding: [{ system: LOINC, code: '8310-5', display: 'Body temperature' }] }, valueQuantity: { value: s.temperatureC, unit: '°C', system: UCUM, code: 'Cel' } }] : []),
    ],
  };
}

/** Declaration ids prefixed, so a symptom Observation id never collides with a lab result's. */
export const symptomObservationId = (declarationId: string) => `decl-${declarationId}`;
export const contactListId = (caseId: string) => `contacts-${caseId}`;

export interface PlaceSource {
  id: string;
  name: string;
  type: string;
  status: string;
  communeName: string;
  lat: number | null;
  lon: number | null;
}

export function toLocation(p: PlaceSource): Location {
  return {
    resourceType: 'Location',
    id: p.id,
    status: p.status === 'active' ? 'active' : p.status === 'suspended' ? 'suspended' : 'inactive',
    name: p.name,
    mode: 'instance',
    type: [{ coding: [{ system: PLACE_TYPE_SYSTEM, code: p.type }], text: p.type }],
    address: { city: p.communeName, country: 'VN' },
    ...(p.lat !== null && p.lon !== null ? { position: { latitude: p.lat, longitude: p.lon } } : {}),
  };
}

export interface VisitSource {
  id: string;
  personId: string;
  caseId: string;
  placeId: string;
  placeName: string;
  checkedInAt: number;
  checkedOutAt: number | null;
}

/** A check-in at a place as an Encounter of the case's patient: where and when, for the receiving system's own tracing. */
export function toVisitEncounter(v: VisitSource): Encounter {
  return {
    resourceType: 'Encounter',
    id: `visit-${v.id}`,
    status: v.checkedOutAt === null ? 'in-progress' : 'finished',
    // A check-in is not care: "field" is the closest R4 ActCode for an encounter away from a facility.
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'FLD', display: 'field' },
    subject: { reference: `Patient/${v.personId}` },
    period: { start: new Date(v.checkedInAt).toISOString(), ...(v.checkedOutAt !== null ? { end: new Date(v.checkedOutAt).toISOString() } : {}) },
    location: [{ location: { reference: `Location/${v.placeId}`, display: v.placeName } }],
    reasonReference: [{ reference: `Condition/${v.caseId}` }],
  };
}

export interface ContactEntrySource {
  id: string;
  personId: string | null;
  name: string | null;
  generation: number;
  sources: string[];
  status: string;
  windowStart: number;
  windowEnd: number;
  quarantineStart: string | null;
  quarantineEnd: string | null;
  placeId: string | null;
}

/** The contacts traced from a case as a List: one entry per person, flagged F1, F2 …, with the exposure. */
export function toContactList(caseRow: { id: string; code: string; personId: string }, contacts: ContactEntrySource[], now: number): List {
  const entries: ListEntry[] = contacts.map((c) => {
    const item: Reference = c.personId
      ? { reference: `Patient/${c.personId}` }
      : { identifier: { system: CONTACT_SYSTEM, value: c.id }, ...(c.name ? { display: maskName(c.name) } : {}) };
    return {
      extension: [
        ext('contact-status', { valueCode: c.status }),
        ...c.sources.map((source) => ext('contact-source', { valueCode: source })),
        ext('exposure-period', { valuePeriod: { start: instant(c.windowStart), end: instant(c.windowEnd) } }),
        ...(c.quarantineStart && c.quarantineEnd ? [ext('quarantine-period', { valuePeriod: { start: c.quarantineStart, end: c.quarantineEnd } })] : []),
        ...(c.placeId ? [ext('exposure-location', { valueReference: { reference: `Location/${c.placeId}` } })] : []),
      ],
      flag: { coding: [{ system: GENERATION_SYSTEM, code: `F${c.generation}` }], text: `F${c.generation}` },
      date: instant(c.windowStart),
      item,
    };
  });
  return {
    resourceType: 'List',
    id: contactListId(caseRow.id),
    status: 'current',
    mode: 'working',
    title: `Người tiếp xúc của ca ${caseRow.code} / Contacts of case ${caseRow.code}`,
    code: { text: 'Contacts traced from the case' },
    subject: { reference: `Patient/${caseRow.personId}` },
    date: instant(now),
    ...(entries.length ? { entry: entries } : { emptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'nilknown', display: 'Nil Known' }] } }),
  };
}

export function fullUrl(base: string, resource: Resource): string {
  return `${base}/fhir/${resource.resourceType}/${resource.id ?? ''}`;
}

export function searchBundle(base: string, selfUrl: string, total: number, matches: Resource[], included: Resource[] = [], next?: string): Bundle {
  const entry: BundleEntry[] = [
    ...matches.map((resource) => ({ fullUrl: fullUrl(base, resource), resource, search: { mode: 'match' as const } })),
    ...included.map((resource) => ({ fullUrl: fullUrl(base, resource), resource, search: { mode: 'include' as const } })),
  ];
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: [{ relation: 'self', url: selfUrl }, ...(next ? [{ relation: 'next', url: next }] : [])],
    ...(entry.length ? { entry } : {}),
  };
}

export function collectionBundle(base: string, id: string, now: number, resources: Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    id,
    type: 'collection',
    timestamp: instant(now),
    entry: resources.map((resource) => ({ fullUrl: fullUrl(base, resource), resource })),
  };
}

export type IssueCode = 'invalid' | 'login' | 'forbidden' | 'not-found' | 'conflict' | 'duplicate' | 'not-supported' | 'too-long' | 'throttled' | 'exception' | 'informational' | 'processing';

export function operationOutcome(issues: Array<{ severity: 'fatal' | 'error' | 'warning' | 'information'; code: IssueCode; errorCode?: string; text: string; diagnostics?: string; expression?: string }>): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity,
      code: i.code,
      details: { ...(i.errorCode ? { coding: [{ system: ERROR_SYSTEM, code: i.errorCode }] } : {}), text: i.text },
      ...(i.diagnostics ? { diagnostics: i.diagnostics } : {}),
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
}
