// The demo user accounts: a platform admin, each programme's team, referrers in the NHS and the
// councils, staff at the VCSE and advice organisations, and a commissioner at the ICB.
// Exactly one account per role is marked `login`: it is printed at first start.
import type { Role } from '../access/roles';
import { demoOrganisations, type OrganisationKey } from './organisations';
import { demoProgrammes, type ProgrammeKey } from './programmes';

/** One memorable password for every demo account; it passes the password policy (checked in the test). */
export const demoPassword = 'Harbour-lantern-plum-tree';

export const platformEmailDomain = 'linkwell.example';

export type DemoStaff = {
  name: string;
  role: Role;
  jobTitle: string;
  /** Programme roles (coordinator, link worker, buddy): they also belong to the host organisation. */
  programmeKey?: ProgrammeKey;
  /** Organisation roles (referrer, provider staff, commissioner). */
  organisationKey?: OrganisationKey;
  /** Set on the one account per role printed at first start: the note shown beside it. */
  login?: string;
};

const programmeTeams: DemoStaff[] = [
  // Haringey Connect
  {
    programmeKey: 'haringey-connect',
    role: 'coordinator',
    name: 'Grace Adeyemi',
    jobTitle: 'Social prescribing lead',
    login: 'Haringey Connect',
  },
  {
    programmeKey: 'haringey-connect',
    role: 'link_worker',
    name: 'Selin Yıldız',
    jobTitle: 'Link worker',
    login: 'Haringey Connect, has a caseload',
  },
  { programmeKey: 'haringey-connect', role: 'link_worker', name: 'Tom Brennan', jobTitle: 'Link worker' },
  { programmeKey: 'haringey-connect', role: 'link_worker', name: 'Marcus Campbell', jobTitle: 'Link worker' },
  {
    programmeKey: 'haringey-connect',
    role: 'buddy',
    name: 'Dorota Nowak',
    jobTitle: 'Volunteer buddy',
    login: 'Haringey Connect volunteer',
  },
  { programmeKey: 'haringey-connect', role: 'buddy', name: 'Kevin Ashworth', jobTitle: 'Volunteer buddy' },
  // Waltham Forest Community Links
  {
    programmeKey: 'waltham-forest-community-links',
    role: 'coordinator',
    name: 'Helen Doyle',
    jobTitle: 'Service manager',
  },
  {
    programmeKey: 'waltham-forest-community-links',
    role: 'link_worker',
    name: 'Imran Qureshi',
    jobTitle: 'Community links officer',
  },
  {
    programmeKey: 'waltham-forest-community-links',
    role: 'link_worker',
    name: 'Chloe Simmons',
    jobTitle: 'Community links officer',
  },
  {
    programmeKey: 'waltham-forest-community-links',
    role: 'link_worker',
    name: 'Adaeze Nwosu',
    jobTitle: 'Community links officer',
  },
  {
    programmeKey: 'waltham-forest-community-links',
    role: 'buddy',
    name: 'Maureen Fitzgerald',
    jobTitle: 'Telephone befriender',
  },
  {
    programmeKey: 'waltham-forest-community-links',
    role: 'buddy',
    name: 'Ravi Patel',
    jobTitle: 'Volunteer buddy',
  },
  // Poplar Healthy Living Social Prescribing
  {
    programmeKey: 'poplar-healthy-living',
    role: 'coordinator',
    name: 'Shirin Chowdhury',
    jobTitle: 'Programme coordinator',
  },
  {
    programmeKey: 'poplar-healthy-living',
    role: 'link_worker',
    name: 'Daniel Osei',
    jobTitle: 'Social prescriber',
  },
  {
    programmeKey: 'poplar-healthy-living',
    role: 'link_worker',
    name: 'Nasreen Akhtar',
    jobTitle: 'Social prescriber',
  },
  {
    programmeKey: 'poplar-healthy-living',
    role: 'buddy',
    name: 'Jamila Hussein',
    jobTitle: 'Volunteer buddy',
  },
  {
    programmeKey: 'poplar-healthy-living',
    role: 'buddy',
    name: 'Peter Lawrence',
    jobTitle: 'Volunteer buddy',
  },
];

const referrers: DemoStaff[] = [
  {
    organisationKey: 'gp-westbury-avenue',
    role: 'referrer',
    name: 'Hannah Levy',
    jobTitle: 'GP',
    login: 'Westbury Avenue Medical Practice, refers to Haringey Connect',
  },
  {
    organisationKey: 'gp-philip-lane',
    role: 'referrer',
    name: 'Oluwaseun Bakare',
    jobTitle: 'Practice nurse',
  },
  { organisationKey: 'gp-crouch-hill', role: 'referrer', name: 'Elif Arslan', jobTitle: 'GP' },
  { organisationKey: 'gp-muswell-rise', role: 'referrer', name: 'James Whitfield', jobTitle: 'GP' },
  { organisationKey: 'gp-hoe-street', role: 'referrer', name: 'Farah Siddiqui', jobTitle: 'GP' },
  {
    organisationKey: 'gp-chingford-mount',
    role: 'referrer',
    name: 'Lisa Turner',
    jobTitle: 'Practice nurse',
  },
  { organisationKey: 'gp-cann-hall', role: 'referrer', name: 'Kofi Asante', jobTitle: 'GP' },
  { organisationKey: 'gp-chrisp-street', role: 'referrer', name: 'Rumana Haque', jobTitle: 'GP' },
  { organisationKey: 'gp-jubilee-street', role: 'referrer', name: 'Ben Sutherland', jobTitle: 'GP' },
  { organisationKey: 'gp-roman-road', role: 'referrer', name: 'Tahmina Islam', jobTitle: 'Care coordinator' },
  {
    organisationKey: 'trust-north',
    role: 'referrer',
    name: 'Claire Mbeki',
    jobTitle: 'Discharge coordinator',
  },
  {
    organisationKey: 'trust-east',
    role: 'referrer',
    name: 'Joseph Ferreira',
    jobTitle: 'Ward nurse, older people',
  },
  {
    organisationKey: 'council-haringey',
    role: 'referrer',
    name: 'Natalie Georgiou',
    jobTitle: 'Social worker',
  },
  {
    organisationKey: 'council-waltham-forest',
    role: 'referrer',
    name: 'Aaron Whitaker',
    jobTitle: 'Housing officer',
  },
  {
    organisationKey: 'council-tower-hamlets',
    role: 'referrer',
    name: 'Sultana Miah',
    jobTitle: 'Social worker',
  },
  {
    organisationKey: 'housing-lea-river',
    role: 'referrer',
    name: 'Rebecca Holt',
    jobTitle: 'Tenancy sustainment officer',
  },
];

const providerStaff: DemoStaff[] = [
  {
    organisationKey: 'advice-haringey-welfare-rights',
    role: 'provider_staff',
    name: 'Dominic Achterberg',
    jobTitle: 'Welfare rights adviser',
    login: 'Haringey Welfare Rights Service, an advice agency',
  },
  {
    organisationKey: 'vcse-lordship-lane-arts',
    role: 'provider_staff',
    name: 'Saoirse Keane',
    jobTitle: 'Arts facilitator',
  },
  {
    organisationKey: 'vcse-tottenham-time-bank',
    role: 'provider_staff',
    name: 'Desmond Grant',
    jobTitle: 'Time bank broker',
  },
  {
    organisationKey: 'vcse-north-london-peer-support',
    role: 'provider_staff',
    name: 'Priya Nair',
    jobTitle: 'Peer support coordinator',
  },
  {
    organisationKey: 'vcse-green-lanes-community-centre',
    role: 'provider_staff',
    name: 'Gülay Aksoy',
    jobTitle: 'Community development worker',
  },
  {
    organisationKey: 'vcse-seven-sisters-sport',
    role: 'provider_staff',
    name: 'Jordan Ellis',
    jobTitle: 'Community sport coach',
  },
  {
    organisationKey: 'vcse-village-voices',
    role: 'provider_staff',
    name: 'Harriet Greaves',
    jobTitle: 'Choir leader',
  },
  {
    organisationKey: 'vcse-silver-threads',
    role: 'provider_staff',
    name: 'Janet Pryce',
    jobTitle: 'Befriending coordinator',
  },
  {
    organisationKey: 'vcse-carers-hub',
    role: 'provider_staff',
    name: 'Sunita Rao',
    jobTitle: 'Carers support worker',
  },
  {
    organisationKey: 'vcse-lea-valley-walks',
    role: 'provider_staff',
    name: 'Gareth Powell',
    jobTitle: 'Walks coordinator',
  },
  {
    organisationKey: 'vcse-forest-strength-balance',
    role: 'provider_staff',
    name: 'Monika Zielińska',
    jobTitle: 'Falls prevention instructor',
  },
  {
    organisationKey: 'vcse-safe-haven',
    role: 'provider_staff',
    name: 'Yasmin Choudhury',
    jobTitle: 'Independent domestic violence adviser',
  },
  {
    organisationKey: 'advice-northside-housing',
    role: 'provider_staff',
    name: 'Owen Llewellyn',
    jobTitle: 'Housing caseworker',
  },
  {
    organisationKey: 'vcse-poplar-hlc',
    role: 'provider_staff',
    name: 'Abdul Karim',
    jobTitle: 'Activities coordinator',
  },
  {
    organisationKey: 'vcse-chrisp-street-growing',
    role: 'provider_staff',
    name: 'Rosie Fairweather',
    jobTitle: 'Community gardener',
  },
  {
    organisationKey: 'vcse-stepney-faith-forum',
    role: 'provider_staff',
    name: 'Revd Samuel Adjei',
    jobTitle: 'Forum coordinator',
  },
  {
    organisationKey: 'vcse-shapla-circle',
    role: 'provider_staff',
    name: 'Husna Begum',
    jobTitle: 'Group facilitator',
  },
  {
    organisationKey: 'vcse-east-end-pathways',
    role: 'provider_staff',
    name: 'Liam Doherty',
    jobTitle: 'Employment coach',
  },
  {
    organisationKey: 'advice-eastway-debt',
    role: 'provider_staff',
    name: 'Anika Bose',
    jobTitle: 'Debt adviser',
  },
  {
    organisationKey: 'advice-poplar-money',
    role: 'provider_staff',
    name: 'Abdirahman Nur',
    jobTitle: 'Benefits adviser',
  },
];

export const demoStaff: readonly DemoStaff[] = [
  {
    role: 'platform_admin',
    name: 'Morgan Ellery',
    jobTitle: 'Platform administrator',
    login: 'you will be asked to set up an authenticator app at first sign-in',
  },
  ...programmeTeams,
  ...referrers,
  ...providerStaff,
  {
    organisationKey: 'icb',
    role: 'commissioner',
    name: 'Victoria Amankwah',
    jobTitle: 'Head of personalised care',
    login: 'Lea Valley ICB, sees all three programmes in aggregate',
  },
  {
    organisationKey: 'region',
    role: 'regional_commissioner',
    name: 'Farida Okonjo',
    jobTitle: 'Regional lead for health inequalities',
    login: 'London Regional Commissioning Hub, every programme in aggregate, no person records',
  },
];

function emailLocalPart(name: string): string {
  const words = name
    .replace(/^(Revd|Dr) /, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .toLowerCase()
    .split(/\s+/);
  return words.map((w) => w.replace(/[^a-z-]/g, '')).join('.');
}

/** name@domain, with the domain of the programme, the organisation, or the platform. */
export function emailOf(staff: DemoStaff): string {
  let domain = platformEmailDomain;
  if (staff.programmeKey) {
    domain = demoProgrammes.find((p) => p.key === staff.programmeKey)?.emailDomain ?? domain;
  } else if (staff.organisationKey) {
    domain = demoOrganisations.find((o) => o.key === staff.organisationKey)?.emailDomain ?? domain;
  }
  return `${emailLocalPart(staff.name)}@${domain}`;
}
