// Builds believable directory services as ServiceInputs, without touching the database, so the
// demo seed (a few hundred) and the benchmark generator (tens of thousands) share one builder.
// Everything is drawn from the Random passed in, so the same seed gives the same services;
// only freshness and capacity dates are measured back from `now`, so that "verified 3 months
// ago" stays true whenever the demo is first started.
import type { ServiceInput } from '../../directory/save-service';
import { taxonomyTermId } from '../../directory/sync-taxonomies';
import type { Random } from '../random';
import { directoryBoroughs, type DirectoryBorough } from './boroughs';
import type { DirectoryOrganisation } from './directory-organisations';
import { serviceTemplates, type Day, type ServiceTemplate, type Session } from './service-templates';

export type OrganisationsByBorough = ReadonlyMap<string, readonly DirectoryOrganisation[]>;

const dayInMilliseconds = 24 * 60 * 60 * 1000;

const languageNames: Record<string, string> = {
  en: 'English',
  ar: 'Arabic',
  bfi: 'British Sign Language',
  bn: 'Bengali',
  es: 'Spanish',
  fr: 'French',
  gu: 'Gujarati',
  ko: 'Korean',
  ne: 'Nepali',
  pa: 'Punjabi',
  pl: 'Polish',
  pt: 'Portuguese',
  ro: 'Romanian',
  so: 'Somali',
  ta: 'Tamil',
  tr: 'Turkish',
  ur: 'Urdu',
  yo: 'Yoruba',
};
/** Languages any London service may offer through an interpreter, beyond the borough's own. */
const interpretedLanguages = ['ar', 'bn', 'tr', 'pl', 'so', 'ur', 'pt', 'es', 'ta', 'gu', 'pa', 'yo', 'fr'];

const accessibilityOdds: readonly (readonly [string, number])[] = [
  ['step_free_access', 0.75],
  ['accessible_toilet', 0.6],
  ['hearing_loop', 0.3],
  ['quiet_space', 0.25],
  ['accessible_parking', 0.2],
  ['baby_change', 0.15],
];

const closureOptions = {
  christmas: { startsOn: '2026-12-24', endsOn: '2027-01-02', reason: 'Christmas and New Year' },
  goodFriday: { startsOn: '2027-03-26', endsOn: '2027-03-26', reason: 'Good Friday bank holiday' },
  easterMonday: { startsOn: '2027-03-29', endsOn: '2027-03-29', reason: 'Easter Monday bank holiday' },
  earlyMay: { startsOn: '2027-05-03', endsOn: '2027-05-03', reason: 'Early May bank holiday' },
  halfTerm: { startsOn: '2027-02-15', endsOn: '2027-02-19', reason: 'Closed for February half term' },
};

const givenNames = [
  'Amina',
  'Ben',
  'Chloe',
  'Dev',
  'Esra',
  'Femi',
  'Grace',
  'Hassan',
  'Isla',
  'Jamal',
  'Kasia',
  'Leon',
  'Maryam',
  'Nadia',
  'Oliver',
  'Priya',
  'Rosa',
  'Sam',
  'Tariq',
  'Una',
  'Vikram',
  'Wendy',
  'Yusuf',
  'Zainab',
];
const familyNames = [
  'Adeyemi',
  'Begum',
  'Clarke',
  'Demir',
  'Evans',
  'Farah',
  'Gordon',
  'Hussain',
  'Iqbal',
  'Jones',
  'Kowalski',
  'Lewis',
  'Mensah',
  'Nowak',
  'Okafor',
  'Patel',
  'Quinn',
  'Rahman',
  'Silva',
  'Taylor',
];
const contactTitles = [
  'Coordinator',
  'Project worker',
  'Volunteer manager',
  'Service manager',
  'Outreach worker',
];
const fundingSources = [
  '{borough} Council grant',
  'Integrated care board (social prescribing fund)',
  'Charitable trusts and foundations',
  'Donations and fundraising',
  'National lottery grant',
];

type Places = { area: string; borough: DirectoryBorough; venue: string; organisation: DirectoryOrganisation };

const fill = (text: string, places: Places) =>
  text
    .replaceAll('{area}', places.area)
    .replaceAll('{borough}', places.borough.name)
    .replaceAll('{venue}', places.venue)
    .replaceAll('{org}', places.organisation.name);

function addMinutes(time: string, minutes: number): string {
  const [hours = 0, mins = 0] = time.split(':').map(Number);
  const total = hours * 60 + mins + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

const isRemoteOnly = (template: ServiceTemplate) =>
  !template.deliveryModes.includes('in_person') && !template.deliveryModes.includes('home_visit');

function buildSchedules(random: Random, template: ServiceTemplate): NonNullable<ServiceInput['schedules']> {
  // Some groups meet half an hour later than the usual slot, so not every lunch club opens at noon.
  const shift = random.chance(0.3) ? 30 : 0;
  const attendingType = isRemoteOnly(template)
    ? template.deliveryModes.includes('telephone')
      ? 'phone'
      : 'online'
    : 'in_person';
  return template.sessions.flatMap((session: Session) =>
    session.days.map((byday: Day) => ({
      byday,
      opensAt: addMinutes(session.opensAt, shift),
      closesAt: addMinutes(session.closesAt, shift),
      attendingType,
      validFrom: template.course?.validFrom ?? null,
      validTo: template.course?.validTo ?? null,
    })),
  );
}

function buildClosures(random: Random): NonNullable<ServiceInput['closures']> {
  const closures: NonNullable<ServiceInput['closures']> = [];
  if (random.chance(0.45)) closures.push(closureOptions.christmas);
  if (random.chance(0.25)) closures.push(closureOptions.goodFriday, closureOptions.easterMonday);
  if (random.chance(0.15)) closures.push(closureOptions.earlyMay);
  if (random.chance(0.05)) closures.push(closureOptions.halfTerm);
  return closures;
}

function buildLanguages(random: Random, borough: DirectoryBorough): NonNullable<ServiceInput['languages']> {
  const languages: NonNullable<ServiceInput['languages']> = [{ code: 'en', name: 'English' }];
  const add = (code: string, kind: 'spoken' | 'interpretation') => {
    if (languages.some((l) => l.code === code)) return;
    languages.push({
      code,
      name: languageNames[code] ?? code,
      kind,
      note:
        kind === 'interpretation'
          ? 'An interpreter can be booked; please ask when you first get in touch.'
          : null,
    });
  };
  if (random.chance(0.45)) add(random.pick(borough.languages), 'spoken');
  if (random.chance(0.15)) add(random.pick(borough.languages), 'spoken');
  if (random.chance(0.25)) add(random.pick(interpretedLanguages), 'interpretation');
  if (random.chance(0.05)) add('bfi', 'interpretation');
  return languages;
}

function buildAreas(
  random: Random,
  template: ServiceTemplate,
  borough: DirectoryBorough,
  boroughs: readonly DirectoryBorough[],
): NonNullable<ServiceInput['areas']> {
  const roll = random.next();
  const londonWide = isRemoteOnly(template) ? 0.3 : 0.05;
  if (roll < londonWide) return [{ name: 'London', boroughCode: null, extentType: 'region' }];
  if (roll < londonWide + 0.12) {
    return boroughs
      .filter((b) => b.subRegion === borough.subRegion)
      .map((b) => ({ name: b.name, boroughCode: b.code, extentType: 'borough' }));
  }
  return [{ name: borough.name, boroughCode: borough.code, extentType: 'borough' }];
}

type CapacityState = 'accepting' | 'nearly-full' | 'waiting-list' | 'closed-to-referrals' | 'paused';

function buildCapacity(random: Random, template: ServiceTemplate, now: Date): Partial<ServiceInput> {
  const state = random.pickWeighted<CapacityState>([
    ['accepting', 56],
    ['nearly-full', 10],
    ['waiting-list', 22],
    ['closed-to-referrals', 9],
    ['paused', 3],
  ]);
  const capacityUpdatedAt = new Date(now.getTime() - random.integer(0, 45) * dayInMilliseconds);
  const placesMaximum = template.places ?? null;
  switch (state) {
    case 'accepting':
      return {
        placesMaximum,
        placesAvailable: placesMaximum === null ? null : random.integer(3, placesMaximum),
        capacityUpdatedAt,
      };
    case 'nearly-full':
      return {
        placesMaximum,
        placesAvailable: placesMaximum === null ? null : random.integer(1, 2),
        capacityUpdatedAt,
      };
    case 'waiting-list':
      return {
        acceptsWaitingList: true,
        waitingTimeDays: random.pick([7, 14, 21, 28, 42, 56, 90]),
        placesMaximum,
        placesAvailable: placesMaximum === null ? null : 0,
        capacityUpdatedAt,
      };
    case 'closed-to-referrals':
      return {
        isAcceptingReferrals: false,
        placesMaximum,
        placesAvailable: placesMaximum === null ? null : 0,
        alert: 'Full and not taking new referrals at the moment. Please ask us again in the new year.',
        capacityUpdatedAt,
      };
    case 'paused':
      return {
        status: 'temporarily closed',
        isAcceptingReferrals: false,
        alert: 'Paused while we look for a new venue; we expect to restart in the spring.',
        capacityUpdatedAt,
      };
  }
}

/** Most entries were checked in the last six months; about 17% are stale (7–18 months) and 3% never checked. */
function buildLastVerifiedAt(random: Random, now: Date): Date | null {
  const roll = random.next();
  const hours = random.integer(8, 18);
  let days: number;
  if (roll < 0.03) return null;
  else if (roll < 0.2) days = random.integer(213, 548);
  else days = random.integer(1, 180);
  return new Date(now.getTime() - days * dayInMilliseconds - hours * 60 * 60 * 1000);
}

function buildLocation(
  random: Random,
  template: ServiceTemplate,
  places: Places,
): NonNullable<ServiceInput['locations']>[number] {
  const { borough, organisation } = places;
  const postcode = random.pick(borough.postcodes);
  const station = random.pick(borough.stations);
  const minutes = random.integer(2, 12);
  const accessibility = accessibilityOdds.filter(([, odds]) => random.chance(odds)).map(([code]) => code);
  return {
    locationType: 'physical',
    name: places.venue,
    description: isRemoteOnly(template)
      ? `${organisation.name}'s office. This service works by phone or online; there is no drop-in.`
      : null,
    latitude: postcode.latitude,
    longitude: postcode.longitude,
    address1: `${random.integer(1, 240)} ${random.pick(borough.streets)}`,
    city: 'London',
    postalCode: postcode.postcode,
    boroughCode: borough.code,
    transport: `Bus ${random.pick(borough.buses)}, ${minutes} minutes from ${station} station`,
    accessibility,
  };
}

function buildContact(random: Random, organisation: DirectoryOrganisation) {
  const givenName = random.pick(givenNames);
  const familyName = random.pick(familyNames);
  return {
    name: `${givenName} ${familyName}`,
    title: random.pick(contactTitles),
    email: `${givenName.toLowerCase()}.${familyName.toLowerCase()}@${organisation.emailDomain}`,
    // Ofcom reserves 020 7946 0000 to 0999 for drama: these numbers never ring anyone.
    phone: `020 7946 0${String(random.integer(0, 999)).padStart(3, '0')}`,
  };
}

/** One service of a template, run by an organisation in a borough. */
export function buildDirectoryService(options: {
  random: Random;
  template: ServiceTemplate;
  borough: DirectoryBorough;
  organisation: DirectoryOrganisation;
  boroughs: readonly DirectoryBorough[];
  now: Date;
}): ServiceInput {
  const { random, template, borough, organisation, boroughs, now } = options;
  const area = random.pick(borough.areas);
  const venueKind = random.pick(template.venues);
  const venue = venueKind === 'Office' ? `${organisation.name} office` : `${area} ${venueKind}`;
  const places: Places = { area, borough, venue, organisation };
  const slug = template.key;
  return {
    organisationId: organisation.id,
    name: fill(random.pick(template.names), places),
    description: fill(random.pick(template.descriptions), places),
    url: `https://www.${organisation.emailDomain}/${slug}`,
    email: `${random.pick(['hello', 'info', 'contact'])}@${organisation.emailDomain}`,
    isFree: template.cost === undefined,
    feesDescription: template.cost?.feesDescription ?? null,
    costOptions: (template.cost?.options ?? []).map((o) => ({ option: o.option, amount: o.amount })),
    qualityMarks: template.isAdvice ? ['advice_quality_standard'] : [],
    accreditations:
      template.key === 'immigration-advice' ? 'Advisers regulated by the Immigration Advice Authority' : null,
    eligibilityDescription: fill(template.eligibility, places),
    minimumAge: template.minimumAge ?? null,
    maximumAge: template.maximumAge ?? null,
    deliveryModes: [...template.deliveryModes],
    howToAccess: template.howToAccess,
    ...buildCapacity(random, template, now),
    lastVerifiedAt: buildLastVerifiedAt(random, now),
    taxonomyTermIds: [
      ...template.supportTerms.map((code) => taxonomyTermId('linkwell-support', code)),
      ...(template.lawTerms ?? []).map((code) => taxonomyTermId('social-welfare-law', code)),
    ],
    locations: [buildLocation(random, template, places)],
    schedules: buildSchedules(random, template),
    closures: buildClosures(random),
    languages: buildLanguages(random, borough),
    areas: buildAreas(random, template, borough, boroughs),
    fundings: [{ source: fill(random.pick(fundingSources), places) }],
    contacts: [buildContact(random, organisation)],
  };
}

/** Organisations in the borough that run this kind of service: specialists first, else generalists. */
export function organisationsFor(
  template: ServiceTemplate,
  organisations: readonly DirectoryOrganisation[],
): DirectoryOrganisation[] {
  const type = template.isAdvice ? 'advice_agency' : 'vcse';
  const specialists = organisations.filter((o) => o.templateKeys?.includes(template.key));
  const generalists = organisations.filter(
    (o) => o.type === type && o.templateKeys === undefined && o.supportKinds.includes(template.kind),
  );
  return [...specialists, ...generalists];
}

/**
 * `count` services spread evenly over the boroughs (service i is in borough i mod 33), with the
 * first pass through the templates in order so that even a small directory uses every template,
 * and so every taxonomy term; after that templates are drawn at random.
 */
export function generateDirectoryServices(
  random: Random,
  count: number,
  organisationsByBorough: OrganisationsByBorough,
  options: { boroughs?: readonly DirectoryBorough[]; now?: Date } = {},
): ServiceInput[] {
  const { boroughs = directoryBoroughs, now = new Date() } = options;
  const services: ServiceInput[] = [];
  for (let index = 0; index < count; index++) {
    const borough = boroughs[index % boroughs.length]!;
    const template =
      index < serviceTemplates.length ? serviceTemplates[index]! : random.pick(serviceTemplates);
    const candidates = organisationsFor(template, organisationsByBorough.get(borough.code) ?? []);
    if (candidates.length === 0) {
      throw new Error(`No organisation in ${borough.name} can run a ${template.key} service`);
    }
    const organisation = random.pick(candidates);
    services.push(buildDirectoryService({ random, template, borough, organisation, boroughs, now }));
  }
  return services;
}
