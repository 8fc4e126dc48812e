import { localDateOf, normalizeInternationalPhone, normalizePhone } from '@phongdich/core';
import { ID_NUMBER_SYSTEM, LOINC, SNOMED } from './fhir.systems.js';

/** One lab result as a laboratory sent it, whatever the format. */
export interface LabInput {
  /** Where it came from, for error messages: `Bundle.entry[3].resource` or `row 4`. */
  location: string;
  issuer: string;
  resultId: string;
  patient: { name: string; idNumber: string | null; phone: string | null };
  testSystem: string | null;
  testCode: string | null;
  testName: string;
  result: 'positive' | 'negative' | 'inconclusive';
  specimenDate: string;
}

/** A bad input, with the element or cell to blame (a FHIRPath-like expression or "row N column"). */
export class LabInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const RESULT_WORDS: Record<string, LabInput['result']> = {
  positive: 'positive',
  pos: 'positive',
  detected: 'positive',
  'dương tính': 'positive',
  'duong tinh': 'positive',
  negative: 'negative',
  neg: 'negative',
  'not detected': 'negative',
  'âm tính': 'negative',
  'am tinh': 'negative',
  inconclusive: 'inconclusive',
  ind: 'inconclusive',
  indeterminate: 'inconclusive',
  'không xác định': 'inconclusive',
  'khong xac dinh': 'inconclusive',
};
// SNOMED CT qualifier values labs use for qualitative results.
const RESULT_CODES: Record<string, LabInput['result']> = { '10828004': 'positive', '260385009': 'negative', '419984006': 'inconclusive', '260373001': 'positive', '260415000': 'negative' };

export function resultFromText(text: string | undefined): LabInput['result'] | null {
  return text ? (RESULT_WORDS[text.trim().toLowerCase()] ?? null) : null;
}

/** A calendar date in Vietnam from a FHIR date or dateTime; null when unreadable. */
export function localDateFrom(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Number.isNaN(Date.parse(value)) ? null : value;
  const ms = Date.parse(value);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(ms) ? localDateOf(ms) : null;
}

export function phoneOf(value: string): string | null {
  return normalizePhone(value) ?? normalizeInternationalPhone(value);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayOf = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

interface PatientInfo {
  name: string;
  idNumber: string | null;
  phone: string | null;
}

function patientOf(resource: Json, path: string): PatientInfo {
  const name = arrayOf(resource.name)[0];
  const fullName = text(name?.text) ?? [text(name?.family), ...(Array.isArray(name?.given) ? name.given.map(text) : [])].filter(Boolean).join(' ');
  if (!fullName) throw new LabInputError(`${path}.name`, 'The patient has no name (name.text, or family and given).');
  const identifiers = arrayOf(resource.identifier);
  const idNumber = text(identifiers.find((i) => i.system === ID_NUMBER_SYSTEM)?.value) ?? null;
  const phoneText = text(arrayOf(resource.telecom).find((t) => t.system === 'phone')?.value);
  const phone = phoneText ? phoneOf(phoneText) : null;
  if (phoneText && !phone) throw new LabInputError(`${path}.telecom`, `The phone number "${phoneText}" is not valid.`);
  if (!idNumber && !phone) {
    const systems = identifiers.map((i) => String(i.system ?? '(no system)')).join(', ') || 'none';
    throw new LabInputError(`${path}.identifier`, `No identifier this server can match: give identifier.system ${ID_NUMBER_SYSTEM} (ID or passport number) or a telecom of system phone. Identifier systems sent: ${systems}.`);
  }
  return { name: fullName, idNumber, phone };
}

function resultOf(resource: Json, path: string): LabInput['result'] {
  const value = isObject(resource.valueCodeableConcept) ? resource.valueCodeableConcept : undefined;
  for (const coding of arrayOf(value?.coding)) {
    const code = text(coding.code);
    if (coding.system === SNOMED && code && RESULT_CODES[code]) return RESULT_CODES[code];
    const word = resultFromText(code) ?? resultFromText(text(coding.display));
    if (word) return word;
  }
  const fromText = resultFromText(text(value?.text)) ?? resultFromText(text(resource.valueString));
  if (fromText) return fromText;
  for (const interpretation of arrayOf(resource.interpretation)) {
    for (const coding of arrayOf(interpretation.coding)) {
      const word = resultFromText(text(coding.code));
      if (word) return word;
    }
  }
  throw new LabInputError(`${path}.value[x]`, 'The result must be a qualitative value: valueCodeableConcept with SNOMED CT 10828004 (positive), 260385009 (negative) or 419984006 (inconclusive), or the words positive/negative/inconclusive.');
}

function observationOf(resource: Json, path: string, patients: Map<string, PatientInfo>, today: string): LabInput {
  if (!['final', 'amended', 'corrected'].includes(String(resource.status))) throw new LabInputError(`${path}.status`, 'Only final results are accepted (status final, amended or corrected).');
  const identifier = arrayOf(resource.identifier).find((i) => text(i.system) && text(i.value));
  if (!identifier) throw new LabInputError(`${path}.identifier`, "The result needs an identifier with the laboratory's system and its result id: duplicates are recognised by it.");
  const subject = isObject(resource.subject) ? resource.subject : {};
  let patient = text(subject.reference) ? patients.get(String(subject.reference)) : undefined;
  if (!patient && isObject(subject.identifier) && subject.identifier.system === ID_NUMBER_SYSTEM && text(subject.identifier.value)) {
    patient = { name: text(subject.display) ?? '', idNumber: text(subject.identifier.value) as string, phone: null };
  }
  if (!patient) throw new LabInputError(`${path}.subject`, 'The subject must reference a Patient of the Bundle (by fullUrl or Patient/id) or carry an identifier of system ' + ID_NUMBER_SYSTEM + '.');
  const code = isObject(resource.code) ? resource.code : {};
  const coding = arrayOf(code.coding)[0];
  const testName = text(code.text) ?? text(coding?.display) ?? text(coding?.code);
  if (!testName) throw new LabInputError(`${path}.code`, 'The test has no code or name.');
  const specimenDate = localDateFrom(resource.effectiveDateTime) ?? localDateFrom(isObject(resource.effectivePeriod) ? resource.effectivePeriod.start : undefined);
  if (!specimenDate) throw new LabInputError(`${path}.effective[x]`, 'The specimen date is missing or not a FHIR date (effectiveDateTime).');
  if (specimenDate > today) throw new LabInputError(`${path}.effective[x]`, 'The specimen date is in the future.');
  return {
    location: path,
    issuer: text(identifier.system) as string,
    resultId: text(identifier.value) as string,
    patient,
    testSystem: text(coding?.system) ?? null,
    testCode: text(coding?.code) ?? null,
    testName,
    result: resultOf(resource, path),
    specimenDate,
  };
}

/** Bundle types a laboratory may send results in: processed all or nothing whatever the type. */
const BUNDLE_TYPES = ['transaction', 'batch', 'collection'];

/**
 * The lab results of a FHIR R4 Bundle of Observation (+ Patient) resources. Any entry that is not one of
 * them, or an Observation this server cannot use, fails the whole Bundle with the element to blame.
 */
export function parseLabBundle(body: unknown, today: string, maxEntries: number): LabInput[] {
  if (!isObject(body) || body.resourceType !== 'Bundle') throw new LabInputError('Bundle', 'The body must be a FHIR Bundle (resourceType "Bundle").');
  if (!BUNDLE_TYPES.includes(String(body.type))) throw new LabInputError('Bundle.type', `The Bundle type must be one of ${BUNDLE_TYPES.join(', ')}.`);
  const entries = Array.isArray(body.entry) ? body.entry : [];
  if (entries.length === 0) throw new LabInputError('Bundle.entry', 'The Bundle has no entries.');
  if (entries.length > maxEntries) throw new LabInputError('Bundle.entry', `The Bundle has ${entries.length} entries; at most ${maxEntries} per request.`);
  const patients = new Map<string, PatientInfo>();
  const observations: Array<{ resource: Json; path: string }> = [];
  entries.forEach((entry: unknown, i: number) => {
    const path = `Bundle.entry[${i}].resource`;
    const resource = isObject(entry) && isObject(entry.resource) ? entry.resource : undefined;
    if (!resource) throw new LabInputError(path, 'The entry has no resource.');
    if (resource.resourceType === 'Patient') {
      const info = patientOf(resource, path);
      if (isObject(entry) && text(entry.fullUrl)) patients.set(String(entry.fullUrl), info);
      if (text(resource.id)) patients.set(`Patient/${String(resource.id)}`, info);
    } else if (resource.resourceType === 'Observation') {
      observations.push({ resource, path });
    } else {
      throw new LabInputError(`${path}.resourceType`, `Only Observation and Patient resources are accepted, not ${String(resource.resourceType)}.`);
    }
  });
  if (observations.length === 0) throw new LabInputError('Bundle.entry', 'The Bundle has no Observation.');
  return observations.map(({ resource, path }) => observationOf(resource, path, patients, today));
}

/** CSV columns of a lab-result file (docs/integration.md): Vietnamese heading, English key. */
export const LAB_CSV_COLUMNS = [
  { key: 'lab_code', heading: 'Mã phòng xét nghiệm', required: true },
  { key: 'result_id', heading: 'Mã kết quả', required: true },
  { key: 'full_name', heading: 'Họ và tên', required: true },
  { key: 'id_number', heading: 'Số giấy tờ tùy thân', aliases: ['Số CCCD', 'id'] },
  { key: 'phone', heading: 'Số điện thoại' },
  { key: 'test_code', heading: 'Mã xét nghiệm', aliases: ['loinc'] },
  { key: 'test_name', heading: 'Tên xét nghiệm', required: true },
  { key: 'result', heading: 'Kết quả', required: true },
  { key: 'specimen_date', heading: 'Ngày lấy mẫu', required: true },
];

/** One CSV row as a lab result; problems name the row and column. */
export function labInputFromRow(row: number, values: Record<string, string>, today: string): LabInput {
  const cell = (key: string) => values[key]?.trim() ?? '';
  const fail = (key: string, message: string) => new LabInputError(`row ${row}: ${key}`, message);
  for (const key of ['lab_code', 'result_id', 'full_name', 'test_name', 'result', 'specimen_date']) if (!cell(key)) throw fail(key, 'This column is required.');
  const result = resultFromText(cell('result'));
  if (!result) throw fail('result', 'Write positive, negative or inconclusive (or dương tính, âm tính, không xác định).');
  const specimenDate = localDateFrom(cell('specimen_date'));
  if (!specimenDate) throw fail('specimen_date', 'Write the date as YYYY-MM-DD.');
  if (specimenDate > today) throw fail('specimen_date', 'The specimen date is in the future.');
  const phone = cell('phone') ? phoneOf(cell('phone')) : null;
  if (cell('phone') && !phone) throw fail('phone', 'Not a valid phone number.');
  if (!cell('id_number') && !phone) throw fail('id_number', 'Give the ID or passport number, or the phone number, to find the person.');
  return {
    location: `row ${row}`,
    issuer: cell('lab_code'),
    resultId: cell('result_id'),
    patient: { name: cell('full_name'), idNumber: cell('id_number') || null, phone },
    testSystem: cell('test_code') ? LOINC : null,
    testCode: cell('test_code') || null,
    testName: cell('test_name'),
    result,
    specimenDate,
  };
}
