// Where two programmes both cover a place, routing would have to choose between them, and any
// choice by age or id lets a newer programme quietly take referrals from an older one (or the
// reverse). So programme areas must not overlap: this pure module finds the overlaps a change
// would add, and the routes refuse the change naming the field and the programme in the way.

export type ProgrammeArea = {
  id: string;
  name: string;
  /** Borough names. */
  areas: readonly string[];
  /** When not empty, the programme covers only these postcode districts of its boroughs. */
  postcodeDistricts: readonly string[];
};

export type AreaConflict = {
  /** The field of the change that causes the overlap. */
  field: 'areas' | 'postcodeDistricts';
  borough: string;
  /** Set when both programmes name districts and share this one. */
  district: string | null;
  programme: { id: string; name: string };
};

const normal = (text: string) => text.trim().toLowerCase();

/**
 * Every place both programmes cover. Conservative: two programmes sharing a borough overlap unless
 * both name postcode districts and share none (a district list narrows all of a programme's boroughs).
 */
export function findAreaConflicts(
  programme: Omit<ProgrammeArea, 'id' | 'name'>,
  others: readonly ProgrammeArea[],
): AreaConflict[] {
  const conflicts: AreaConflict[] = [];
  for (const other of others) {
    const sharedBoroughs = programme.areas.filter((area) =>
      other.areas.some((otherArea) => normal(otherArea) === normal(area)),
    );
    for (const borough of sharedBoroughs) {
      const about = { borough, programme: { id: other.id, name: other.name } };
      if (programme.postcodeDistricts.length === 0 || other.postcodeDistricts.length === 0) {
        // One of the two covers the whole borough, so every district of it is shared.
        conflicts.push({ ...about, field: 'areas', district: null });
        continue;
      }
      for (const district of programme.postcodeDistricts) {
        if (other.postcodeDistricts.some((d) => normal(d) === normal(district)))
          conflicts.push({ ...about, field: 'postcodeDistricts', district });
      }
    }
  }
  return conflicts;
}

const placeKey = (conflict: AreaConflict) => `${conflict.programme.id}|${normal(conflict.borough)}`;
const conflictKey = (conflict: AreaConflict) => `${placeKey(conflict)}|${normal(conflict.district ?? '')}`;

/**
 * The overlaps a change adds. Overlaps that already existed (set up before migration 0015) do not
 * block unrelated edits, nor narrowing them; they are for a platform admin to settle.
 */
export function findAddedAreaConflicts(
  before: Omit<ProgrammeArea, 'id' | 'name'> | null,
  after: Omit<ProgrammeArea, 'id' | 'name'>,
  others: readonly ProgrammeArea[],
): AreaConflict[] {
  const existing = before ? findAreaConflicts(before, others) : [];
  const existingKeys = new Set(existing.map(conflictKey));
  // A whole-borough overlap already shared every district of that borough.
  const wholeBoroughs = new Set(existing.filter((c) => c.district === null).map(placeKey));
  return findAreaConflicts(after, others).filter(
    (conflict) => !existingKeys.has(conflictKey(conflict)) && !wholeBoroughs.has(placeKey(conflict)),
  );
}

/** The sentence a coordinator reads: what overlaps, with which programme, and who can settle it. */
export function describeAreaConflict(conflict: AreaConflict): string {
  const place = conflict.district ? `Postcode district ${conflict.district}` : conflict.borough;
  return (
    `${place} is already covered by ${conflict.programme.name}. Programme areas must not overlap, ` +
    'so that every referral has one programme to go to: agree a split of postcode districts ' +
    'and ask a platform admin to make it.'
  );
}
