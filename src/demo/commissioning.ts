// Who commissions the demo programmes and the reach they aim for (Insight issue): the ICB
// commissions all three (programme_commissioners), Haringey Connect has a programme-wide target of
// 900 people a year, and each GP practice referring to a programme has its own. The practice
// targets sit near what the demo history gives each practice, except Westbury Avenue's: its target
// assumes its list size, and it refers far fewer people than that (the gap the dashboards show).
import type { Executor } from '../db/client';
import { programmeCommissioners, reachTargets } from '../db/schema';
import type { OrganisationKey } from './organisations';
import type { ProgrammeKey } from './programmes';
import type { DemoFoundation } from './seed';

const commissionedBy: readonly [OrganisationKey, ProgrammeKey][] = [
  ['icb', 'haringey-connect'],
  ['icb', 'waltham-forest-community-links'],
  ['icb', 'poplar-healthy-living'],
];

/** People a year: the programme's own (organisation null) and each referring practice's. */
const targets: readonly {
  programme: ProgrammeKey;
  organisation: OrganisationKey | null;
  peoplePerYear: number;
  note: string;
}[] = [
  {
    programme: 'haringey-connect',
    organisation: null,
    peoplePerYear: 900,
    note: 'ICB plan: 1% of the registered adult population a year',
  },
  {
    programme: 'haringey-connect',
    organisation: 'gp-westbury-avenue',
    peoplePerYear: 240,
    note: 'By list size (about 16,000 patients)',
  },
  { programme: 'haringey-connect', organisation: 'gp-philip-lane', peoplePerYear: 45, note: 'By list size' },
  { programme: 'haringey-connect', organisation: 'gp-crouch-hill', peoplePerYear: 45, note: 'By list size' },
  { programme: 'haringey-connect', organisation: 'gp-muswell-rise', peoplePerYear: 40, note: 'By list size' },
  {
    programme: 'waltham-forest-community-links',
    organisation: 'gp-hoe-street',
    peoplePerYear: 50,
    note: 'By list size',
  },
  {
    programme: 'waltham-forest-community-links',
    organisation: 'gp-chingford-mount',
    peoplePerYear: 45,
    note: 'By list size',
  },
  {
    programme: 'waltham-forest-community-links',
    organisation: 'gp-cann-hall',
    peoplePerYear: 45,
    note: 'By list size',
  },
];

export async function seedCommissioning(db: Executor, foundation: DemoFoundation): Promise<void> {
  const { organisations, programmes, users } = foundation;
  const createdBy = users.find((user) => user.role === 'platform_admin')?.id ?? null;
  await db.insert(programmeCommissioners).values(
    commissionedBy.map(([organisation, programme]) => ({
      programmeId: programmes[programme].id,
      organisationId: organisations[organisation].id,
      createdByUserId: createdBy,
    })),
  );
  await db.insert(reachTargets).values(
    targets.map((target) => ({
      programmeId: programmes[target.programme].id,
      organisationId: target.organisation ? organisations[target.organisation].id : null,
      peoplePerYear: target.peoplePerYear,
      note: target.note,
    })),
  );
}
