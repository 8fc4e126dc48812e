import { describe, expect, it } from 'vitest';
import type { Submission, SubmissionChild } from './reports-api.js';
import { CHILD_STATUS_TONE, childrenByUrgency, completenessShare, completenessTone, needsReason, ownState, ownTone, submitKind } from './submission-rules.js';

const submission = (over: Partial<Submission> = {}): Submission => ({
  id: 's1',
  unitCode: '01843',
  unitName: 'Phường Bắc Kạn',
  from: '2025-10-06',
  to: '2025-10-12',
  version: 1,
  submittedAt: Date.UTC(2025, 9, 13, 2),
  submittedByName: 'Nguyễn Văn A',
  reason: null,
  late: false,
  ...over,
});

const child = (name: string, status: SubmissionChild['status']): SubmissionChild => ({ code: name, name, status, submission: status === 'missing' ? null : submission() });

describe('children', () => {
  it('lists missing first, then late, then submitted, each by name', () => {
    const order = childrenByUrgency([child('Xã Đồng Lạc', 'submitted'), child('Xã Bằng Vân', 'missing'), child('Xã Ân Tình', 'late'), child('Xã An Thắng', 'missing')], 'vi');
    expect(order.map((c) => `${c.status} ${c.name}`)).toEqual(['missing Xã An Thắng', 'missing Xã Bằng Vân', 'late Xã Ân Tình', 'submitted Xã Đồng Lạc']);
  });
  it('gives each status its own tone', () => {
    expect(CHILD_STATUS_TONE).toEqual({ submitted: 'success', late: 'warning', missing: 'danger' });
  });
});

describe('own submission', () => {
  it.each([
    [null, '2025-10-15', '2025-10-14', { kind: 'missing', overdue: false }, 'neutral'],
    [null, '2025-10-15', '2025-10-15', { kind: 'missing', overdue: false }, 'neutral'],
    [null, '2025-10-15', '2025-10-16', { kind: 'missing', overdue: true }, 'danger'],
    [submission(), '2025-10-15', '2025-10-20', { kind: 'submitted', late: false, version: 1 }, 'success'],
    [submission({ late: true, version: 2 }), '2025-10-15', '2025-10-20', { kind: 'submitted', late: true, version: 2 }, 'warning'],
  ])('%j due %s seen %s', (own, due, today, state, tone) => {
    expect(ownState(own, due, today)).toEqual(state);
    expect(ownTone(ownState(own, due, today))).toBe(tone);
  });
});

describe('the action', () => {
  it('sends for a commune, consolidates above; a second time needs a reason', () => {
    expect(submitKind('commune', false)).toBe('submit');
    expect(submitKind('commune', true)).toBe('resubmit');
    expect(submitKind('district', false)).toBe('consolidate');
    expect(submitKind('province', true)).toBe('reconsolidate');
    expect(needsReason('submit')).toBe(false);
    expect(needsReason('consolidate')).toBe(false);
    expect(needsReason('resubmit')).toBe(true);
    expect(needsReason('reconsolidate')).toBe(true);
  });
});

describe('completeness', () => {
  it.each([
    [{ submitted: 5, total: 8 }, 0.625, 'warning'],
    [{ submitted: 8, total: 8 }, 1, 'success'],
    [{ submitted: 0, total: 8 }, 0, 'danger'],
    [{ submitted: 0, total: 0 }, null, 'neutral'],
  ])('%j', (c, share, tone) => {
    expect(completenessShare(c)).toBe(share);
    expect(completenessTone(c)).toBe(tone);
  });
});
