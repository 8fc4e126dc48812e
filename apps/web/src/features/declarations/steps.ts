import type { BilingualText, FieldSpec, FormStep, FormVersionDefinition } from '@phongdich/core';
import { type Answers, isAsked } from './record.js';

/** A problem with one answer: the dotted path and the message (already in the reader's language). */
export interface Problem {
  field: string;
  message: string;
}

/** A field at `path` owns problems reported at the path itself or anywhere inside it ("vaccines.0.name"). */
export function owns(path: string, field: string): boolean {
  return field === path || field.startsWith(`${path}.`);
}

/** The steps that have at least one question to ask, with only the questions asked given the answers so far. */
export function askedSteps(definition: FormVersionDefinition, answers: Answers): FormStep[] {
  return definition.steps
    .map((step) => ({ ...step, fields: step.fields.filter((path) => isAsked(path, answers)) }))
    .filter((step) => step.fields.length > 0);
}

/**
 * The problems a step should show: those of its own questions only, first message per field, so a
 * person is never told about a page they have not reached yet.
 */
export function problemsOfStep(problems: readonly Problem[], step: Pick<FormStep, 'fields'>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const problem of problems) {
    if (step.fields.some((path) => owns(path, problem.field))) shown[problem.field] ??= problem.message;
  }
  return shown;
}

/**
 * The index of the step asking about a field, for a server answer that names one ("person.address" or
 * "person.address.communeCode"); -1 when no step asks it (a field the app fills in).
 */
export function stepOfField(steps: readonly Pick<FormStep, 'fields'>[], field: string): number {
  return steps.findIndex((step) => step.fields.some((path) => owns(path, field) || owns(field, path)));
}

/** The first step that has a problem, or -1. */
export function firstStepWithProblems(steps: readonly Pick<FormStep, 'fields'>[], problems: readonly Problem[]): number {
  return steps.findIndex((step) => Object.keys(problemsOfStep(problems, step)).length > 0);
}

/** A run of questions rendered together. */
export type QuestionBlock =
  | { kind: 'single'; path: string }
  /** Consecutive yes/no questions under one stem, shown once above them as on the paper forms. */
  | { kind: 'yes_no_group'; stem: BilingualText; paths: string[] }
  /** Province, district and commune of one place: a cascade where each list depends on the one above. */
  | { kind: 'address'; prefix: string; paths: string[] };

const UNIT_INPUTS = new Set(['province', 'district', 'commune']);

function prefixOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot === -1 ? '' : path.slice(0, dot);
}

/** Splits a step's questions into blocks: yes/no runs sharing a stem, address cascades, and single questions. */
export function questionBlocks(paths: readonly string[], fields: Readonly<Record<string, FieldSpec>>): QuestionBlock[] {
  const blocks: QuestionBlock[] = [];
  for (const path of paths) {
    const spec = fields[path];
    const last = blocks[blocks.length - 1];
    if (spec?.input === 'yes_no' && spec.group) {
      if (last?.kind === 'yes_no_group' && last.stem.vi === spec.group.vi) last.paths.push(path);
      else blocks.push({ kind: 'yes_no_group', stem: spec.group, paths: [path] });
    } else if (spec && UNIT_INPUTS.has(spec.input)) {
      const prefix = prefixOf(path);
      if (last?.kind === 'address' && last.prefix === prefix) last.paths.push(path);
      else blocks.push({ kind: 'address', prefix, paths: [path] });
    } else {
      blocks.push({ kind: 'single', path });
    }
  }
  return blocks;
}
