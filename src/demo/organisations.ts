// The demo organisations: hosts, the NHS and councils who refer, and the voluntary, community and
// social enterprise (VCSE) organisations and advice agencies people are connected to.
//
// Every name is invented (apart from the three councils, which are named after their real boroughs);
// none of these is a real practice, trust or charity. ODS codes follow the real formats (GP practice:
// the borough's letter-and-two-digit prefix + three digits; trust: R + two characters; ICB: Q + two
// characters) but use numbers real organisations are not known to hold.
import type { OrganisationType } from '../access/roles';
import type { DemoBorough } from './london';

/** The four kinds of support the London report groups social prescribing activity into. */
export type SupportKind = 'creative' | 'connected' | 'active' | 'safe';

export type DemoOrganisation = {
  key: string;
  name: string;
  type: OrganisationType;
  odsCode?: string;
  /** Null for bodies that span the demo boroughs (the ICB). */
  borough: DemoBorough | null;
  /** Staff email addresses are name@emailDomain. */
  emailDomain: string;
  /** VCSE and advice organisations: what kinds of support they give, for the directory seeders. */
  supportKinds?: readonly SupportKind[];
  /** One line on what they offer, for later seeders that build the directory of services. */
  offers?: string;
};

export const demoOrganisations = [
  // Commissioner and hospitals. The ICB is one invented body across all three boroughs, so a
  // single commissioner login can compare the programmes.
  {
    key: 'icb',
    name: 'Lea Valley Integrated Care Board',
    type: 'icb',
    odsCode: 'QZL',
    borough: null,
    emailDomain: 'leavalley-icb.example',
  },
  // The regional tier above the ICBs (the regional commissioner login): it sees every programme in
  // aggregate, never a person. Invented, like the ICB.
  {
    key: 'region',
    name: 'London Regional Commissioning Hub',
    type: 'icb',
    odsCode: 'QZR',
    borough: null,
    emailDomain: 'london-region.example',
  },
  {
    key: 'trust-north',
    name: 'Northgate Hospital NHS Trust',
    type: 'hospital_trust',
    odsCode: 'RZN',
    borough: 'Haringey',
    emailDomain: 'northgate-hospital.example',
  },
  {
    key: 'trust-east',
    name: 'Leaside University Hospitals NHS Trust',
    type: 'hospital_trust',
    odsCode: 'RZL',
    borough: 'Tower Hamlets',
    emailDomain: 'leaside-hospitals.example',
  },

  // Councils: they refer (social workers, housing officers); Waltham Forest's adult social care hosts a programme.
  {
    key: 'council-haringey',
    name: 'Haringey Council',
    type: 'council',
    borough: 'Haringey',
    emailDomain: 'haringey-council.example',
  },
  {
    key: 'council-waltham-forest',
    name: 'Waltham Forest Council',
    type: 'council',
    borough: 'Waltham Forest',
    emailDomain: 'walthamforest-council.example',
  },
  {
    key: 'council-tower-hamlets',
    name: 'Tower Hamlets Council',
    type: 'council',
    borough: 'Tower Hamlets',
    emailDomain: 'towerhamlets-council.example',
  },
  {
    key: 'housing-lea-river',
    name: 'Lea River Homes',
    type: 'housing_association',
    borough: 'Waltham Forest',
    emailDomain: 'leariverhomes.example',
  },

  // Councils for voluntary service (CVS): the umbrella bodies. Haringey's hosts Haringey Connect.
  {
    key: 'cvs-haringey',
    name: 'Haringey Voluntary Action Network',
    type: 'cvs',
    borough: 'Haringey',
    emailDomain: 'hvan.example',
  },
  {
    key: 'cvs-waltham-forest',
    name: 'Forest Voluntary Action',
    type: 'cvs',
    borough: 'Waltham Forest',
    emailDomain: 'forestvoluntaryaction.example',
  },
  {
    key: 'cvs-tower-hamlets',
    name: 'Tower Hamlets Voluntary Action',
    type: 'cvs',
    borough: 'Tower Hamlets',
    emailDomain: 'thva.example',
  },

  // GP practices.
  {
    key: 'gp-westbury-avenue',
    name: 'Westbury Avenue Medical Practice',
    type: 'gp_practice',
    odsCode: 'F85901',
    borough: 'Haringey',
    emailDomain: 'westburyavenue-mp.example',
  },
  {
    key: 'gp-philip-lane',
    name: 'Philip Lane Health Centre',
    type: 'gp_practice',
    odsCode: 'F85902',
    borough: 'Haringey',
    emailDomain: 'philiplane-hc.example',
  },
  {
    key: 'gp-crouch-hill',
    name: 'Crouch Hill Family Practice',
    type: 'gp_practice',
    odsCode: 'F85903',
    borough: 'Haringey',
    emailDomain: 'crouchhill-fp.example',
  },
  {
    key: 'gp-muswell-rise',
    name: 'Muswell Rise Surgery',
    type: 'gp_practice',
    odsCode: 'F85904',
    borough: 'Haringey',
    emailDomain: 'muswellrise-surgery.example',
  },
  {
    key: 'gp-hoe-street',
    name: 'Hoe Street Medical Group',
    type: 'gp_practice',
    odsCode: 'F86901',
    borough: 'Waltham Forest',
    emailDomain: 'hoestreet-mg.example',
  },
  {
    key: 'gp-chingford-mount',
    name: 'Chingford Mount Practice',
    type: 'gp_practice',
    odsCode: 'F86902',
    borough: 'Waltham Forest',
    emailDomain: 'chingfordmount-practice.example',
  },
  {
    key: 'gp-cann-hall',
    name: 'Cann Hall Surgery',
    type: 'gp_practice',
    odsCode: 'F86903',
    borough: 'Waltham Forest',
    emailDomain: 'cannhall-surgery.example',
  },
  {
    key: 'gp-chrisp-street',
    name: 'Chrisp Street Health Partnership',
    type: 'gp_practice',
    odsCode: 'F84901',
    borough: 'Tower Hamlets',
    emailDomain: 'chrispstreet-hp.example',
  },
  {
    key: 'gp-jubilee-street',
    name: 'Jubilee Street Practice',
    type: 'gp_practice',
    odsCode: 'F84902',
    borough: 'Tower Hamlets',
    emailDomain: 'jubileestreet-practice.example',
  },
  {
    key: 'gp-roman-road',
    name: 'Roman Road Family Practice',
    type: 'gp_practice',
    odsCode: 'F84903',
    borough: 'Tower Hamlets',
    emailDomain: 'romanroad-fp.example',
  },

  // VCSE and advice organisations: Haringey.
  {
    key: 'vcse-lordship-lane-arts',
    name: 'Lordship Lane Community Arts',
    type: 'vcse',
    borough: 'Haringey',
    emailDomain: 'lordshiplanearts.example',
    supportKinds: ['creative'],
    offers: 'Weekly art, pottery and creative writing groups; a drop-in studio for adults with low mood.',
  },
  {
    key: 'vcse-tottenham-time-bank',
    name: 'Tottenham Time Bank',
    type: 'vcse',
    borough: 'Haringey',
    emailDomain: 'tottenhamtimebank.example',
    supportKinds: ['connected'],
    offers: 'Members swap an hour of help for an hour of help: shopping, small repairs, lifts, company.',
  },
  {
    key: 'vcse-north-london-peer-support',
    name: 'North London Peer Support Network',
    type: 'vcse',
    borough: 'Haringey',
    emailDomain: 'nlpeersupport.example',
    supportKinds: ['connected'],
    offers:
      'Peer support groups for people living with anxiety, depression or long-term pain, run by people who have been there.',
  },
  {
    key: 'vcse-green-lanes-community-centre',
    name: 'Green Lanes Turkish and Kurdish Community Centre',
    type: 'vcse',
    borough: 'Haringey',
    emailDomain: 'greenlanes-cc.example',
    supportKinds: ['connected', 'safe'],
    offers: "Women's group, older people's lunch club and advice sessions in Turkish and Kurdish.",
  },
  {
    key: 'vcse-seven-sisters-sport',
    name: 'Seven Sisters Community Sport',
    type: 'vcse',
    borough: 'Haringey',
    emailDomain: 'sevensisters-sport.example',
    supportKinds: ['active'],
    offers: 'Walking football, table tennis and women-only swimming sessions at low or no cost.',
  },
  {
    key: 'advice-haringey-welfare-rights',
    name: 'Haringey Welfare Rights Service',
    type: 'advice_agency',
    borough: 'Haringey',
    emailDomain: 'haringey-welfarerights.example',
    supportKinds: ['safe'],
    offers:
      'Welfare benefits advice: Universal Credit, PIP and Attendance Allowance claims, mandatory reconsiderations and tribunal appeals.',
  },

  // VCSE and advice organisations: Waltham Forest.
  {
    key: 'vcse-village-voices',
    name: 'Walthamstow Village Voices',
    type: 'vcse',
    borough: 'Waltham Forest',
    emailDomain: 'villagevoices.example',
    supportKinds: ['creative'],
    offers:
      'A community choir that needs no auditions, and a Singing for Lung Health group for people with COPD.',
  },
  {
    key: 'vcse-silver-threads',
    name: 'Silver Threads Befriending',
    type: 'vcse',
    borough: 'Waltham Forest',
    emailDomain: 'silverthreads.example',
    supportKinds: ['connected'],
    offers: 'Weekly telephone and home befriending for older people who live alone, by trained volunteers.',
  },
  {
    key: 'vcse-carers-hub',
    name: "Waltham Forest Carers' Hub",
    type: 'vcse',
    borough: 'Waltham Forest',
    emailDomain: 'wf-carershub.example',
    supportKinds: ['connected'],
    offers: "Carers' assessments support, a monthly carers' café and short breaks for unpaid carers.",
  },
  {
    key: 'vcse-lea-valley-walks',
    name: 'Lea Valley Health Walks',
    type: 'vcse',
    borough: 'Waltham Forest',
    emailDomain: 'leavalleywalks.example',
    supportKinds: ['active'],
    offers: 'Free led walks of 30 to 90 minutes along the Lea and in Epping Forest, at an easy pace.',
  },
  {
    key: 'vcse-forest-strength-balance',
    name: 'Forest Strength and Balance',
    type: 'vcse',
    borough: 'Waltham Forest',
    emailDomain: 'forestbalance.example',
    supportKinds: ['active', 'safe'],
    offers:
      'Falls prevention: 24-week strength and balance classes and home exercise for people who have fallen.',
  },
  {
    key: 'vcse-safe-haven',
    name: 'Safe Haven East London',
    type: 'vcse',
    borough: 'Waltham Forest',
    emailDomain: 'safehaven-el.example',
    supportKinds: ['safe'],
    offers:
      'Domestic abuse support: independent advocates, safety planning, refuge referrals and survivor groups.',
  },
  {
    key: 'advice-northside-housing',
    name: 'Northside Housing Advice',
    type: 'advice_agency',
    borough: 'Waltham Forest',
    emailDomain: 'northside-housing.example',
    supportKinds: ['safe'],
    offers:
      'Housing advice: homelessness prevention, possession claims, disrepair and help with rent arrears.',
  },

  // VCSE and advice organisations: Tower Hamlets. The healthy living centre hosts a programme.
  {
    key: 'vcse-poplar-hlc',
    name: 'Poplar Healthy Living Centre',
    type: 'vcse',
    borough: 'Tower Hamlets',
    emailDomain: 'poplar-hlc.example',
    supportKinds: ['creative', 'active', 'connected'],
    offers:
      'A GP surgery, café, gardens and classes under one roof: exercise, cooking, arts and English conversation.',
  },
  {
    key: 'vcse-chrisp-street-growing',
    name: 'Chrisp Street Growing Project',
    type: 'vcse',
    borough: 'Tower Hamlets',
    emailDomain: 'chrispstreet-growing.example',
    supportKinds: ['creative', 'active'],
    offers: 'Community food growing on estate plots: weekly gardening sessions and a harvest kitchen.',
  },
  {
    key: 'vcse-stepney-faith-forum',
    name: 'Stepney Faith and Community Forum',
    type: 'vcse',
    borough: 'Tower Hamlets',
    emailDomain: 'stepneyfaithforum.example',
    supportKinds: ['connected'],
    offers:
      'Lunch clubs, coffee mornings and visiting schemes run by local mosques, churches and the synagogue together.',
  },
  {
    key: 'vcse-shapla-circle',
    name: "Shapla Women's Wellbeing Circle",
    type: 'vcse',
    borough: 'Tower Hamlets',
    emailDomain: 'shaplacircle.example',
    supportKinds: ['connected'],
    offers: 'Peer support and English conversation for Bengali and Somali women, with a crèche.',
  },
  {
    key: 'vcse-east-end-pathways',
    name: 'East End Pathways to Work',
    type: 'vcse',
    borough: 'Tower Hamlets',
    emailDomain: 'eastendpathways.example',
    supportKinds: ['active'],
    offers:
      'Employment support for people with health conditions: one-to-one coaching, CVs, volunteering placements.',
  },
  {
    key: 'advice-eastway-debt',
    name: 'Eastway Debt Advice',
    type: 'advice_agency',
    borough: 'Tower Hamlets',
    emailDomain: 'eastway-debt.example',
    supportKinds: ['safe'],
    offers: 'Free debt advice: priority debts, breathing space, debt relief orders and energy arrears.',
  },
  {
    key: 'advice-poplar-money',
    name: 'Poplar Money and Benefits Advice',
    type: 'advice_agency',
    borough: 'Tower Hamlets',
    emailDomain: 'poplar-moneyadvice.example',
    supportKinds: ['safe'],
    offers:
      'Benefits checks, claims and appeals with Bengali- and Somali-speaking advisers; Healthy Start and council tax support.',
  },
] as const satisfies readonly DemoOrganisation[];

export type OrganisationKey = (typeof demoOrganisations)[number]['key'];
