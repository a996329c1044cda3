// The three demo programmes, modelled on the kinds of social prescribing scheme described in the
// London report: a borough programme hosted by a council for voluntary service, a telephone-based
// service hosted in adult social care, and a programme run from a healthy living centre.
import { districtsOf, haringey, towerHamlets, walthamForest, type BoroughGeography } from './london';
import type { OrganisationKey } from './organisations';

export type DeliveryMode = 'telephone' | 'face_to_face' | 'mixed';

export type ProgrammeSettings = { firstContactWorkingDays: number; deliveryMode: DeliveryMode };

/** Ages of the people the programme sees: [youngest, oldest, weight]. */
export type AgeBand = readonly [number, number, number];

export type DemoProgramme = {
  key: string;
  name: string;
  slug: string;
  description: string;
  hostOrganisationKey: OrganisationKey;
  borough: BoroughGeography;
  /**
   * Seeded as approved links (seed.ts), so demo referrals route by organisation as before. An
   * organisation on two lists (trust-east) is a platform admin's choice: routing then picks among
   * the two by the person's postcode (referrals/intake/routing.ts), never by which is older.
   */
  referringOrganisationKeys: readonly OrganisationKey[];
  settings: ProgrammeSettings;
  /** Staff email addresses are name@emailDomain. */
  emailDomain: string;
  peopleCount: number;
  ageBands: readonly AgeBand[];
  /** Which communities people are drawn from, by weight (see people.ts). */
  communityWeights: readonly (readonly [string, number])[];
};

export const demoProgrammes = [
  {
    key: 'haringey-connect',
    name: 'Haringey Connect',
    slug: 'haringey-connect',
    description:
      'The borough-wide social prescribing service for Haringey, hosted by Haringey Voluntary Action Network. ' +
      'Link workers meet people at their GP practice, at home or by phone and connect them with local groups, ' +
      'advice and activities.',
    hostOrganisationKey: 'cvs-haringey',
    borough: haringey,
    referringOrganisationKeys: [
      'gp-westbury-avenue',
      'gp-philip-lane',
      'gp-crouch-hill',
      'gp-muswell-rise',
      'trust-north',
      'council-haringey',
    ],
    settings: { firstContactWorkingDays: 5, deliveryMode: 'mixed' },
    emailDomain: 'haringey-connect.example',
    peopleCount: 24,
    ageBands: [
      [18, 39, 25],
      [40, 64, 35],
      [65, 90, 40],
    ],
    communityWeights: [
      ['british', 16],
      ['caribbean', 12],
      ['turkish', 14],
      ['nigerian', 6],
      ['ghanaian', 4],
      ['polish', 8],
      ['somali', 8],
      ['portuguese', 6],
      ['greek-cypriot', 5],
      ['irish', 5],
      ['romanian', 5],
      ['arabic', 4],
      ['bangladeshi', 3],
    ],
  },
  {
    key: 'waltham-forest-community-links',
    name: 'Waltham Forest Community Links',
    slug: 'waltham-forest-community-links',
    description:
      "A telephone-based social prescribing and befriending service run by Waltham Forest Council's adult " +
      'social care. Link workers call people within three working days and arrange befriending, carers ' +
      'support and advice; home visits are arranged when a call is not enough.',
    hostOrganisationKey: 'council-waltham-forest',
    borough: walthamForest,
    referringOrganisationKeys: [
      'gp-hoe-street',
      'gp-chingford-mount',
      'gp-cann-hall',
      'trust-east',
      'council-waltham-forest',
      'housing-lea-river',
    ],
    settings: { firstContactWorkingDays: 3, deliveryMode: 'telephone' },
    emailDomain: 'wf-community-links.example',
    peopleCount: 22,
    // Adult social care and befriending referrals: mostly older people living alone.
    ageBands: [
      [18, 49, 10],
      [50, 69, 25],
      [70, 96, 65],
    ],
    communityWeights: [
      ['british', 26],
      ['pakistani', 16],
      ['caribbean', 10],
      ['polish', 10],
      ['irish', 7],
      ['romanian', 6],
      ['nigerian', 3],
      ['ghanaian', 3],
      ['lithuanian', 4],
      ['somali', 4],
      ['bangladeshi', 4],
      ['turkish', 3],
      ['portuguese', 3],
    ],
  },
  {
    key: 'poplar-healthy-living',
    name: 'Poplar Healthy Living Social Prescribing',
    slug: 'poplar-healthy-living',
    description:
      'Social prescribing from Poplar Healthy Living Centre, where the GP surgery, café, gardens and classes ' +
      'share one site. Link workers see people face to face and walk them over to activities on the day.',
    hostOrganisationKey: 'vcse-poplar-hlc',
    borough: towerHamlets,
    referringOrganisationKeys: [
      'gp-chrisp-street',
      'gp-jubilee-street',
      'gp-roman-road',
      'trust-east',
      'council-tower-hamlets',
    ],
    settings: { firstContactWorkingDays: 5, deliveryMode: 'face_to_face' },
    emailDomain: 'poplar-healthy-living.example',
    peopleCount: 20,
    ageBands: [
      [18, 39, 30],
      [40, 64, 40],
      [65, 90, 30],
    ],
    communityWeights: [
      ['bangladeshi', 40],
      ['british', 18],
      ['somali', 9],
      ['caribbean', 5],
      ['nigerian', 3],
      ['ghanaian', 2],
      ['arabic', 4],
      ['irish', 4],
      ['polish', 3],
      ['portuguese', 3],
      ['pakistani', 3],
      ['turkish', 2],
    ],
  },
] as const satisfies readonly DemoProgramme[];

export type ProgrammeKey = (typeof demoProgrammes)[number]['key'];

export function postcodeDistrictsOf(programme: DemoProgramme): string[] {
  return districtsOf(programme.borough);
}
