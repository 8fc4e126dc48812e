import { describe, expect, it } from 'vitest';
import { isMessageKey, parseWithKeys } from '../validation.js';
import { declarationSchema } from './forms.js';
import { DECLARATION_MESSAGES } from './messages.js';
import { CTX, example, problemsOf } from './test-fixtures.js';

type Input = Record<string, unknown>;
type Change = (input: Input) => void;

const person = (input: Input) => input.person as Input;
const set =
  (field: string, value: unknown): Change =>
  (input) => {
    input[field] = value;
  };
const setPerson =
  (field: string, value: unknown): Change =>
  (input) => {
    person(input)[field] = value;
  };

// [what is wrong, form version, change to a valid example, the one problem expected as "path → key"]
const CASES: [string, string, Change, string][] = [
  ['a contact question left unanswered', 'domestic@1', (input) => delete input.contactWithCase, 'contactWithCase → required'],
  ['the symptom question left unanswered', 'domestic@1', (input) => delete input.symptoms, 'symptoms → required'],
  ['no person block at all', 'domestic@1', (input) => delete input.person, 'person → required'],
  ['a person block that is not an object', 'entry@1', set('person', 'Kim'), 'person → type_object'],
  ['no address', 'domestic@1', (input) => delete person(input).address, 'person.address → required'],
  ['no journey origin', 'movement@1', (input) => delete input.from, 'from → required'],
  ['no name', 'domestic@1', (input) => delete person(input).fullName, 'person.fullName → required'],
  ['a name of spaces only', 'domestic@1', setPerson('fullName', '   '), 'person.fullName → required'],
  ['no gender', 'domestic@1', (input) => delete person(input).gender, 'person.gender → required'],
  ['a gender not on the list', 'domestic@1', setPerson('gender', 'x'), 'person.gender → one_of'],
  ['who the declaration is for left out', 'domestic@1', (input) => delete input.declaredFor, 'declaredFor → required'],
  ['a birth year in the future', 'domestic@1', setPerson('birthYear', 2026), 'person.birthYear → birth_year_future'],
  ['a birth year before 1900', 'domestic@1', setPerson('birthYear', 1899), 'person.birthYear → birth_year_too_early'],
  ['a birth year with a fraction', 'domestic@1', setPerson('birthYear', 1990.5), 'person.birthYear → not_integer'],
  ['a phone neither Vietnamese nor international', 'domestic@1', setPerson('phone', '12345'), 'person.phone → phone_vn_or_international'],
  ['a Vietnamese mobile with a digit missing', 'domestic@1', setPerson('phone', '091234567'), 'person.phone → phone_vn_or_international'],
  ['a +84 number of the wrong length', 'domestic@1', setPerson('phone', '+84 91234'), 'person.phone → phone_invalid'],
  ['an international number too short', 'entry@1', setPerson('phone', '+1 23'), 'person.phone → phone_international_invalid'],
  ['an international number with letters', 'entry@1', setPerson('phone', '+44 20 CALL ME'), 'person.phone → phone_international_invalid'],
  ['a CCCD of 11 digits', 'domestic@1', setPerson('idNumber', '00619000123'), 'person.idNumber → id_number_format_cccd'],
  ['a CCCD with a letter', 'domestic@1', setPerson('idNumber', '00619000123A'), 'person.idNumber → id_number_format_cccd'],
  [
    'a CMND of 10 digits',
    'domestic@1',
    (input) => Object.assign(person(input), { idType: 'cmnd', idNumber: '0951234567' }),
    'person.idNumber → id_number_format_cmnd',
  ],
  [
    'a passport number with a hyphen',
    'domestic@1',
    (input) => Object.assign(person(input), { idType: 'passport', idNumber: 'C-1234567' }),
    'person.idNumber → id_number_format_passport',
  ],
  ['a passport number of 5 characters', 'entry@1', setPerson('idNumber', 'B1234'), 'person.idNumber → id_number_format_passport'],
  [
    'a travel document number of 3 characters',
    'entry@1',
    (input) => Object.assign(person(input), { idType: 'travel_document', idNumber: 'X12' }),
    'person.idNumber → id_number_format_travel_document',
  ],
  ['no document number', 'domestic@1', (input) => delete person(input).idNumber, 'person.idNumber → required'],
  ['an identity card at the border', 'entry@1', setPerson('idType', 'cccd'), 'person.idType → one_of'],
  [
    '"no document" for an adult',
    'domestic@1',
    (input) => Object.assign(person(input), { idType: 'none', idNumber: '' }),
    'person.idType → id_required_from_14',
  ],
  [
    '"no document" with a number',
    'movement@1',
    setPerson('idNumber', '001215000001'),
    'person.idNumber → id_number_unexpected',
  ],
  ['a nationality not on the list', 'domestic@1', setPerson('nationality', 'XX'), 'person.nationality → unknown_country'],
  ['a lower-case country code', 'domestic@1', setPerson('nationality', 'vn'), 'person.nationality → unknown_country'],
  ['an unknown visited country', 'domestic@1', set('visitedCountries', ['VN', 'ZZ']), 'visitedCountries.1 → unknown_country'],
  ['a country listed twice', 'entry@1', set('visitedCountries', ['KR', 'KR']), 'visitedCountries → duplicate_choice'],
  ['an unknown departure country', 'entry@1', set('departureCountry', 'XK'), 'departureCountry → unknown_country'],
  ['an unknown border gate', 'entry@1', set('gateCode', 'hanoi-station'), 'gateCode → unknown_gate'],
  ['no border gate', 'entry@1', (input) => delete input.gateCode, 'gateCode → required'],
  ['a plane at a land gate', 'entry@1', set('gateCode', 'mong-cai'), 'gateCode → gate_vehicle_mismatch'],
  [
    'a car at an airport',
    'entry@1',
    (input) => Object.assign(input, { vehicleType: 'car', vehicleNumber: '51A-12345' }),
    'gateCode → gate_vehicle_mismatch',
  ],
  ['"other vehicle" not described', 'entry@1', set('vehicleType', 'other'), 'vehicleOther → vehicle_other_required'],
  ['no flight number', 'entry@1', set('vehicleNumber', ' '), 'vehicleNumber → vehicle_number_required'],
  ['no coach number', 'movement@1', (input) => delete input.vehicleNumber, 'vehicleNumber → vehicle_number_required'],
  ['a name over 100 characters', 'domestic@1', setPerson('fullName', 'A'.repeat(101)), 'person.fullName → too_long:100'],
  ['places visited over 500 characters', 'domestic@1', set('visitedPlaces', 'x'.repeat(501)), 'visitedPlaces → too_long:500'],
  [
    'a street over 200 characters',
    'domestic@1',
    (input) => Object.assign((person(input).address as Input), { street: 'đ'.repeat(201) }),
    'person.address.street → too_long:200',
  ],
  ['a seat over 10 characters', 'movement@1', set('seat', '12345678901'), 'seat → too_long:10'],
  ['entry before departure', 'entry@1', set('entryDate', '2025-08-13'), 'entryDate → entry_before_departure'],
  ['a date that does not exist', 'entry@1', set('departureDate', '2025-02-29'), 'departureDate → date_invalid'],
  ['a date typed dd/mm/yyyy', 'movement@1', set('travelDate', '16/08/2025'), 'travelDate → date_invalid'],
  ['a test date in the future', 'entry@1', set('testDate', '2025-08-16'), 'testDate → date_in_future'],
  ['a daily update for tomorrow', 'daily_update@1', set('date', '2025-08-16'), 'date → date_in_future'],
  ['"healthy" with a symptom', 'daily_update@1', set('symptoms', ['healthy', 'fever']), 'symptoms → healthy_with_symptoms'],
  ['no answer on the daily update', 'daily_update@1', set('symptoms', []), 'symptoms → daily_symptoms_required'],
  ['a symptom of another form', 'daily_update@1', set('symptoms', ['rash']), 'symptoms.0 → one_of'],
  ['a symptom twice', 'domestic@1', set('symptoms', ['cough', 'cough']), 'symptoms → duplicate_choice'],
  ['a temperature no one lives with', 'daily_update@1', set('temperatureC', 45), 'temperatureC → too_big:43'],
  ['a yes/no answered with text', 'domestic@1', set('contactWithTraveller', 'no'), 'contactWithTraveller → type_boolean'],
  [
    'a district code in the province field',
    'domestic@1',
    (input) => Object.assign(person(input).address as Input, { provinceCode: '058' }),
    'person.address.provinceCode → province_code_format',
  ],
  [
    'a province code in the commune field',
    'domestic@1',
    (input) => Object.assign(person(input).address as Input, { communeCode: '19' }),
    'person.address.communeCode → commune_code_format',
  ],
  ['a unit code with letters', 'domestic@1', set('visitedUnits', ['01', 'HN']), 'visitedUnits.1 → unit_code_format'],
  ['an email without a domain', 'domestic@1', setPerson('email', 'lan@'), 'person.email → email_invalid'],
  ['a facility place id typed by hand', 'medical_facility@1', set('placeId', 'benh-vien-1'), 'placeId → place_id_format'],
  ['"other reason" not described', 'medical_facility@1', set('visitReason', 'other'), 'visitReasonNote → visit_reason_note_required'],
  ['a vaccine with no doses', 'entry@1', set('vaccines', [{ name: 'Vero Cell', doses: 0 }]), 'vaccines.0.doses → too_small:1'],
  ['an unknown field', 'domestic@1', set('isAdmin', true), 'isAdmin → unknown_field:isAdmin'],
  ['an unknown field in the person block', 'entry@1', setPerson('religion', 'x'), 'person.religion → unknown_field:religion'],
  ['an unknown form version', 'domestic@1', set('formVersion', 'domestic@2'), 'formVersion → unknown_form_version'],
];

describe('declarations refuse wrong answers, naming the field and the message key', () => {
  it.each(CASES)('%s (%s)', (_what, formVersion, change, expected) => {
    const input = example(formVersion);
    change(input);
    expect(problemsOf(parseWithKeys(declarationSchema(CTX), input))).toEqual([expected]);
    const key = expected.split(' → ')[1]?.split(':')[0] ?? '';
    expect(Object.hasOwn(DECLARATION_MESSAGES, key) || isMessageKey(key), `${key} has a message`).toBe(true);
  });

  it('reports every problem of a form at once, cross-field rules included', () => {
    const input = example('entry@1');
    Object.assign(input, { entryDate: '2025-08-01', gateCode: 'nowhere' });
    (input.person as Input).phone = 'call me';
    expect(problemsOf(parseWithKeys(declarationSchema(CTX), input)).sort()).toEqual([
      'entryDate → entry_before_departure',
      'gateCode → unknown_gate',
      'person.phone → phone_vn_or_international',
    ]);
  });
});

it.each([
  [null, 'type_object'],
  ['text', 'type_object'],
  [[], 'type_object'],
  [undefined, 'required'],
])('refuses a body that is not an object (%j) without throwing', (body, key) => {
  expect(problemsOf(parseWithKeys(declarationSchema(CTX), body))).toEqual([` → ${key}`]);
});

describe('free text is plain text', () => {
  const script = '<script>alert("xss")</script>';

  it('keeps a <script> as the characters typed: it is data, and the web renders it as text', () => {
    const input = example('domestic@1');
    input.visitedPlaces = script;
    (input.person as Input).fullName = script;
    const parsed = declarationSchema(CTX).parse(input);
    expect(parsed).toMatchObject({ visitedPlaces: script, person: { fullName: script } });
  });

  it('still limits its length', () => {
    const input = example('domestic@1');
    input.visitedPlaces = script.repeat(20);
    expect(problemsOf(parseWithKeys(declarationSchema(CTX), input))).toEqual(['visitedPlaces → too_long:500']);
  });

  it('trims spaces around answers', () => {
    const input = example('domestic@1');
    (input.person as Input).fullName = '  Nguyễn Thị Lan \n';
    expect(declarationSchema(CTX).parse(input).person.fullName).toBe('Nguyễn Thị Lan');
  });
});
