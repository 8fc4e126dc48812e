import type { UnitTree } from '../units.js';
import { yearOf } from './fields.js';
import type { Declaration } from './forms.js';
import { HEALTHY } from './options.js';

/**
 * The risk-relevant answers of one declaration, as plain facts. Whether a fact raises a flag, and for whom,
 * is the server's configurable rule (PRODUCT.md §5): this only reads the answers, whatever the form.
 */
export interface RiskSignals {
  /** At least one symptom ("healthy" is not one). */
  anySymptom: boolean;
  /** Contact with a case or suspected case (domestic), or close contact under 2 m with a case (entry). */
  contactWithCase: boolean;
  /** Contact with someone from a country with the disease. */
  contactWithTraveller: boolean;
  /** Contact with someone with symptoms. */
  contactWithSymptomatic: boolean;
  /** A visited or departure country or unit is on the affected lists. */
  arrivalFromAffectedArea: boolean;
  /** The affected codes that matched, for the flag's explanation. */
  matchedAreas: string[];
  /** A chronic condition, pregnancy, or an age (by birth year) at or above the threshold. */
  vulnerable: boolean;
  /** Visited a farm or live-animal market, or touched animals (entry). */
  animalContact: boolean;
  /** Declared a positive test (entry). */
  positiveTest: boolean;
}

/** What the risk reading needs besides the declaration. */
export interface RiskContext {
  /** Today's calendar date, 'YYYY-MM-DD', for the age. */
  today: string;
  /** ISO 3166-1 alpha-2 codes of countries where the disease is spreading. */
  affectedCountries?: readonly string[];
  /** Unit codes (any tier) under restrictions, in the same dataset as the declarations. */
  affectedUnits?: readonly string[];
  /** With the unit tree, an affected province also matches any commune inside it; without, codes match exactly. */
  units?: Pick<UnitTree, 'contains'>;
  /** Age from which a person counts as vulnerable; 65 unless configured. */
  vulnerableAge?: number;
}

/** Default age threshold of `vulnerable`. */
export const DEFAULT_VULNERABLE_AGE = 65;

/** Reads the risk signals of a validated declaration of any form and version. */
export function riskSignals(declaration: Declaration, context: RiskContext): RiskSignals {
  const symptoms: readonly string[] = 'symptoms' in declaration ? declaration.symptoms : [];
  const chronic: readonly string[] = 'chronicConditions' in declaration ? declaration.chronicConditions : [];
  const age = yearOf(context.today) - declaration.person.birthYear;
  const matchedAreas = [
    ...matches(visitedCountries(declaration), context.affectedCountries ?? [], (affected, code) => affected === code),
    ...matches(visitedUnits(declaration), context.affectedUnits ?? [], (affected, code) =>
      context.units ? context.units.contains(affected, code) : affected === code,
    ),
  ];
  return {
    anySymptom: symptoms.some((symptom) => symptom !== HEALTHY),
    contactWithCase:
      ('contactWithCase' in declaration && declaration.contactWithCase) ||
      ('closeContactWithCase' in declaration && declaration.closeContactWithCase),
    contactWithTraveller: 'contactWithTraveller' in declaration && declaration.contactWithTraveller,
    contactWithSymptomatic: 'contactWithSymptomatic' in declaration && declaration.contactWithSymptomatic,
    arrivalFromAffectedArea: matchedAreas.length > 0,
    matchedAreas,
    vulnerable: chronic.length > 0 || age >= (context.vulnerableAge ?? DEFAULT_VULNERABLE_AGE),
    animalContact: 'animalContact' in declaration && declaration.animalContact,
    positiveTest: 'testResult' in declaration && declaration.testResult === 'positive',
  };
}

function visitedCountries(declaration: Declaration): string[] {
  const countries: string[] = 'visitedCountries' in declaration ? [...declaration.visitedCountries] : [];
  if ('departureCountry' in declaration) countries.push(declaration.departureCountry);
  return countries;
}

// A journey's origin counts as "arriving from" it; its destination does not.
function visitedUnits(declaration: Declaration): string[] {
  if ('visitedUnits' in declaration) return [...declaration.visitedUnits];
  if ('from' in declaration) {
    const { provinceCode, districtCode, communeCode } = declaration.from;
    return [provinceCode, districtCode, communeCode].filter((code): code is string => code !== undefined);
  }
  return [];
}

function matches(codes: readonly string[], affected: readonly string[], covers: (affected: string, code: string) => boolean): string[] {
  return affected.filter((area) => codes.some((code) => covers(area, code)));
}
