import type { z } from 'zod';
import type { Language } from './errors.js';
import { DECLARATION_MESSAGES } from './declarations/messages.js';

/**
 * Validation messages are carried through zod as keys ("required", "too_long:120", "phone_invalid")
 * and rendered in the reader's language at the edge, so one schema serves the API (whose language
 * is per request) and the web forms (whose language the user switches).
 */
const BASE_MESSAGES: Record<string, { vi: string; en: string }> = {
  required: { vi: 'Bắt buộc phải nhập.', en: 'This is required.' },
  type_string: { vi: 'Phải là chữ.', en: 'Must be text.' },
  type_number: { vi: 'Phải là số.', en: 'Must be a number.' },
  type_boolean: { vi: 'Phải là có hoặc không.', en: 'Must be yes or no.' },
  type_array: { vi: 'Phải là một danh sách.', en: 'Must be a list.' },
  type_object: { vi: 'Phải là một đối tượng.', en: 'Must be an object.' },
  type_other: { vi: 'Sai kiểu dữ liệu.', en: 'Wrong kind of value.' },
  too_short: { vi: 'Cần ít nhất {n} ký tự.', en: 'Needs at least {n} characters.' },
  too_long: { vi: 'Tối đa {n} ký tự.', en: 'At most {n} characters.' },
  too_few: { vi: 'Cần ít nhất {n} mục.', en: 'Needs at least {n} items.' },
  too_many: { vi: 'Tối đa {n} mục.', en: 'At most {n} items.' },
  too_small: { vi: 'Phải lớn hơn hoặc bằng {n}.', en: 'Must be at least {n}.' },
  too_big: { vi: 'Phải nhỏ hơn hoặc bằng {n}.', en: 'Must be at most {n}.' },
  not_integer: { vi: 'Phải là số nguyên.', en: 'Must be a whole number.' },
  bad_format: { vi: 'Sai định dạng.', en: 'Wrong format.' },
  one_of: { vi: 'Giá trị không nằm trong danh sách cho phép.', en: 'Not one of the allowed values.' },
  unknown_field: { vi: 'Trường "{n}" không được hỗ trợ.', en: 'The field "{n}" is not accepted.' },
  phone_invalid: {
    vi: 'Số điện thoại không hợp lệ. Nhập 10 số, ví dụ 0912345678.',
    en: 'Not a valid phone number. Enter 10 digits, e.g. 0912345678.',
  },
  otp_format: { vi: 'Mã xác thực gồm 6 chữ số.', en: 'The code has 6 digits.' },
  username_format: {
    vi: 'Tên đăng nhập gồm 3–40 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.',
    en: 'Usernames have 3–40 characters: letters without accents, digits, dot, underscore or hyphen.',
  },
  password_weak: {
    vi: 'Mật khẩu cần ít nhất 10 ký tự, gồm cả chữ và số.',
    en: 'Passwords need at least 10 characters, with both letters and digits.',
  },
  unit_code_format: {
    vi: 'Mã đơn vị hành chính gồm 2, 3 hoặc 5 chữ số.',
    en: 'An administrative unit code has 2, 3 or 5 digits.',
  },
};

const MESSAGES: Record<string, { vi: string; en: string }> = { ...BASE_MESSAGES, ...DECLARATION_MESSAGES };

/** Keys of the general messages (capabilities add their own, which must not redefine these). */
export const GENERAL_MESSAGE_KEYS: readonly string[] = Object.keys(BASE_MESSAGES);

/** The message text for a key (with an optional parameter after a colon), in the given language. */
export function renderMessage(key: string, lang: Language): string {
  const colon = key.indexOf(':');
  const name = colon === -1 ? key : key.slice(0, colon);
  const param = colon === -1 ? '' : key.slice(colon + 1);
  const entry = MESSAGES[name];
  if (!entry) return key;
  return entry[lang].replace('{n}', param);
}

export function isMessageKey(key: string): boolean {
  const colon = key.indexOf(':');
  return Object.hasOwn(MESSAGES, colon === -1 ? key : key.slice(0, colon));
}

type RawIssue = z.core.$ZodRawIssue;

function typeKey(expected: string, input: unknown): string {
  if (input === undefined) return 'required';
  if (['string', 'number', 'boolean', 'array', 'object'].includes(expected)) return `type_${expected}`;
  return 'type_other';
}

function sizeKey(issue: { origin?: string; code: string }, bound: number | bigint): string {
  const small = issue.code === 'too_small';
  if (issue.origin === 'string') return `${small ? 'too_short' : 'too_long'}:${bound}`;
  if (issue.origin === 'array' || issue.origin === 'set') return `${small ? 'too_few' : 'too_many'}:${bound}`;
  return `${small ? 'too_small' : 'too_big'}:${bound}`;
}

/** zod per-parse error map: turns every issue that has no schema-given message into a message key. */
export function issueToMessageKey(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'not_integer' : typeKey(String(issue.expected), issue.input);
    case 'too_small':
      // An empty text where one character is the minimum is simply a missing answer.
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'required';
      return sizeKey(issue, issue.minimum);
    case 'too_big':
      return sizeKey(issue, issue.maximum);
    case 'invalid_format':
      return 'bad_format';
    case 'invalid_value':
      return 'one_of';
    case 'unrecognized_keys':
      return `unknown_field:${issue.keys[0] ?? ''}`;
    default:
      return 'bad_format';
  }
}

export interface FieldProblem {
  /** Dotted path of the field, e.g. "person.phone"; empty for the whole body. */
  field: string;
  message: string;
}

/** Renders zod issues into field problems in the reader's language. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], lang: Language): FieldProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' && issue.keys[0]) path.push(issue.keys[0]);
    const key = isMessageKey(issue.message) ? issue.message : 'bad_format';
    return { field: path.join('.'), message: renderMessage(key, lang) };
  });
}

/** Parses with message keys, so describeIssues can render the problems in any language. */
export function parseWithKeys<S extends z.ZodType>(schema: S, data: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(data, { error: issueToMessageKey, reportInput: false }) as z.ZodSafeParseResult<z.output<S>>;
}
