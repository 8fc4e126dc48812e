import type { DeclarationKind, FormVersionDefinition } from '@phongdich/core';
import { presetPlaces, type RememberedPlace } from './cascade.js';
import { type Answers, answersFromRecord } from './record.js';

/** What a new form starts from when there is no draft. */
export interface StartingPoint {
  definition: FormVersionDefinition;
  kind: DeclarationKind;
  today: string;
  /** The last declaration of this person, whose person block is copied. */
  previous: unknown;
  /** A family member without a previous declaration: their name and birth year are known already. */
  member?: { displayName: string; birthYear: number | null } | undefined;
  remembered: RememberedPlace | null;
  homeUnitCode: string;
}

/**
 * The answers a new form starts with: the person block of the last declaration (or what the family
 * list knows), Vietnamese nationality on the domestic forms as on the national ones, today's date on the
 * daily update, and addresses opened at the last place chosen.
 */
export function startingAnswers(start: StartingPoint): Answers {
  const { definition } = start;
  const answers: Record<string, unknown> = start.previous ? answersFromRecord(definition, start.previous, 'person.') : {};
  if (!start.previous && start.member) {
    answers['person.fullName'] = start.member.displayName;
    if (start.member.birthYear !== null) answers['person.birthYear'] = String(start.member.birthYear);
  }
  if (start.kind !== 'entry' && definition.fields['person.nationality'] && answers['person.nationality'] === undefined) answers['person.nationality'] = 'VN';
  if (start.kind === 'daily_update' && definition.fields.date) answers.date = start.today;
  return { ...answers, ...presetPlaces(definition.fields, answers, start.remembered, start.homeUnitCode) };
}

/** Who the declaration is for, as the schema's `declaredFor` answer. */
export function declaredFor(member: { relation: string } | undefined): 'self' | 'family' | 'other' {
  if (!member) return 'self';
  return member.relation === 'other' ? 'other' : 'family';
}
