import type { FieldSpec, FormVersionDefinition } from '@phongdich/core';
import { AddressCascade } from './address-cascade.js';
import { DateQuestion, MultipleChoiceQuestion, SingleChoiceQuestion, TextQuestion, YesNoQuestion } from './basic-questions.js';
import { cascadePaths } from './cascade.js';
import { BorderGateQuestion, CountriesQuestion, CountryQuestion, UnitsQuestion } from './place-questions.js';
import { type Answers, offeredOptions, type VaccineRow } from './record.js';
import { owns, type QuestionBlock } from './steps.js';
import { inLanguage, useDeclarationText } from './text.js';
import { VaccinesQuestion } from './vaccines-question.js';

/** Changes to answers, by field path; undefined clears an answer. */
export type AnswerChanges = Record<string, unknown>;

interface BlockProps {
  definition: FormVersionDefinition;
  answers: Answers;
  /** The problems shown on this step, by field path. */
  errors: Readonly<Record<string, string>>;
  onChange: (changes: AnswerChanges) => void;
}

/** One block of a step: a question, a run of yes/no questions under their stem, or an address cascade. */
export function QuestionBlockView({ block, ...props }: BlockProps & { block: QuestionBlock }) {
  const { lang } = useDeclarationText();
  if (block.kind === 'address') {
    return <AddressCascade paths={cascadePaths(block.paths, props.definition.fields)} fields={props.definition.fields} answers={props.answers} errors={props.errors} onChange={props.onChange} />;
  }
  if (block.kind === 'yes_no_group') {
    return (
      <fieldset className="yes-no-group">
        <legend>{inLanguage(block.stem, lang)}</legend>
        {block.paths.map((path) => (
          <Question key={path} path={path} {...props} />
        ))}
      </fieldset>
    );
  }
  return <Question path={block.path} {...props} />;
}

/** The first problem of a question, at its path or inside it (one country of a list). */
function problemOf(errors: Readonly<Record<string, string>>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const inside = Object.keys(errors).find((field) => owns(path, field));
  return inside ? errors[inside] : undefined;
}

const asText = (value: unknown) => (typeof value === 'string' ? value : undefined);
const asList = (value: unknown) => (Array.isArray(value) ? (value as string[]) : undefined);

function Question({ path, definition, answers, errors, onChange }: BlockProps & { path: string }) {
  const { lang } = useDeclarationText();
  const spec: FieldSpec | undefined = definition.fields[path];
  if (!spec) return null;
  const common = { path, label: inLanguage(spec.label, lang), help: spec.help ? inLanguage(spec.help, lang) : undefined, error: problemOf(errors, path) };
  const value = answers[path];
  const set = (next: unknown) => onChange({ [path]: next });
  switch (spec.input) {
    case 'text':
    case 'textarea':
    case 'year':
    case 'number':
    case 'phone':
    case 'email':
      return <TextQuestion {...common} input={spec.input} value={asText(value)} onChange={set} />;
    case 'date':
      return <DateQuestion {...common} value={asText(value)} onChange={set} />;
    case 'yes_no':
      return <YesNoQuestion {...common} value={typeof value === 'boolean' ? value : undefined} onChange={set} />;
    case 'single_choice':
      return <SingleChoiceQuestion {...common} options={offeredOptions(path, spec)} lang={lang} value={asText(value)} onChange={set} />;
    case 'multiple_choice':
      return <MultipleChoiceQuestion {...common} options={offeredOptions(path, spec)} lang={lang} value={asList(value)} onChange={set} />;
    case 'country':
      return <CountryQuestion {...common} value={asText(value)} onChange={set} />;
    case 'countries':
      return <CountriesQuestion {...common} value={asList(value)} onChange={set} />;
    case 'units':
      return <UnitsQuestion {...common} value={asList(value)} onChange={set} />;
    case 'border_gate':
      return <BorderGateQuestion {...common} value={asText(value)} onChange={set} />;
    case 'vaccines':
      return <VaccinesQuestion path={path} label={common.label} help={common.help} errors={errors} value={Array.isArray(value) ? (value as VaccineRow[]) : undefined} onChange={set} />;
    case 'province':
    case 'district':
    case 'commune':
      // A unit question outside a cascade block (never in the current forms) still gets its list.
      return <AddressCascade paths={cascadePaths([path], definition.fields)} fields={definition.fields} answers={answers} errors={errors} onChange={onChange} />;
  }
}
