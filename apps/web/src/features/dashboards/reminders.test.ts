import { describe, expect, it } from 'vitest';
import { remindBatches, remindPlan } from './reminders.js';

describe('remindPlan', () => {
  it('counts one message per owner and leaves out places nobody owns', () => {
    expect(remindPlan([{ id: 'a', ownerCount: 2 }, { id: 'b', ownerCount: 0 }, { id: 'c', ownerCount: 1 }])).toEqual({ placeIds: ['a', 'c'], messages: 3, withoutOwner: 1 });
  });
  it('plans nothing for no places', () => {
    expect(remindPlan([])).toEqual({ placeIds: [], messages: 0, withoutOwner: 0 });
  });
});

describe('remindBatches', () => {
  it('splits into requests of at most 1,000 places', () => {
    const ids = Array.from({ length: 2001 }, (_, i) => `p${i}`);
    expect(remindBatches(ids).map((b) => b.length)).toEqual([1000, 1000, 1]);
    expect(remindBatches([])).toEqual([]);
  });
});
