import { describe, expect, it } from 'vitest';
import { providerEventFor } from './events';

describe('providerEventFor', () => {
  it('maps the onward-referral events providers hear about', () => {
    expect(providerEventFor('onward.sent')).toBe('onward_referral.created');
    expect(providerEventFor('onward.withdrawn')).toBe('onward_referral.withdrawn');
    expect(providerEventFor('onward.expired')).toBe('onward_referral.expired');
  });

  it('raises nothing for other events, including inherited property names', () => {
    for (const type of ['onward.accepted', 'referral.accepted', 'toString', 'constructor', ''])
      expect(providerEventFor(type)).toBeUndefined();
  });
});
