// Linkwell's shared taxonomies, as data. Two taxonomies:
// 1. Social prescribing support, in the four kinds of the GLA London report (creative, connected,
//    active, safe), each with its activities.
// 2. Areas of social welfare law, as the report's Figure 2 lists them (codes as in
//    shared/standards/legal/problem-areas.json `london_figure2_areas`).
// Codes are stable: seeds, CSV imports and URLs refer to terms by code. Ids are derived from codes
// (see stableUuid) so every Linkwell database gives the same term the same id. Imports nothing, so
// the web app labels the directory from the same data the server seeds from.

export type TaxonomyTermData = {
  code: string;
  name: string;
  description: string;
  children?: TaxonomyTermData[];
};
export type TaxonomyData = {
  key: string;
  name: string;
  description: string;
  uri: string;
  version: string;
  terms: TaxonomyTermData[];
};

export const socialPrescribingTaxonomy: TaxonomyData = {
  key: 'linkwell-support',
  name: 'Linkwell social prescribing support',
  description:
    'Kinds of non-medical support a link worker can connect people with, grouped as creative, connected, active and safe.',
  uri: 'https://linkwell.example/taxonomies/support',
  version: '2026-1',
  terms: [
    {
      code: 'creative',
      name: 'Creative',
      description: 'Arts, music, making and growing things together.',
      children: [
        {
          code: 'creative.arts',
          name: 'Arts and crafts',
          description: 'Painting, drawing, pottery, textiles and other making.',
        },
        {
          code: 'creative.singing',
          name: 'Singing and music',
          description: 'Choirs, singing for lung health, music groups.',
        },
        {
          code: 'creative.gardening',
          name: 'Gardening and green spaces',
          description: 'Community gardens, allotments, conservation volunteering.',
        },
        {
          code: 'creative.writing',
          name: 'Reading and writing',
          description: 'Reading groups, creative writing, storytelling.',
        },
        {
          code: 'creative.heritage',
          name: 'Museums and heritage',
          description: 'Museum, library and heritage activities.',
        },
      ],
    },
    {
      code: 'connected',
      name: 'Connected',
      description: 'Company, friendship and mutual support.',
      children: [
        {
          code: 'connected.befriending',
          name: 'Befriending',
          description: 'A regular visit or call from a volunteer befriender.',
        },
        {
          code: 'connected.peer-support',
          name: 'Peer support',
          description: 'Groups of people with shared experience supporting each other.',
        },
        {
          code: 'connected.faith',
          name: 'Faith groups',
          description: 'Community activities run by faith organisations, open to all.',
        },
        {
          code: 'connected.time-banking',
          name: 'Time banking',
          description: 'Swap an hour of help for an hour of help.',
        },
        {
          code: 'connected.social-groups',
          name: 'Social groups and lunch clubs',
          description: 'Coffee mornings, lunch clubs, social clubs.',
        },
        {
          code: 'connected.carers',
          name: 'Carers’ support',
          description: 'Support and breaks for unpaid carers.',
        },
        {
          code: 'connected.bereavement',
          name: 'Bereavement support',
          description: 'Support after the death of someone close.',
        },
      ],
    },
    {
      code: 'active',
      name: 'Active',
      description: 'Moving more, learning, volunteering and work.',
      children: [
        {
          code: 'active.exercise',
          name: 'Exercise classes',
          description: 'Gentle exercise, chair-based exercise, gym referral.',
        },
        { code: 'active.walking', name: 'Walking groups', description: 'Health walks and walking groups.' },
        {
          code: 'active.sport',
          name: 'Sport',
          description: 'Football, swimming, tennis, cycling and other sport.',
        },
        { code: 'active.dance', name: 'Dance', description: 'Dance classes and movement groups.' },
        {
          code: 'active.volunteering',
          name: 'Volunteering',
          description: 'Opportunities to give time to a local cause.',
        },
        {
          code: 'active.employment',
          name: 'Employment support',
          description: 'Help finding and keeping work, CVs, interviews.',
        },
        {
          code: 'active.learning',
          name: 'Learning and skills',
          description: 'English classes, digital skills, adult learning.',
        },
      ],
    },
    {
      code: 'safe',
      name: 'Safe',
      description: 'Money, housing and safety: the practical problems behind ill health.',
      children: [
        {
          code: 'safe.housing',
          name: 'Housing help',
          description: 'Homelessness, disrepair, tenancy problems.',
        },
        {
          code: 'safe.debt',
          name: 'Debt advice',
          description: 'Free, confidential help with debts and arrears.',
        },
        {
          code: 'safe.benefits',
          name: 'Benefits advice',
          description: 'Checking entitlement, claims, reviews and appeals.',
        },
        {
          code: 'safe.domestic-abuse',
          name: 'Domestic abuse support',
          description: 'Confidential support for people experiencing domestic abuse.',
        },
        {
          code: 'safe.falls-prevention',
          name: 'Falls prevention',
          description: 'Strength and balance classes and home safety checks.',
        },
        { code: 'safe.food', name: 'Food support', description: 'Food banks, community pantries and meals.' },
        {
          code: 'safe.fuel-poverty',
          name: 'Energy and fuel poverty',
          description: 'Help with energy bills and keeping warm.',
        },
      ],
    },
  ],
};

export const socialWelfareLawTaxonomy: TaxonomyData = {
  key: 'social-welfare-law',
  name: 'Areas of social welfare law',
  description:
    'The areas of social welfare legal advice, as listed in the GLA London report (Figure 2), mapped to Civil Legal Advice categories.',
  uri: 'https://linkwell.example/taxonomies/social-welfare-law',
  version: '2026-1',
  terms: [
    {
      code: 'welfare-benefits',
      name: 'Welfare benefits',
      description: 'Claims, reviews, appeals and overpayments.',
    },
    {
      code: 'housing',
      name: 'Housing',
      description: 'Eviction, homelessness, disrepair and tenancy rights.',
    },
    {
      code: 'health-community-care',
      name: 'Health and community care',
      description: 'Community care assessments, mental health law, care funding.',
    },
    {
      code: 'consumer-general-contract',
      name: 'Consumer / general contract',
      description: 'Goods, services and contract disputes.',
    },
    { code: 'debt', name: 'Debt', description: 'Debt, money problems and bankruptcy.' },
    { code: 'employment', name: 'Employment', description: 'Dismissal, pay, discrimination at work.' },
    { code: 'family', name: 'Family', description: 'Separation, children and domestic abuse proceedings.' },
    {
      code: 'immigration-nationality',
      name: 'Immigration and nationality',
      description: 'Status, asylum, citizenship and right to rent or work.',
    },
    {
      code: 'elder-law',
      name: 'Elder law',
      description: 'Care home fees, powers of attorney and older people’s rights.',
    },
    {
      code: 'education',
      name: 'Education',
      description: 'Exclusions, special educational needs and school admissions.',
    },
    { code: 'other', name: 'Other', description: 'Other social welfare law problems.' },
  ],
};

export const linkwellTaxonomies: TaxonomyData[] = [socialPrescribingTaxonomy, socialWelfareLawTaxonomy];
