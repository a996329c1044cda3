// Equality monitoring answers for demo people (Insight issue 13). The mix approximates the ONS
// Census 2021 picture for the demo boroughs rather than reproducing it: ethnicity follows the
// community a person's name was drawn from (so names and answers agree), with some Mixed, Indian,
// Chinese and "any other" answers on top; about 13% of Londoners are limited by a long-term
// condition (more with age, as in a social prescribing caseload), about 7% give unpaid care. About
// 15% of people were never asked (every answer NULL) and about 10% prefer not to say to each question.
//
// Drawn from a stream of their own, keyed by the person, so adding these answers left every other
// demo value (names, dates, referrals) exactly as it was.
import type { DemographicAnswers } from '../people/demographics';
import type { Ethnicity } from '../vocabulary/demographics';
import { createRandom, type Random } from './random';

/** The Census category most people of each demo community choose (communities.ts keys). */
const ethnicityOfCommunity: Record<string, Ethnicity> = {
  british: 'white_british',
  irish: 'white_irish',
  caribbean: 'black_caribbean',
  nigerian: 'black_african',
  ghanaian: 'black_african',
  somali: 'black_african',
  turkish: 'white_other',
  'greek-cypriot': 'white_other',
  polish: 'white_other',
  lithuanian: 'white_other',
  romanian: 'white_other',
  portuguese: 'white_other',
  arabic: 'other_arab',
  bangladeshi: 'asian_bangladeshi',
  pakistani: 'asian_pakistani',
};

/** Answers other than the community's own, by rough London share (Census 2021). */
const otherEthnicities: [Ethnicity, number][] = [
  ['mixed_white_black_caribbean', 3],
  ['mixed_white_black_african', 2],
  ['mixed_white_asian', 2],
  ['mixed_other', 3],
  ['asian_indian', 4],
  ['asian_chinese', 2],
  ['asian_other', 2],
  ['black_other', 2],
  ['other_any', 2],
];

const genderIdentities = ['Non-binary', 'Trans woman', 'Trans man'] as const;

function answerOrPreferNot<T extends string>(random: Random, pick: () => T): T | 'prefer_not_to_say' {
  return random.chance(0.1) ? 'prefer_not_to_say' : pick();
}

export type DemographicsInput = {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  communityKey: string;
  isFemale: boolean;
  age: number;
};

/** One person's answers; always the same for the same person. */
export function generateDemographics(input: DemographicsInput): DemographicAnswers {
  const random = createRandom(`demographics:${input.givenName}:${input.familyName}:${input.dateOfBirth}`);
  if (random.chance(0.15)) {
    return {
      sex: null,
      genderIdentitySame: null,
      genderIdentity: null,
      ethnicity: null,
      disability: null,
      carer: null,
    };
  }
  const { age } = input;
  const genderIdentitySame = answerOrPreferNot(random, () => (random.chance(0.01) ? 'no' : 'yes'));
  const limited = age >= 75 ? 0.45 : age >= 65 ? 0.32 : age >= 45 ? 0.2 : 0.1;
  const caring = age >= 40 && age < 75 ? 0.12 : 0.05;
  return {
    sex: answerOrPreferNot(random, () => (input.isFemale ? 'female' : 'male')),
    genderIdentitySame,
    genderIdentity: genderIdentitySame === 'no' ? random.pick(genderIdentities) : null,
    ethnicity: answerOrPreferNot(random, () =>
      random.chance(0.85)
        ? (ethnicityOfCommunity[input.communityKey] ?? 'other_any')
        : random.pickWeighted(otherEthnicities),
    ),
    disability: answerOrPreferNot(random, () =>
      random.chance(limited) ? (random.chance(0.45) ? 'limited_a_lot' : 'limited_a_little') : 'not_limited',
    ),
    carer: answerOrPreferNot(random, () =>
      random.chance(caring)
        ? random.pickWeighted([
            ['yes_under_20_hours', 55],
            ['yes_20_to_49_hours', 20],
            ['yes_50_hours_or_more', 25],
          ] as const)
        : 'no',
    ),
  };
}
