import { describe, expect, it } from 'vitest';
import { decideRouting, type ProgrammeCandidate } from './routing';

const programme = (overrides: Partial<ProgrammeCandidate>): ProgrammeCandidate => ({
  id: 'p',
  name: 'P',
  areas: [],
  postcodeDistricts: [],
  createdAt: new Date('2025-01-01'),
  listsReferringOrganisation: false,
  ...overrides,
});

describe('routing a referral', () => {
  it('sends programme staff to their own programme', () => {
    expect(
      decideRouting({ staffProgrammeId: 'mine', boroughName: 'Haringey' }, [
        programme({ areas: ['Haringey'] }),
      ]),
    ).toEqual({
      programmeId: 'mine',
      basis: 'staff',
    });
  });

  it('prefers the programme that lists the referring organisation over the postcode', () => {
    const candidates = [
      programme({ id: 'area', areas: ['Haringey'] }),
      programme({ id: 'org', areas: ['Enfield'], listsReferringOrganisation: true }),
    ];
    expect(decideRouting({ boroughName: 'Haringey', district: 'N17' }, candidates)).toEqual({
      programmeId: 'org',
      basis: 'organisation',
    });
  });

  it('routes by borough, case-insensitively, and respects postcode districts', () => {
    const candidates = [
      programme({ id: 'south', areas: ['Merton'], postcodeDistricts: ['SW19'] }),
      programme({ id: 'haringey', areas: ['haringey'] }),
    ];
    expect(decideRouting({ boroughName: 'Haringey', district: 'N17' }, candidates)?.programmeId).toBe(
      'haringey',
    );
    expect(decideRouting({ boroughName: 'Merton', district: 'SW19' }, candidates)?.programmeId).toBe('south');
    expect(decideRouting({ boroughName: 'Merton', district: 'CR4' }, candidates)).toBeUndefined();
  });

  it('prefers a district-specific programme, then the longest-standing one', () => {
    const candidates = [
      programme({ id: 'newer', areas: ['Merton'], createdAt: new Date('2026-01-01') }),
      programme({ id: 'older', areas: ['Merton'], createdAt: new Date('2024-01-01') }),
      programme({
        id: 'district',
        areas: ['Merton'],
        postcodeDistricts: ['SW19'],
        createdAt: new Date('2026-06-01'),
      }),
    ];
    expect(decideRouting({ boroughName: 'Merton', district: 'SW19' }, candidates)?.programmeId).toBe(
      'district',
    );
    expect(decideRouting({ boroughName: 'Merton', district: 'CR4' }, candidates)?.programmeId).toBe('older');
  });

  it('finds nothing when no programme covers the place or the organisation', () => {
    expect(
      decideRouting({ boroughName: 'Southwark', district: 'SE1' }, [programme({ areas: ['Haringey'] })]),
    ).toBeUndefined();
    expect(decideRouting({}, [programme({ areas: ['Haringey'] })])).toBeUndefined();
  });
});
