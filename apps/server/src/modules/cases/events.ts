import type { NewEvent } from '../integration/index.js';
import type { CaseRow, ContactRow } from './cases.repository.js';

// Changes of cases and contacts as the integration feed carries them: ids and codes, no names or phones.

const unitsOf = (r: { province_code: string; district_code: string | null; commune_code: string | null }) => ({ provinceCode: r.province_code, districtCode: r.district_code, communeCode: r.commune_code });

export function caseCreatedEvent(row: CaseRow): NewEvent {
  return {
    type: 'case.created',
    units: unitsOf(row),
    data: { caseId: row.id, caseCode: row.code, classification: row.classification, communeCode: row.commune_code, fromContactId: row.from_contact_id, patient: `Patient/${row.person_id}`, condition: `Condition/${row.id}` },
  };
}

export function caseUpdatedEvent(row: CaseRow, fields: readonly string[]): NewEvent {
  return {
    type: 'case.updated',
    units: unitsOf(row),
    data: { caseId: row.id, caseCode: row.code, classification: row.classification, outcome: row.outcome, testResult: row.test_result, fields, condition: `Condition/${row.id}` },
  };
}

export function contactCreatedEvents(rows: readonly ContactRow[]): NewEvent[] {
  return rows.map((row) => ({
    type: 'contact.created',
    units: unitsOf(row),
    data: { contactId: row.id, caseId: row.case_id, generation: row.generation, sources: JSON.parse(row.sources) as string[], communeCode: row.commune_code, patient: row.person_id ? `Patient/${row.person_id}` : null, list: `List/contacts-${row.case_id}` },
  }));
}

export function contactStatusEvent(row: ContactRow, status: string): NewEvent {
  return {
    type: 'contact.status_changed',
    units: unitsOf(row),
    data: { contactId: row.id, caseId: row.case_id, generation: row.generation, status, previousStatus: row.status, patient: row.person_id ? `Patient/${row.person_id}` : null },
  };
}
