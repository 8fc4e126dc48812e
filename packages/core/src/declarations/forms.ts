import { z } from 'zod';
import { DAILY_UPDATE_FORM_V1, dailyUpdateSchemaV1 } from './daily-update.js';
import { DOMESTIC_FORM_V1, domesticSchemaV1 } from './domestic.js';
import { ENTRY_FORM_V1, entrySchemaV1 } from './entry.js';
import type { DeclarationContext } from './fields.js';
import type { BilingualText, FormVersionDefinition } from './labels.js';
import { MEDICAL_FACILITY_FORM_V1, medicalFacilitySchemaV1 } from './medical-facility.js';
import { MOVEMENT_FORM_V1, movementSchemaV1 } from './movement.js';

/** The kinds of health declaration (PRODUCT.md §5). */
export const DECLARATION_KINDS = ['domestic', 'daily_update', 'entry', 'movement', 'medical_facility'] as const;
/** A form kind, from DECLARATION_KINDS. */
export type DeclarationKind = (typeof DECLARATION_KINDS)[number];

/** A form kind: its title, the version new declarations use, and every version records may carry. */
export interface DeclarationFormDefinition {
  readonly title: BilingualText;
  readonly current: string;
  readonly versions: Readonly<Record<string, FormVersionDefinition>>;
}

/**
 * Every form kind and every version of it. A changed form gets a new version next to the old one, never an
 * edit in place: stored records and declarations queued offline on an old form must stay readable.
 */
export const DECLARATION_FORMS = {
  domestic: {
    title: { vi: 'Khai báo y tế', en: 'Health declaration' },
    current: 'domestic@1',
    versions: { 'domestic@1': DOMESTIC_FORM_V1 },
  },
  daily_update: {
    title: { vi: 'Cập nhật sức khỏe hằng ngày', en: 'Daily health update' },
    current: 'daily_update@1',
    versions: { 'daily_update@1': DAILY_UPDATE_FORM_V1 },
  },
  entry: {
    title: { vi: 'Tờ khai y tế nhập cảnh', en: 'Health declaration for entry into Vietnam' },
    current: 'entry@1',
    versions: { 'entry@1': ENTRY_FORM_V1 },
  },
  movement: {
    title: { vi: 'Khai báo di chuyển nội địa', en: 'Domestic travel declaration' },
    current: 'movement@1',
    versions: { 'movement@1': MOVEMENT_FORM_V1 },
  },
  medical_facility: {
    title: { vi: 'Khai báo y tế tại cơ sở khám, chữa bệnh', en: 'Health declaration at a medical facility' },
    current: 'medical_facility@1',
    versions: { 'medical_facility@1': MEDICAL_FACILITY_FORM_V1 },
  },
} as const satisfies Record<DeclarationKind, DeclarationFormDefinition>;

/**
 * Any declaration of any registered version, chosen by its `formVersion`. Used for new submissions too:
 * a declaration filled in offline on yesterday's form version is still a valid declaration.
 * Add each new version's schema here as well as to DECLARATION_FORMS (a test checks both agree).
 * Building takes about a millisecond: keep one per day and unit tree rather than one per request.
 */
export function declarationSchema(ctx: DeclarationContext) {
  return z.discriminatedUnion(
    'formVersion',
    [domesticSchemaV1(ctx), dailyUpdateSchemaV1(ctx), entrySchemaV1(ctx), movementSchemaV1(ctx), medicalFacilitySchemaV1(ctx)],
    { error: (issue) => (issue.code === 'invalid_union' ? 'unknown_form_version' : undefined) },
  );
}

/** A validated declaration of any form and version. */
export type Declaration = z.output<ReturnType<typeof declarationSchema>>;

/** The form kind of a version tag ("entry@1" → "entry"), or undefined when the kind is unknown. */
export function formKindOf(formVersion: string): DeclarationKind | undefined {
  const kind = formVersion.split('@')[0];
  return DECLARATION_KINDS.find((known) => known === kind);
}

/** Labels, steps and schema factory of a version, for showing an old record with the questions it answered. */
export function formVersionDefinition(formVersion: string): FormVersionDefinition | undefined {
  const kind = formKindOf(formVersion);
  if (!kind) return undefined;
  const versions: Readonly<Record<string, FormVersionDefinition>> = DECLARATION_FORMS[kind].versions;
  return Object.hasOwn(versions, formVersion) ? versions[formVersion] : undefined;
}

/** True when a record was made on an older version than the one new declarations use. */
export function isOutdatedFormVersion(formVersion: string): boolean {
  const kind = formKindOf(formVersion);
  return kind !== undefined && DECLARATION_FORMS[kind].current !== formVersion;
}
