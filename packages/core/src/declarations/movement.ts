import { z } from 'zod';
import {
  calendarDateSchema,
  checkUnitChain,
  choiceOf,
  communeCodeSchema,
  type DeclarationContext,
  districtCodeSchema,
  optionalText,
  provinceCodeSchema,
  vehicleNumberSchema,
  whenFieldsValid,
} from './fields.js';
import { type BilingualText, DECLARED_FOR_FIELD, type FieldSpec, type FormVersionDefinition, PERSON_FIELDS, personSteps } from './labels.js';
import { DECLARED_FOR, MOVEMENT_VEHICLES } from './options.js';
import { personSchema } from './person.js';

/** The current version tag of the domestic-movement declaration. */
export const MOVEMENT_V1 = 'movement@1';

/** Where a journey starts or ends: the province at least, finer units and the station when known. */
export function journeyPointSchema(ctx: DeclarationContext) {
  return z
    .strictObject({
      provinceCode: provinceCodeSchema,
      districtCode: districtCodeSchema.optional(),
      communeCode: communeCodeSchema.optional(),
      station: optionalText(120),
    })
    .superRefine((point, issues) => checkUnitChain(ctx, point, issues), whenFieldsValid('provinceCode', 'districtCode', 'communeCode'));
}

/** Domestic-movement declaration, version 1: one journey by plane, train, coach, ship or own vehicle. */
export function movementSchemaV1(ctx: DeclarationContext) {
  return z
    .strictObject({
      formVersion: z.literal(MOVEMENT_V1, { error: 'unknown_form_version' }),
      declaredFor: choiceOf(DECLARED_FOR),
      person: personSchema(ctx),
      vehicleType: choiceOf(MOVEMENT_VEHICLES),
      vehicleNumber: vehicleNumberSchema,
      seat: optionalText(10),
      travelDate: calendarDateSchema,
      from: journeyPointSchema(ctx),
      to: journeyPointSchema(ctx),
    })
    .superRefine((movement, issues) => {
      // Public transport is matched by vehicle and date when tracing (PRODUCT.md §7); a private car is not.
      if (movement.vehicleType !== 'personal' && !movement.vehicleNumber) {
        issues.addIssue({ code: 'custom', message: 'vehicle_number_required', path: ['vehicleNumber'] });
      }
    }, whenFieldsValid('vehicleType', 'vehicleNumber'));
}

/** A validated domestic-movement declaration, version 1. */
export type MovementDeclarationV1 = z.output<ReturnType<typeof movementSchemaV1>>;

function journeyPointFields(prefix: 'from' | 'to', side: BilingualText, station: BilingualText): Record<string, FieldSpec> {
  return {
    [`${prefix}.provinceCode`]: { label: { vi: `Tỉnh/thành phố ${side.vi}`, en: `Province or city ${side.en}` }, input: 'province' },
    [`${prefix}.districtCode`]: {
      label: { vi: `Quận/huyện ${side.vi}`, en: `District ${side.en}` },
      help: { vi: 'Không bắt buộc; không có từ 01/07/2025.', en: 'Optional; there are no districts after 1 July 2025.' },
      input: 'district',
    },
    [`${prefix}.communeCode`]: {
      label: { vi: `Phường/xã ${side.vi}`, en: `Ward or commune ${side.en}` },
      help: { vi: 'Không bắt buộc.', en: 'Optional.' },
      input: 'commune',
    },
    [`${prefix}.station`]: { label: station, input: 'text' },
  };
}

/** Schema, labels and steps of movement@1. */
export const MOVEMENT_FORM_V1: FormVersionDefinition<ReturnType<typeof movementSchemaV1>> = {
  schema: movementSchemaV1,
  fields: {
    ...DECLARED_FOR_FIELD,
    ...PERSON_FIELDS,
    vehicleType: { label: { vi: 'Phương tiện di chuyển', en: 'How you travel' }, input: 'single_choice', options: MOVEMENT_VEHICLES },
    vehicleNumber: {
      label: { vi: 'Số hiệu phương tiện (chuyến bay, tàu, biển số xe)', en: 'Flight, train or ship number, or number plate' },
      help: { vi: 'Ví dụ VN213, SE1, 29B-123.45.', en: 'E.g. VN213, SE1, 29B-123.45.' },
      input: 'text',
    },
    seat: { label: { vi: 'Số ghế', en: 'Seat number' }, input: 'text' },
    travelDate: { label: { vi: 'Ngày khởi hành', en: 'Date of travel' }, input: 'date' },
    ...journeyPointFields('from', { vi: 'đi', en: 'of departure' }, { vi: 'Ga, bến, cảng, sân bay đi', en: 'Station, port or airport of departure' }),
    ...journeyPointFields('to', { vi: 'đến', en: 'of arrival' }, { vi: 'Ga, bến, cảng, sân bay đến', en: 'Station, port or airport of arrival' }),
  },
  steps: [
    ...personSteps(),
    {
      id: 'vehicle',
      title: { vi: 'Phương tiện', en: 'Vehicle' },
      fields: ['vehicleType', 'vehicleNumber', 'seat', 'travelDate'],
    },
    {
      id: 'from',
      title: { vi: 'Nơi đi', en: 'From' },
      fields: ['from.provinceCode', 'from.districtCode', 'from.communeCode', 'from.station'],
    },
    { id: 'to', title: { vi: 'Nơi đến', en: 'To' }, fields: ['to.provinceCode', 'to.districtCode', 'to.communeCode', 'to.station'] },
  ],
  hidden: ['formVersion'],
};
