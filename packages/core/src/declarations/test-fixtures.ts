// Example answers for the declaration tests: one valid example per form version, as a browser would send it.
// Test-only data, imported by *.test.ts and nothing else.
import type { DeclarationContext } from './fields.js';

/** A fixed "today" so birth-year and date rules give the same result on every run. */
export const TODAY = '2025-08-15';
/** Context without a unit tree: formats only. */
export const CTX: DeclarationContext = { today: TODAY };

/** A plain-JSON copy, so a test can change an example without touching the original. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A Vietnamese citizen living in Bắc Kạn ward, Thái Nguyên (2025 tree). */
export const PERSON = {
  fullName: 'Nguyễn Thị Lan',
  idType: 'cccd',
  idNumber: '006 190 001 234',
  birthYear: 1990,
  gender: 'female',
  nationality: 'VN',
  phone: '0912 345 678',
  email: 'Lan.Nguyen@Example.com',
  address: { provinceCode: '19', communeCode: '01843', street: 'Tổ 5, đường Trường Chinh' },
};

/** A foreign traveller with an international phone number. */
export const TRAVELLER = {
  fullName: 'Kim Min-jun',
  idType: 'passport',
  idNumber: 'm12345678',
  birthYear: 1985,
  gender: 'male',
  nationality: 'KR',
  phone: '+82 10-1234-5678',
  address: { provinceCode: '01', communeCode: '00004', street: '15 Phan Đình Phùng' },
};

/** One valid example of every registered form version, by version tag. */
export const EXAMPLES: Record<string, Record<string, unknown>> = {
  'domestic@1': {
    formVersion: 'domestic@1',
    declaredFor: 'self',
    person: PERSON,
    visitedPlaces: 'Hà Nội, Hải Phòng',
    visitedUnits: ['01', '31'],
    visitedCountries: [],
    symptoms: [],
    contactWithCase: false,
    contactWithTraveller: false,
    contactWithSymptomatic: false,
    chronicConditions: [],
  },
  'daily_update@1': {
    formVersion: 'daily_update@1',
    declaredFor: 'self',
    person: PERSON,
    date: TODAY,
    symptoms: ['healthy'],
    temperatureC: 36.8,
  },
  'entry@1': {
    formVersion: 'entry@1',
    declaredFor: 'self',
    travellerType: 'expert_investor_worker',
    gateCode: 'noi-bai',
    person: TRAVELLER,
    vehicleType: 'plane',
    vehicleNumber: 'vn 417',
    seat: '12A',
    departureDate: '2025-08-14',
    entryDate: '2025-08-14',
    departureCountry: 'KR',
    departureProvince: 'Seoul',
    destinationProvinceCode: '01',
    visitedCountries: ['KR', 'JP'],
    addressAfterQuarantine: { provinceCode: '01', communeCode: '00008', street: '2 Liễu Giai' },
    symptoms: [],
    vaccines: [{ name: 'Comirnaty (Pfizer-BioNTech)', doses: 3 }],
    animalContact: false,
    closeContactWithCase: false,
    quarantineChoice: 'home',
    testResult: 'negative',
    testDate: '2025-08-13',
  },
  'movement@1': {
    formVersion: 'movement@1',
    declaredFor: 'family',
    person: { ...PERSON, fullName: 'Trần Văn Minh', idType: 'none', idNumber: '', birthYear: 2015, gender: 'male' },
    vehicleType: 'coach',
    vehicleNumber: '29b-123.45',
    seat: '7',
    travelDate: '2025-08-16',
    from: { provinceCode: '19', communeCode: '01843', station: 'Bến xe Bắc Kạn' },
    to: { provinceCode: '01', station: 'Bến xe Mỹ Đình' },
  },
  'medical_facility@1': {
    formVersion: 'medical_facility@1',
    placeId: '01890a5d-ac96-774b-bcce-b302099a8057',
    visitReason: 'examination',
    declaredFor: 'other',
    person: { ...PERSON, fullName: 'Hoàng Văn Sáu', idType: 'cmnd', idNumber: '095123456', birthYear: 1950, gender: 'male' },
    visitedUnits: [],
    symptoms: ['cough', 'fatigue'],
    contactWithCase: false,
    contactWithTraveller: false,
    contactWithSymptomatic: true,
    chronicConditions: ['high_blood_pressure'],
  },
};

/** A valid example of a version, copied so it can be changed. */
export function example(formVersion: string): Record<string, unknown> {
  const found = EXAMPLES[formVersion];
  if (!found) throw new Error(`no example for ${formVersion}`);
  return clone(found);
}

/** The problems of a parse as "path → message key", with unknown fields named the way describeIssues names them. */
export function problemsOf(result: { success: boolean; error?: { issues: readonly Issue[] } | undefined }): string[] {
  if (result.success || !result.error) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' && issue.keys?.[0]) path.push(issue.keys[0]);
    return `${path.join('.')} → ${issue.message}`;
  });
}

interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[];
}
