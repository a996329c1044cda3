// Generates the demo people of a programme: names, ages, languages and postcodes that fit the
// borough, valid NHS numbers in the test range, and contact details that cannot reach anyone
// (Ofcom's drama phone ranges and RFC 2606 example email domains).
import type { DemographicAnswers } from '../people/demographics';
import { findCommunity, type Community } from './communities';
import { generateDemographics } from './demographics';
import type { PostcodeDistrict } from './london';
import { generateTestNhsNumber } from './nhs-number';
import type { DemoProgramme } from './programmes';
import { createRandom, type Random } from './random';

export type PreferredChannel = 'phone' | 'sms' | 'email' | 'letter';

export type DemoPerson = {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nhsNumber: string | null;
  email: string | null;
  phone: string | null;
  preferredChannel: PreferredChannel;
  addressLine: string;
  postcode: string;
  language: string;
  needsInterpreter: boolean;
} & DemographicAnswers;

/** Ages are counted from this date, not from today, so the generated data never changes. */
export const demoReferenceYear = 2026;

/** Values that must stay unique across all programmes; shared by every call in one seed. */
export type UniqueValues = { nhsNumbers: Set<string>; phones: Set<string>; emails: Set<string> };

export function createUniqueValues(): UniqueValues {
  return { nhsNumbers: new Set(), phones: new Set(), emails: new Set() };
}

const emailDomains = ['example.com', 'example.org', 'example.net'] as const;

function pickUnique(used: Set<string>, make: () => string): string {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const value = make();
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
  throw new Error('Ran out of unique demo values');
}

/** Ofcom reserves 07700 900000–900999 and 020 7946 0000–0999 for drama: they never ring anyone. */
function generatePhone(random: Random, used: Set<string>, isLandline: boolean): string {
  return pickUnique(used, () => {
    const last = String(random.integer(0, 999)).padStart(3, '0');
    return isLandline ? `020 7946 0${last}` : `07700 900${last}`;
  });
}

function toEmailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z-]/g, '');
}

function generateEmail(random: Random, used: Set<string>, givenName: string, familyName: string): string {
  const local = `${toEmailPart(givenName)}.${toEmailPart(familyName)}`;
  const domain = random.pick(emailDomains);
  let email = `${local}@${domain}`;
  for (let suffix = 2; used.has(email); suffix++) email = `${local}${suffix}@${domain}`;
  used.add(email);
  return email;
}

function pickGivenName(random: Random, community: Community, isFemale: boolean, age: number): string {
  const older = isFemale ? community.given.olderFemale : community.given.olderMale;
  if (older && age >= 60) return random.pick(older);
  return random.pick(isFemale ? community.given.female : community.given.male);
}

function pickFamilyName(random: Random, community: Community, isFemale: boolean): string {
  const specific = (isFemale ? community.family.female : community.family.male) ?? [];
  return random.pick([...community.family.any, ...specific]);
}

function pickDateOfBirth(random: Random, age: number): string {
  const year = demoReferenceYear - 1 - age;
  const month = random.integer(1, 12);
  const day = random.integer(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function pickAddress(random: Random, district: PostcodeDistrict): { addressLine: string; postcode: string } {
  const street = random.pick(district.streets);
  const number = random.integer(2, 240);
  const addressLine = random.chance(0.45)
    ? `Flat ${random.integer(1, 48)}, ${number} ${street}`
    : `${number} ${street}`;
  return { addressLine, postcode: random.pick(district.postcodes) };
}

/** Older people more often prefer their first language and need an interpreter. */
function pickLanguage(
  random: Random,
  community: Community,
  age: number,
): { language: string; needsInterpreter: boolean } {
  if (!community.language) return { language: 'English', needsInterpreter: false };
  const prefersOwnLanguage = random.chance(age >= 65 ? 0.75 : age >= 40 ? 0.45 : 0.2);
  if (!prefersOwnLanguage) return { language: 'English', needsInterpreter: false };
  return { language: community.language, needsInterpreter: random.chance(age >= 65 ? 0.6 : 0.3) };
}

function pickChannel(
  random: Random,
  options: {
    age: number;
    hasPhone: boolean;
    hasMobile: boolean;
    hasEmail: boolean;
    needsInterpreter: boolean;
  },
): PreferredChannel {
  // An interpreter is easiest to arrange on a three-way call.
  if (options.needsInterpreter && options.hasPhone) return random.chance(0.8) ? 'phone' : 'letter';
  const weights: [PreferredChannel, number][] = [];
  if (options.hasPhone) weights.push(['phone', 40]);
  if (options.hasMobile) weights.push(['sms', 25]);
  if (options.hasEmail) weights.push(['email', 25]);
  if (options.age >= 65 || weights.length === 0) weights.push(['letter', 12]);
  return random.pickWeighted(weights);
}

export function generatePerson(random: Random, programme: DemoProgramme, unique: UniqueValues): DemoPerson {
  const community = findCommunity(random.pickWeighted(programme.communityWeights));
  const [youngest, oldest] = random.pickWeighted(programme.ageBands.map((band) => [band, band[2]] as const));
  const age = random.integer(youngest, oldest);
  const isFemale = random.chance(0.55);
  const givenName = pickGivenName(random, community, isFemale, age);
  const familyName = pickFamilyName(random, community, isFemale);
  const { language, needsInterpreter } = pickLanguage(random, community, age);
  const hasEmail = random.chance(needsInterpreter ? 0.1 : age < 60 ? 0.7 : age < 75 ? 0.35 : 0.1);
  const hasPhone = random.chance(0.95);
  const isLandline = hasPhone && age >= 70 && random.chance(0.5);
  const dateOfBirth = pickDateOfBirth(random, age);
  return {
    givenName,
    familyName,
    dateOfBirth,
    // A few people are not registered with a GP or do not know their number.
    nhsNumber: random.chance(0.9) ? generateTestNhsNumber(random, unique.nhsNumbers) : null,
    email: hasEmail ? generateEmail(random, unique.emails, givenName, familyName) : null,
    phone: hasPhone ? generatePhone(random, unique.phones, isLandline) : null,
    preferredChannel: pickChannel(random, {
      age,
      hasPhone,
      hasMobile: hasPhone && !isLandline,
      hasEmail,
      needsInterpreter,
    }),
    ...pickAddress(random, random.pick(programme.borough.districts)),
    language,
    needsInterpreter,
    // Equality monitoring answers, from their own stream (demographics.ts).
    ...generateDemographics({
      givenName,
      familyName,
      dateOfBirth,
      communityKey: community.key,
      isFemale,
      age,
    }),
  };
}

/** The programme's people, always the same for the same programme (seeded by its slug). */
export function generatePeople(programme: DemoProgramme, unique: UniqueValues): DemoPerson[] {
  const random = createRandom(`people:${programme.slug}`);
  return Array.from({ length: programme.peopleCount }, () => generatePerson(random, programme, unique));
}
