import { z } from 'zod';
import { BORDER_GATE_CODES, findBorderGate } from './border-gates.js';
import {
  addressSchema,
  calendarDateSchema,
  choiceOf,
  choicesOf,
  countryCodeSchema,
  countryListSchema,
  type DeclarationContext,
  optionalText,
  pastDateSchema,
  provinceCodeSchema,
  requiredText,
  vehicleNumberSchema,
  whenFieldsValid,
  yesNoSchema,
} from './fields.js';
import { addressFields, DECLARED_FOR_FIELD, type FormVersionDefinition, PERSON_FIELDS, yesNoFields } from './labels.js';
import {
  DECLARED_FOR,
  ENTRY_SYMPTOMS,
  ENTRY_VEHICLES,
  EXPOSURE_QUESTIONS,
  ID_DOCUMENT_TYPES,
  QUARANTINE_CHOICES,
  TEST_RESULTS,
  TRAVELLER_TYPES,
} from './options.js';
import { ENTRY_ID_TYPES, personSchema } from './person.js';

/** The current version tag of the entry (VHD) declaration. */
export const ENTRY_V1 = 'entry@1';

const vaccineSchema = z.strictObject({
  name: requiredText(100),
  doses: z.number().int().min(1).max(10),
});

// Which gates each vehicle can arrive at; ships also cross at river gates on the Mekong, which are land gates.
const GATE_KINDS_BY_VEHICLE: Record<string, readonly string[]> = {
  plane: ['airport'],
  car: ['land'],
  ship: ['seaport', 'land'],
};

/** Entry declaration, version 1: the VHD form for people entering Vietnam. */
export function entrySchemaV1(ctx: DeclarationContext) {
  return z
    .strictObject({
      formVersion: z.literal(ENTRY_V1, { error: 'unknown_form_version' }),
      declaredFor: choiceOf(DECLARED_FOR),
      travellerType: choiceOf(TRAVELLER_TYPES),
      gateCode: z.enum(BORDER_GATE_CODES, { error: (issue) => (issue.input === undefined ? 'required' : 'unknown_gate') }),
      // The person's own contact address is the VHD's "contact address in Vietnam".
      person: personSchema(ctx, { idTypes: ENTRY_ID_TYPES }),
      vehicleType: choiceOf(ENTRY_VEHICLES),
      vehicleOther: optionalText(100),
      vehicleNumber: vehicleNumberSchema,
      seat: optionalText(10),
      departureDate: calendarDateSchema,
      entryDate: calendarDateSchema,
      departureCountry: countryCodeSchema,
      departureProvince: optionalText(100),
      destinationProvinceCode: provinceCodeSchema,
      visitedCountries: countryListSchema,
      addressAfterQuarantine: addressSchema(ctx),
      symptoms: choicesOf(ENTRY_SYMPTOMS),
      vaccines: z.array(vaccineSchema).max(10).default([]),
      animalContact: yesNoSchema,
      closeContactWithCase: yesNoSchema,
      quarantineChoice: choiceOf(QUARANTINE_CHOICES),
      testResult: choiceOf(TEST_RESULTS),
      testDate: pastDateSchema(ctx).optional(),
    })
    .superRefine((entry, issues) => {
      if (entry.entryDate < entry.departureDate) {
        issues.addIssue({ code: 'custom', message: 'entry_before_departure', path: ['entryDate'] });
      }
    }, whenFieldsValid('entryDate', 'departureDate'))
    .superRefine((entry, issues) => {
      if (entry.vehicleType === 'other' && !entry.vehicleOther) {
        issues.addIssue({ code: 'custom', message: 'vehicle_other_required', path: ['vehicleOther'] });
      }
      // Someone walking across a land gate has no vehicle number.
      if (entry.vehicleType !== 'other' && !entry.vehicleNumber) {
        issues.addIssue({ code: 'custom', message: 'vehicle_number_required', path: ['vehicleNumber'] });
      }
      const kinds = GATE_KINDS_BY_VEHICLE[entry.vehicleType];
      const gate = findBorderGate(entry.gateCode);
      if (kinds && gate && !kinds.includes(gate.kind)) {
        issues.addIssue({ code: 'custom', message: 'gate_vehicle_mismatch', path: ['gateCode'] });
      }
    }, whenFieldsValid('vehicleType', 'vehicleOther', 'vehicleNumber'));
}

/** A validated entry declaration, version 1. */
export type EntryDeclarationV1 = z.output<ReturnType<typeof entrySchemaV1>>;

const PLAIN_STREET = { vi: 'Số nhà, phố, tổ dân phố/thôn/đội', en: 'House number, street, residential group or hamlet' };

/** Schema, labels and steps of entry@1 (VHD wording). */
export const ENTRY_FORM_V1: FormVersionDefinition<ReturnType<typeof entrySchemaV1>> = {
  schema: entrySchemaV1,
  fields: {
    ...DECLARED_FOR_FIELD,
    ...PERSON_FIELDS,
    'person.idType': {
      label: { vi: 'Loại giấy tờ', en: 'Travel document' },
      input: 'single_choice',
      options: ID_DOCUMENT_TYPES.filter((option) => (ENTRY_ID_TYPES as readonly string[]).includes(option.code)),
    },
    'person.idNumber': {
      label: { vi: 'Số hộ chiếu hoặc giấy thông hành hợp pháp khác', en: 'Passport or other valid travel document number' },
      input: 'text',
    },
    travellerType: { label: { vi: 'Đối tượng nhập cảnh', en: 'You are entering as' }, input: 'single_choice', options: TRAVELLER_TYPES },
    gateCode: { label: { vi: 'Cửa khẩu', en: 'Border gate of entry' }, input: 'border_gate' },
    vehicleType: { label: { vi: 'Phương tiện', en: 'Means of transport' }, input: 'single_choice', options: ENTRY_VEHICLES },
    vehicleOther: { label: { vi: 'Phương tiện khác (ghi rõ)', en: 'Other means of transport (specify)' }, input: 'text' },
    vehicleNumber: {
      label: { vi: 'Số hiệu phương tiện', en: 'Flight, ship or vehicle number' },
      help: { vi: 'Ví dụ VN0051; bỏ trống nếu đi bộ qua cửa khẩu.', en: 'E.g. VN0051; leave empty if you crossed on foot.' },
      input: 'text',
    },
    seat: { label: { vi: 'Số ghế', en: 'Seat number' }, input: 'text' },
    departureDate: { label: { vi: 'Ngày khởi hành', en: 'Departure date' }, input: 'date' },
    entryDate: { label: { vi: 'Ngày nhập cảnh', en: 'Date of entry' }, input: 'date' },
    departureCountry: { label: { vi: 'Địa điểm khởi hành: quốc gia/vùng lãnh thổ', en: 'Departure: country or territory' }, input: 'country' },
    departureProvince: { label: { vi: 'Địa điểm khởi hành: tỉnh/thành phố', en: 'Departure: province or city' }, input: 'text' },
    destinationProvinceCode: { label: { vi: 'Địa điểm nơi đến: tỉnh/thành phố', en: 'Destination: province or city' }, input: 'province' },
    visitedCountries: {
      label: {
        vi: 'Trong vòng 14 ngày qua, Anh/Chị đã đến quốc gia/vùng lãnh thổ nào?',
        en: 'In the past 14 days, which countries or territories have you been to?',
      },
      input: 'countries',
    },
    ...addressFields('addressAfterQuarantine', PLAIN_STREET),
    symptoms: {
      label: {
        vi: 'Trong vòng 14 ngày qua, Anh/Chị có thấy xuất hiện dấu hiệu nào sau đây không?',
        en: 'In the past 14 days, have you had any of the following?',
      },
      help: { vi: 'Không chọn gì nếu không có dấu hiệu nào.', en: 'Choose none if you have had none of them.' },
      input: 'multiple_choice',
      options: ENTRY_SYMPTOMS,
    },
    vaccines: {
      label: { vi: 'Danh sách vắc-xin hoặc sinh phẩm được sử dụng', en: 'Vaccines or biologicals received' },
      help: { vi: 'Tên vắc-xin và số mũi đã tiêm.', en: 'Name of each vaccine and the number of doses.' },
      input: 'vaccines',
    },
    ...yesNoFields(EXPOSURE_QUESTIONS, {
      vi: 'Lịch sử phơi nhiễm: Trong vòng 14 ngày qua, Anh/Chị có',
      en: 'Exposure history: in the past 14 days, have you',
    }),
    quarantineChoice: { label: { vi: 'Hình thức cách ly', en: 'Where you will be quarantined' }, input: 'single_choice', options: QUARANTINE_CHOICES },
    testResult: { label: { vi: 'Kết quả xét nghiệm', en: 'Test result' }, input: 'single_choice', options: TEST_RESULTS },
    testDate: { label: { vi: 'Ngày xét nghiệm', en: 'Test date' }, input: 'date' },
  },
  steps: [
    {
      id: 'trip',
      title: { vi: 'Thông tin đi lại', en: 'Your journey' },
      fields: ['gateCode', 'vehicleType', 'vehicleOther', 'vehicleNumber', 'seat'],
    },
    {
      id: 'person',
      title: { vi: 'Thông tin người nhập cảnh', en: 'About the traveller' },
      fields: ['declaredFor', 'travellerType', 'person.fullName', 'person.birthYear', 'person.gender', 'person.nationality'],
    },
    {
      id: 'document',
      title: { vi: 'Giấy tờ và liên lạc', en: 'Travel document and contact' },
      fields: ['person.idType', 'person.idNumber', 'person.phone', 'person.email'],
    },
    {
      id: 'route',
      title: { vi: 'Hành trình', en: 'Route' },
      fields: ['departureDate', 'entryDate', 'departureCountry', 'departureProvince', 'destinationProvinceCode', 'visitedCountries'],
    },
    {
      id: 'address',
      title: { vi: 'Địa chỉ liên lạc tại Việt Nam', en: 'Contact address in Vietnam' },
      fields: ['person.address.provinceCode', 'person.address.districtCode', 'person.address.communeCode', 'person.address.street'],
    },
    {
      id: 'after_quarantine',
      title: { vi: 'Nơi lưu trú sau cách ly', en: 'Where you will stay after quarantine' },
      fields: [
        'addressAfterQuarantine.provinceCode',
        'addressAfterQuarantine.districtCode',
        'addressAfterQuarantine.communeCode',
        'addressAfterQuarantine.street',
      ],
    },
    {
      id: 'health',
      title: { vi: 'Sức khỏe và phơi nhiễm', en: 'Health and exposure' },
      fields: ['symptoms', 'vaccines', 'animalContact', 'closeContactWithCase'],
    },
    {
      id: 'quarantine',
      title: { vi: 'Cách ly và xét nghiệm', en: 'Quarantine and testing' },
      fields: ['quarantineChoice', 'testResult', 'testDate'],
    },
  ],
  hidden: ['formVersion'],
};
