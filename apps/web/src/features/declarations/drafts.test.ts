import { describe, expect, it } from 'vitest';
import { clearDraft, draftKey, loadDraft, parseDraft, saveDraft } from './drafts.js';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('draftKey', () => {
  it('separates accounts, forms and the people declared for', () => {
    const keys = new Set([
      draftKey('u1', 'domestic', undefined),
      draftKey('u2', 'domestic', undefined),
      draftKey('u1', 'daily_update', undefined),
      draftKey('u1', 'domestic', 'member-1'),
    ]);
    expect(keys.size).toBe(4);
    expect(draftKey('u1', 'domestic', undefined)).toBe('pd_decl_draft:u1:domestic:self');
  });
});

describe('drafts', () => {
  const draft = { formVersion: 'domestic@1', answers: { 'person.fullName': 'Lan' }, step: 2, savedAt: 1_755_000_000_000 };

  it('round-trips through storage', () => {
    const storage = memoryStorage();
    saveDraft(storage, 'k', draft);
    expect(loadDraft(storage, 'k', 'domestic@1')).toEqual(draft);
    clearDraft(storage, 'k');
    expect(loadDraft(storage, 'k', 'domestic@1')).toBeNull();
  });

  it('drops a draft made on another version of the form', () => {
    expect(parseDraft(JSON.stringify(draft), 'domestic@2')).toBeNull();
  });

  it('drops unreadable drafts and repairs a bad step', () => {
    expect(parseDraft('{not json', 'domestic@1')).toBeNull();
    expect(parseDraft(JSON.stringify({ ...draft, answers: null }), 'domestic@1')).toBeNull();
    expect(parseDraft(JSON.stringify({ ...draft, step: -3 }), 'domestic@1')?.step).toBe(0);
  });

  it('keeps working when storage refuses', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); }, removeItem: () => { throw new Error('denied'); } };
    expect(loadDraft(broken, 'k', 'domestic@1')).toBeNull();
    expect(() => saveDraft(broken, 'k', draft)).not.toThrow();
    expect(() => clearDraft(broken, 'k')).not.toThrow();
  });
});
