import { useState } from 'react';
import type { z } from 'zod';
import { describeIssues, parseWithKeys } from '@phongdich/core';
import { ApiError } from './api.js';
import { currentLanguage } from './i18n/index.js';

export type FieldErrors = Record<string, string>;

/** Validates with the same zod schema the server uses, giving messages per field in the user's language. */
export function validate<S extends z.ZodType>(schema: S, data: unknown): { data: z.output<S>; errors: null } | { data: null; errors: FieldErrors } {
  const result = parseWithKeys(schema, data);
  if (result.success) return { data: result.data, errors: null };
  const errors: FieldErrors = {};
  for (const problem of describeIssues(result.error.issues, currentLanguage())) {
    errors[problem.field] ??= problem.message;
  }
  return { data: null, errors };
}

/** Form state for one submit: field errors from the client check or the server, plus a form-level message. */
export function useFormErrors() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  return {
    fieldErrors,
    formError,
    reset() {
      setFieldErrors({});
      setFormError(null);
    },
    setFieldErrors,
    /** Shows a server answer next to the field it names, or above the form. */
    fromError(error: unknown) {
      if (error instanceof ApiError && error.field) setFieldErrors({ [error.field]: error.message });
      else setFormError(error instanceof Error ? error.message : String(error));
    },
  };
}
