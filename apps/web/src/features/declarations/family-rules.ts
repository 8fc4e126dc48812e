/** Relations a family member can have to the account holder (the server's list). */
export const RELATIONS = ['child', 'parent', 'spouse', 'grandparent', 'sibling', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/** What the add-member form holds, as typed. */
export interface MemberInput {
  name: string;
  relation: Relation;
  birthYear: string;
}

/** Problems of the add-member form, by field, as keys of the feature's texts. */
export type MemberProblems = Partial<Record<'name' | 'birthYear', 'nameRequired' | 'nameTooLong' | 'birthYearFormat' | 'birthYearRange'>>;

/** The body for POST /family, or the problems to show; the birth year is optional (not everyone knows it). */
export function checkMember(input: MemberInput, currentYear: number): { body: { name: string; relation: Relation; birthYear?: number } } | { problems: MemberProblems } {
  const problems: MemberProblems = {};
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '') problems.name = 'nameRequired';
  else if (name.length > 100) problems.name = 'nameTooLong';
  const yearText = input.birthYear.trim();
  let birthYear: number | undefined;
  if (yearText !== '') {
    if (!/^\d{4}$/.test(yearText)) problems.birthYear = 'birthYearFormat';
    else if (Number(yearText) < 1900 || Number(yearText) > currentYear) problems.birthYear = 'birthYearRange';
    else birthYear = Number(yearText);
  }
  if (Object.keys(problems).length > 0) return { problems };
  return { body: { name, relation: input.relation, ...(birthYear === undefined ? {} : { birthYear }) } };
}
