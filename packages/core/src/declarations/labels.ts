import type { z } from 'zod';
import type { DeclarationContext } from './fields.js';
import {
  CHRONIC_CONDITIONS,
  CONTACT_QUESTIONS,
  DECLARED_FOR,
  type DeclarationOption,
  DOMESTIC_SYMPTOMS,
  GENDERS,
  ID_DOCUMENT_TYPES,
} from './options.js';

/** A user-facing text in both languages; Vietnamese is the source. */
export interface BilingualText {
  readonly vi: string;
  readonly en: string;
}

/** How the web renders a question; the list-backed kinds take their choices from `options` or reference data. */
export type FieldInput =
  | 'text'
  | 'textarea'
  | 'year'
  | 'number'
  | 'date'
  | 'phone'
  | 'email'
  | 'yes_no'
  | 'single_choice'
  | 'multiple_choice'
  | 'country'
  | 'countries'
  | 'province'
  | 'district'
  | 'commune'
  | 'units'
  | 'border_gate'
  | 'vaccines';

/** Label, optional help text and input kind of one question, by field path. */
export interface FieldSpec {
  readonly label: BilingualText;
  readonly help?: BilingualText;
  readonly input: FieldInput;
  readonly options?: readonly DeclarationOption[];
  /** The stem shared by consecutive yes/no questions, shown once above them as on the paper forms. */
  readonly group?: BilingualText;
}

/** One screen of a form: a title and the field paths it asks, in order (3–6 questions, UX.md). */
export interface FormStep {
  readonly id: string;
  readonly title: BilingualText;
  readonly fields: readonly string[];
}

/** Yes/no questions made from a question list (codes are field names) under a shared stem. */
export function yesNoFields(questions: readonly DeclarationOption[], group: BilingualText): Record<string, FieldSpec> {
  return Object.fromEntries(
    questions.map((question) => [question.code, { label: { vi: question.vi, en: question.en }, group, input: 'yes_no' } satisfies FieldSpec]),
  );
}

/** The question "who are you declaring for", asked first on every form. */
export const DECLARED_FOR_FIELD: Record<string, FieldSpec> = {
  declaredFor: {
    label: { vi: 'Anh/Chị khai báo cho', en: 'Who are you declaring for?' },
    help: {
      vi: 'Có thể khai hộ người thân hoặc người không có điện thoại thông minh.',
      en: 'You may declare for a family member or for someone without a smartphone.',
    },
    input: 'single_choice',
    options: DECLARED_FOR,
  },
};

/** Questions of an address block under `prefix` (e.g. "person.address"). */
export function addressFields(prefix: string, streetLabel: BilingualText): Record<string, FieldSpec> {
  return {
    [`${prefix}.provinceCode`]: { label: { vi: 'Tỉnh/thành phố', en: 'Province or city' }, input: 'province' },
    [`${prefix}.districtCode`]: {
      label: { vi: 'Quận/huyện', en: 'District' },
      help: {
        vi: 'Chỉ hỏi với địa giới trước 01/07/2025; từ đó không còn cấp huyện.',
        en: 'Asked only for the boundaries before 1 July 2025; districts were abolished then.',
      },
      input: 'district',
    },
    [`${prefix}.communeCode`]: { label: { vi: 'Phường/xã', en: 'Ward or commune' }, input: 'commune' },
    [`${prefix}.street`]: { label: streetLabel, input: 'text' },
  };
}

/** Questions of the person block, by field path. */
export const PERSON_FIELDS: Record<string, FieldSpec> = {
  'person.fullName': {
    label: { vi: 'Họ tên', en: 'Full name' },
    help: { vi: 'Ghi như trên giấy tờ tùy thân, có dấu.', en: 'As written on the identity document.' },
    input: 'text',
  },
  'person.idType': { label: { vi: 'Loại giấy tờ', en: 'Identity document' }, input: 'single_choice', options: ID_DOCUMENT_TYPES },
  'person.idNumber': {
    label: { vi: 'Số hộ chiếu / CMND / CCCD', en: 'Passport or identity card number' },
    help: {
      vi: 'Căn cước 12 số, CMND 9 hoặc 12 số, hộ chiếu 6–9 chữ và số. Trẻ em chưa có giấy tờ thì để trống.',
      en: 'Identity card: 12 digits; old CMND: 9 or 12 digits; passport: 6–9 letters and digits. Leave empty for a child without one.',
    },
    input: 'text',
  },
  'person.birthYear': { label: { vi: 'Năm sinh', en: 'Year of birth' }, input: 'year' },
  'person.gender': { label: { vi: 'Giới tính', en: 'Gender' }, input: 'single_choice', options: GENDERS },
  'person.nationality': { label: { vi: 'Quốc tịch', en: 'Nationality' }, input: 'country' },
  'person.phone': {
    label: { vi: 'Điện thoại', en: 'Phone' },
    help: {
      vi: 'Số Việt Nam, ví dụ 0912345678; số nước ngoài thì bắt đầu bằng + và mã quốc gia.',
      en: 'A Vietnamese number, e.g. 0912345678; a foreign number starts with + and the country code.',
    },
    input: 'phone',
  },
  'person.email': {
    label: { vi: 'Email', en: 'Email address' },
    help: { vi: 'Không bắt buộc.', en: 'Optional.' },
    input: 'email',
  },
  ...addressFields('person.address', {
    vi: 'Số nhà, phố, tổ dân phố/thôn/đội',
    en: 'House number, street, residential group or hamlet',
  }),
};

/**
 * The three person steps (identity, contact, address). `lead` puts a form's opening questions (who the
 * declaration is for…) in front of the identity questions.
 */
export function personSteps(lead: readonly string[] = ['declaredFor']): FormStep[] {
  return [
    {
      id: 'person',
      title: { vi: 'Thông tin người khai', en: 'About the person' },
      fields: [...lead, 'person.fullName', 'person.idType', 'person.idNumber', 'person.birthYear', 'person.gender'],
    },
    {
      id: 'contact',
      title: { vi: 'Liên lạc', en: 'Contact details' },
      fields: ['person.nationality', 'person.phone', 'person.email'],
    },
    {
      id: 'address',
      title: { vi: 'Địa chỉ liên lạc tại Việt Nam', en: 'Contact address in Vietnam' },
      fields: ['person.address.provinceCode', 'person.address.districtCode', 'person.address.communeCode', 'person.address.street'],
    },
  ];
}

/** Everything a web form and a record viewer need for one version of a form. */
export interface FormVersionDefinition<S extends z.ZodType = z.ZodType> {
  /** The validating schema; a factory because some rules depend on today's date and the unit tree. */
  readonly schema: (ctx: DeclarationContext) => S;
  /** Label, help and input kind of every question, by field path. */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** The questions in order, in screens of 3–6. */
  readonly steps: readonly FormStep[];
  /** Fields the app fills in rather than asks: the form version, the place of a scanned QR. */
  readonly hidden: readonly string[];
}

/** Questions shared by the domestic and medical-facility forms (NCOVI wording). */
export const DOMESTIC_HEALTH_FIELDS: Record<string, FieldSpec> = {
  visitedPlaces: {
    label: {
      vi: 'Trong vòng 14 ngày qua, Anh/Chị có đến tỉnh/thành phố, quốc gia/vùng lãnh thổ nào (có thể đi qua nhiều nơi)',
      en: 'In the past 14 days, which provinces, cities, countries or territories have you been to (you may list several)?',
    },
    help: { vi: 'Ghi tự do, hoặc chọn địa phương và quốc gia ở dưới.', en: 'Write them here, or pick places and countries below.' },
    input: 'textarea',
  },
  visitedUnits: { label: { vi: 'Các địa phương đã đến', en: 'Places in Vietnam you went to' }, input: 'units' },
  visitedCountries: { label: { vi: 'Các quốc gia/vùng lãnh thổ đã đến', en: 'Countries or territories you went to' }, input: 'countries' },
  symptoms: {
    label: {
      vi: 'Trong vòng 14 ngày qua, Anh/Chị có thấy xuất hiện dấu hiệu nào sau đây không?',
      en: 'In the past 14 days, have you had any of the following?',
    },
    help: { vi: 'Không chọn gì nếu không có dấu hiệu nào.', en: 'Choose none if you have had none of them.' },
    input: 'multiple_choice',
    options: DOMESTIC_SYMPTOMS,
  },
  ...yesNoFields(CONTACT_QUESTIONS, {
    vi: 'Trong vòng 14 ngày qua, Anh/Chị có tiếp xúc với',
    en: 'In the past 14 days, have you been in contact with',
  }),
  chronicConditions: {
    label: { vi: 'Hiện tại Anh/Chị có các bệnh nào dưới đây không?', en: 'Do you currently have any of the following conditions?' },
    help: { vi: 'Không chọn gì nếu không có bệnh nào.', en: 'Choose none if you have none of them.' },
    input: 'multiple_choice',
    options: CHRONIC_CONDITIONS,
  },
};

/** The travel and health steps of the domestic and medical-facility forms. */
export const DOMESTIC_HEALTH_STEPS: readonly FormStep[] = [
  {
    id: 'travel',
    title: { vi: 'Nơi đã đến trong 14 ngày', en: 'Where you have been in the last 14 days' },
    fields: ['visitedPlaces', 'visitedUnits', 'visitedCountries'],
  },
  {
    id: 'health',
    title: { vi: 'Sức khỏe và tiếp xúc', en: 'Health and contacts' },
    fields: ['symptoms', 'contactWithCase', 'contactWithTraveller', 'contactWithSymptomatic', 'chronicConditions'],
  },
];
