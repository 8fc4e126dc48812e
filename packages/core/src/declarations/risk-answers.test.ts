import { describe, expect, it } from 'vitest';
import { type Unit, UnitTree } from '../units.js';
import { type Declaration, declarationSchema } from './forms.js';
import { riskSignals } from './risk-answers.js';
import { CTX, example, TODAY } from './test-fixtures.js';

function declaration(formVersion: string, changes: Record<string, unknown> = {}, person: Record<string, unknown> = {}): Declaration {
  const input = { ...example(formVersion), ...changes };
  input.person = { ...(input.person as object), ...person };
  return declarationSchema(CTX).parse(input);
}

const NOTHING = {
  anySymptom: false,
  contactWithCase: false,
  contactWithTraveller: false,
  contactWithSymptomatic: false,
  arrivalFromAffectedArea: false,
  matchedAreas: [],
  vulnerable: false,
  animalContact: false,
  positiveTest: false,
};

const unit = (code: string, tier: Unit['tier'], parentCode: string | null): Unit => ({
  code,
  name: code,
  shortName: code,
  nameEn: code,
  type: tier,
  typeShort: tier,
  tier,
  parentCode,
  provinceCode: code.slice(0, 2),
  population: null,
});

describe('risk signals', () => {
  it('finds nothing in a healthy domestic declaration', () => {
    expect(riskSignals(declaration('domestic@1'), { today: TODAY })).toEqual(NOTHING);
  });

  it('reads symptoms and the three contact questions', () => {
    const found = riskSignals(
      declaration('domestic@1', { symptoms: ['fever'], contactWithCase: true, contactWithTraveller: true, contactWithSymptomatic: true }),
      { today: TODAY },
    );
    expect(found).toMatchObject({ anySymptom: true, contactWithCase: true, contactWithTraveller: true, contactWithSymptomatic: true });
  });

  it('does not count "healthy" as a symptom of the daily update, and counts the others', () => {
    expect(riskSignals(declaration('daily_update@1'), { today: TODAY }).anySymptom).toBe(false);
    expect(riskSignals(declaration('daily_update@1', { symptoms: ['body_ache_fatigue'] }), { today: TODAY }).anySymptom).toBe(true);
  });

  it('reads the entry form: departure and visited countries, close contact, animals, a positive test', () => {
    const entry = declaration('entry@1', {
      visitedCountries: ['JP'],
      closeContactWithCase: true,
      animalContact: true,
      testResult: 'positive',
    });
    expect(riskSignals(entry, { today: TODAY, affectedCountries: ['KR', 'US'] })).toMatchObject({
      contactWithCase: true,
      animalContact: true,
      positiveTest: true,
      arrivalFromAffectedArea: true,
      matchedAreas: ['KR'],
    });
    expect(riskSignals(entry, { today: TODAY, affectedCountries: ['US'] }).arrivalFromAffectedArea).toBe(false);
  });

  it('matches a journey by where it started, not where it ended', () => {
    const movement = declaration('movement@1');
    expect(riskSignals(movement, { today: TODAY, affectedUnits: ['01843'] }).matchedAreas).toEqual(['01843']);
    expect(riskSignals(movement, { today: TODAY, affectedUnits: ['01'] }).arrivalFromAffectedArea).toBe(false);
  });

  it('matches a commune inside an affected province only with the unit tree', () => {
    const domestic = declaration('domestic@1', { visitedUnits: ['00004'] });
    const tree = new UnitTree([unit('01', 'province', null), unit('00004', 'commune', '01')]);
    expect(riskSignals(domestic, { today: TODAY, affectedUnits: ['01'] }).arrivalFromAffectedArea).toBe(false);
    expect(riskSignals(domestic, { today: TODAY, affectedUnits: ['01'], units: tree }).matchedAreas).toEqual(['01']);
  });

  it.each([
    [1960, [], true],
    [1961, [], false],
    [1990, ['pregnancy'], true],
    [1990, ['diabetes', 'heart'], true],
  ])('born %i with %j: vulnerable %s', (birthYear, chronicConditions, vulnerable) => {
    const found = riskSignals(declaration('medical_facility@1', { chronicConditions }, { birthYear }), { today: TODAY });
    expect(found.vulnerable).toBe(vulnerable);
  });

  it('takes the age threshold from the caller', () => {
    const found = riskSignals(declaration('movement@1', {}, { birthYear: 1965, idType: 'cccd', idNumber: '001065000001' }), { today: TODAY, vulnerableAge: 60 });
    expect(found.vulnerable).toBe(true);
  });
});
