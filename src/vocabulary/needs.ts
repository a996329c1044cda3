// Need domains (docs/DESIGN.md §2, Referral and Assessment): the vocabulary of referral reasons, assessment needs,
// onward referrals and unmet needs, so gap analysis counts like with like. Each names the
// directory taxonomy terms (src/directory/taxonomy-data.ts codes) a plan search starts from.
// Imports nothing: the web app bundles it and migration 0019 holds unmet_needs.need to these codes.
type TermRef = { taxonomy: 'linkwell-support' | 'social-welfare-law'; code: string };
const support = (code: string): TermRef => ({ taxonomy: 'linkwell-support', code });
const law = (code: string): TermRef => ({ taxonomy: 'social-welfare-law', code });

export const needDomains = {
  loneliness: { label: 'Loneliness and isolation', terms: [support('connected')] },
  mental_wellbeing: {
    label: 'Mental wellbeing',
    terms: [support('connected.peer-support'), support('creative')],
  },
  physical_activity: { label: 'Physical activity', terms: [support('active')] },
  money_debt: { label: 'Money and debt', terms: [support('safe.debt'), law('debt')] },
  benefits: { label: 'Welfare benefits', terms: [support('safe.benefits'), law('welfare-benefits')] },
  housing: { label: 'Housing', terms: [support('safe.housing'), law('housing')] },
  employment: { label: 'Work and employment', terms: [support('active.employment'), law('employment')] },
  legal: { label: 'Other legal problems', terms: [law('other')] },
  carer: { label: 'Caring for someone', terms: [support('connected.carers')] },
  bereavement: { label: 'Bereavement', terms: [support('connected.bereavement')] },
  long_term_condition: { label: 'Living with a long-term condition', terms: [support('active')] },
  food: { label: 'Food', terms: [support('safe.food')] },
  domestic_abuse: { label: 'Domestic abuse', terms: [support('safe.domestic-abuse')] },
  falls: { label: 'Falls and staying steady', terms: [support('safe.falls-prevention')] },
  immigration: { label: 'Immigration', terms: [law('immigration-nationality')] },
  learning: { label: 'Learning and skills', terms: [support('active.learning')] },
  other: { label: 'Something else', terms: [] },
} as const satisfies Record<string, { label: string; terms: readonly TermRef[] }>;

export type NeedDomain = keyof typeof needDomains;
export const needDomainCodes = Object.keys(needDomains) as [NeedDomain, ...NeedDomain[]];
