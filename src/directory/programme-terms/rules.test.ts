import { describe, expect, it } from 'vitest';
import {
  deletionRefusal,
  deriveTermCode,
  nextUpdatedAt,
  parentRefusal,
  sameTermName,
  slugify,
} from './rules';

describe('programme term rules', () => {
  it('slugifies names into codes under the programme', () => {
    expect(slugify('Men’s  Sheds!')).toBe('mens-sheds');
    expect(slugify('Café culture')).toBe('cafe-culture');
    expect(deriveTermCode('haringey', 'Warm spaces', new Set())).toBe('programme.haringey.warm-spaces');
  });

  it('adds a suffix when the code is already taken in the taxonomy', () => {
    const taken = new Set(['programme.haringey.warm-spaces', 'programme.haringey.warm-spaces-2']);
    expect(deriveTermCode('haringey', 'Warm spaces', taken)).toBe('programme.haringey.warm-spaces-3');
  });

  it('compares names case-insensitively', () => {
    expect(sameTermName("Men's sheds", "  MEN'S   sheds ")).toBe(true);
    expect(sameTermName('Sheds', 'Shed')).toBe(false);
  });

  it('accepts shared and same-programme parents only', () => {
    expect(parentRefusal({ id: 'a', programmeId: null }, 'p1')).toBeNull();
    expect(parentRefusal({ id: 'a', programmeId: 'p1' }, 'p1')).toBeNull();
    expect(parentRefusal({ id: 'a', programmeId: 'p2' }, 'p1')).toMatch(/parent term/);
    expect(parentRefusal(undefined, 'p1')).toMatch(/parent term/);
  });

  it('refuses deletion while services, child terms or unmet needs use the term', () => {
    expect(deletionRefusal({ services: 2, unmetNeeds: 0, childTerms: 0 })).toMatch(/used by 2 services/);
    expect(deletionRefusal({ services: 1, unmetNeeds: 0, childTerms: 0 })).toMatch(/used by 1 service\./);
    expect(deletionRefusal({ services: 0, unmetNeeds: 0, childTerms: 1 })).toMatch(/1 term under it/);
    expect(deletionRefusal({ services: 0, unmetNeeds: 3, childTerms: 0 })).toMatch(/3 unmet needs/);
    expect(deletionRefusal({ services: 0, unmetNeeds: 0, childTerms: 0 })).toBeNull();
  });

  it('moves the concurrency token strictly forward', () => {
    const previous = new Date('2026-01-01T10:00:00.000Z');
    expect(nextUpdatedAt(previous, previous).getTime()).toBe(previous.getTime() + 1);
    const later = new Date('2026-01-01T10:00:01.000Z');
    expect(nextUpdatedAt(previous, later)).toBe(later);
  });
});
