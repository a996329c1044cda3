import { describe, expect, it } from 'vitest';
import { findAddedAreaConflicts, findAreaConflicts, type ProgrammeArea } from './area-conflicts';

const haringey: ProgrammeArea = {
  id: 'h',
  name: 'Haringey Connect',
  areas: ['Haringey'],
  postcodeDistricts: [],
};
const split = (id: string, districts: string[]): ProgrammeArea => ({
  id,
  name: `Programme ${id}`,
  areas: ['Merton'],
  postcodeDistricts: districts,
});

describe('programme areas must not overlap', () => {
  it('finds a borough claimed by another programme, case-insensitively', () => {
    expect(findAreaConflicts({ areas: ['haringey', 'Enfield'], postcodeDistricts: [] }, [haringey])).toEqual([
      {
        field: 'areas',
        borough: 'haringey',
        district: null,
        programme: { id: 'h', name: 'Haringey Connect' },
      },
    ]);
  });

  it('treats districts inside a whole-borough programme as an overlap', () => {
    expect(findAreaConflicts({ areas: ['Haringey'], postcodeDistricts: ['N15'] }, [haringey])).toHaveLength(
      1,
    );
  });

  it('allows an explicit district split of one borough, and names a shared district', () => {
    expect(
      findAreaConflicts({ areas: ['Merton'], postcodeDistricts: ['CR4'] }, [split('a', ['SW19'])]),
    ).toEqual([]);
    expect(
      findAreaConflicts({ areas: ['Merton'], postcodeDistricts: ['SW19', 'CR4'] }, [split('a', ['SW19'])]),
    ).toEqual([
      {
        field: 'postcodeDistricts',
        borough: 'Merton',
        district: 'SW19',
        programme: { id: 'a', name: 'Programme a' },
      },
    ]);
  });

  it('counts only the overlaps a change adds, so old overlaps do not block narrowing them', () => {
    const before = { areas: ['Haringey'], postcodeDistricts: [] };
    expect(
      findAddedAreaConflicts(before, { areas: ['Haringey'], postcodeDistricts: ['N15'] }, [haringey]),
    ).toEqual([]);
    expect(
      findAddedAreaConflicts(
        { areas: ['Enfield'], postcodeDistricts: [] },
        { areas: ['Enfield', 'Haringey'], postcodeDistricts: [] },
        [haringey],
      ),
    ).toHaveLength(1);
    // Widening a district split to the whole borough is a new overlap.
    expect(
      findAddedAreaConflicts(
        { areas: ['Merton'], postcodeDistricts: ['SW19'] },
        { areas: ['Merton'], postcodeDistricts: [] },
        [split('a', ['SW19'])],
      ),
    ).toEqual([expect.objectContaining({ field: 'areas', borough: 'Merton' })]);
  });
});
