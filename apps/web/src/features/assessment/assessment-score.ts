import { riskPercentOf, safetyLevelOf, type Language, type SafetyCriterion, type SafetyLevel } from '@phongdich/core';
import type { Assessment, CriteriaSet } from './assessment-api.js';

// The score shown while an owner answers the checklist: the same rule as the server (core's
// riskPercentOf and safetyLevelOf), so what the owner sees is what the map will show.

export type Answers = Partial<Record<string, boolean>>;

export interface Progress {
  answered: number;
  total: number;
  complete: boolean;
  /** Risk left, in percent; measures not answered yet count as not in place. */
  riskPercent: number;
  level: SafetyLevel;
  /** The first criterion without an answer, to send the owner to. */
  firstUnanswered: SafetyCriterion | null;
}

export function progressOf(set: CriteriaSet, answers: Answers): Progress {
  const known: Record<string, boolean> = {};
  let answered = 0;
  let firstUnanswered: SafetyCriterion | null = null;
  for (const criterion of set.criteria) {
    const answer = answers[criterion.id];
    if (answer === undefined) {
      firstUnanswered ??= criterion;
      continue;
    }
    answered += 1;
    known[criterion.id] = answer;
  }
  const riskPercent = riskPercentOf({ ...set, placeTypes: [] }, known);
  return { answered, total: set.criteria.length, complete: answered === set.criteria.length, riskPercent, level: safetyLevelOf(riskPercent), firstUnanswered };
}

/** The measures missing that would lower the risk most, biggest first. */
export function biggestGaps(set: CriteriaSet, answers: Answers, count = 3): SafetyCriterion[] {
  return set.criteria
    .filter((c) => answers[c.id] === false)
    .sort((a, b) => b.points - a.points)
    .slice(0, count);
}

/** The level that counts: an official's correction where there is one. */
export function effectiveLevel(assessment: Pick<Assessment, 'level' | 'overriddenLevel'>): SafetyLevel {
  return assessment.overriddenLevel ?? assessment.level;
}

/** The previous answers to start from, kept only for criteria still in the set. */
export function startingAnswers(set: CriteriaSet, latest: Pick<Assessment, 'criteriaSet' | 'answers'> | null): Answers {
  if (!latest || latest.criteriaSet !== set.id) return {};
  const answers: Answers = {};
  for (const criterion of set.criteria) {
    const value = latest.answers[criterion.id];
    if (typeof value === 'boolean') answers[criterion.id] = value;
  }
  return answers;
}

/** The body of POST /assessments, or null while a measure is unanswered. */
export function submission(set: CriteriaSet, answers: Answers): { criteriaSet: string; answers: Record<string, boolean> } | null {
  const out: Record<string, boolean> = {};
  for (const criterion of set.criteria) {
    const value = answers[criterion.id];
    if (value === undefined) return null;
    out[criterion.id] = value;
  }
  return { criteriaSet: set.id, answers: out };
}

export function formatRiskPercent(value: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}
