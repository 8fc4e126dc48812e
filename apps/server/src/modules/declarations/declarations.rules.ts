import { foldVietnamese, type Declaration, type RiskSignals } from '@phongdich/core';

/** Flag rules an installation can turn on (DECLARATION_FLAG_RULES); all are on by default. */
export const FLAG_RULES = ['any_symptom', 'contact_with_case', 'arrival_from_affected_area', 'vulnerable_with_symptoms'] as const;
export type FlagRule = (typeof FLAG_RULES)[number];

/** Which enabled rules the answers of a declaration meet. */
export function flagReasons(signals: RiskSignals, enabled: readonly FlagRule[]): FlagRule[] {
  const met: Record<FlagRule, boolean> = {
    any_symptom: signals.anySymptom,
    contact_with_case: signals.contactWithCase,
    arrival_from_affected_area: signals.arrivalFromAffectedArea,
    vulnerable_with_symptoms: signals.vulnerable && signals.anySymptom,
  };
  return FLAG_RULES.filter((rule) => enabled.includes(rule) && met[rule]);
}

/** The values officials look people up by, normalised the way they will be typed. */
export function lookupKeys(declaration: Declaration): { name: string; phone: string | null; idNumber: string | null } {
  const person = declaration.person;
  return {
    name: foldVietnamese(person.fullName),
    phone: person.phone ?? null,
    idNumber: person.idNumber ? normalizeIdNumber(person.idNumber) : null,
  };
}

export function normalizeIdNumber(value: string): string {
  return value.replace(/[\s.-]/g, '').toUpperCase();
}

/** Vehicle number and date of a journey on shared transport: passengers of one trip share it. */
export function vehicleKey(declaration: Declaration): string | null {
  if (!('vehicleNumber' in declaration) || !declaration.vehicleNumber || !('travelDate' in declaration)) return null;
  return `${declaration.vehicleNumber}|${declaration.travelDate}`;
}

/** The unit the declaration is filed under: the person's contact address (where the commune follows them up). */
export function addressUnits(declaration: Declaration): { provinceCode: string; districtCode: string | null; communeCode: string | null } {
  const address = declaration.person.address as { provinceCode: string; districtCode?: string | null; communeCode?: string | null };
  return { provinceCode: address.provinceCode, districtCode: address.districtCode ?? null, communeCode: address.communeCode ?? null };
}
