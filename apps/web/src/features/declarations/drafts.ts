import type { DeclarationKind } from '@phongdich/core';
import type { Answers } from './record.js';

/** What is kept on the phone while a form is being filled in. */
export interface Draft {
  formVersion: string;
  answers: Answers;
  step: number;
  savedAt: number;
}

const PREFIX = 'pd_decl_draft';

type PhoneStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const NO_STORAGE: PhoneStorage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };

/** The browser's local storage, or a stand-in that keeps nothing where the browser refuses access (some private modes throw). */
export function phoneStorage(): PhoneStorage {
  try {
    return globalThis.localStorage ?? NO_STORAGE;
  } catch {
    return NO_STORAGE;
  }
}

/**
 * Where the draft of one form for one person lives. The account is part of the key so that two people
 * sharing a phone never see each other's answers; "self" stands for the account holder.
 */
export function draftKey(account: string | undefined, kind: DeclarationKind, subjectId: string | undefined): string {
  return `${PREFIX}:${account ?? 'anonymous'}:${kind}:${subjectId ?? 'self'}`;
}

/**
 * A stored draft, or null when there is none, it cannot be read, or it was made on another version of
 * the form (its questions may not match: better to start again than to show wrong answers).
 */
export function parseDraft(text: string | null, currentVersion: string): Draft | null {
  if (!text) return null;
  try {
    const draft = JSON.parse(text) as Partial<Draft>;
    if (draft.formVersion !== currentVersion || typeof draft.answers !== 'object' || draft.answers === null) return null;
    return {
      formVersion: draft.formVersion,
      answers: draft.answers,
      step: typeof draft.step === 'number' && draft.step >= 0 ? Math.floor(draft.step) : 0,
      savedAt: typeof draft.savedAt === 'number' ? draft.savedAt : 0,
    };
  } catch {
    return null;
  }
}

/** Reads a draft from storage (private browsing and full storage make it fail: then there is none). */
export function loadDraft(storage: Pick<Storage, 'getItem'>, key: string, currentVersion: string): Draft | null {
  try {
    return parseDraft(storage.getItem(key), currentVersion);
  } catch {
    return null;
  }
}

/** Saves a draft; a phone that refuses storage simply keeps no draft. */
export function saveDraft(storage: Pick<Storage, 'setItem'>, key: string, draft: Draft): void {
  try {
    storage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the form still works, it only will not survive a reload.
  }
}

export function clearDraft(storage: Pick<Storage, 'removeItem'>, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing stored to clear.
  }
}
