// The words in the demo referral history: what referrers wrote, what people said mattered to them,
// goals, contact notes and the outcome summaries link workers write for the referrer. Invented, and
// written the way these things are written in practice: short, plain, no clinical detail beyond
// what a referral form carries.
import type { NeedDomain } from '../../referrals/needs';
import type { ClosureReason, RejectionReason } from '../../referrals/referral-state';

/** What the referrer wrote, by the referral's main need. */
export const reasonTexts: Partial<Record<NeedDomain, readonly string[]>> = {
  loneliness: [
    'Lives alone since her husband died last year; tells me she can go a week without speaking to anyone.',
    'Socially isolated, rarely leaves the flat. Frequent attender with no clear medical cause.',
    'Recently moved to the area to be near family but knows nobody locally. Low mood.',
    'Widower, lost confidence going out after a fall. Would like company.',
  ],
  mental_wellbeing: [
    'Low mood and anxiety, on the waiting list for talking therapies. Would benefit from something to do in the meantime.',
    'Stress after redundancy; struggling to sleep. Keen on activities rather than medication.',
    'Post-natal low mood, baby now 10 months. Wants to meet other parents.',
  ],
  physical_activity: [
    'Type 2 diabetes, BMI 34. Motivated to be more active but does not know where to start.',
    'Knee pain, deconditioned after long spell off work. Would like a gentle exercise group.',
    'COPD, completed pulmonary rehab and wants to keep going.',
  ],
  money_debt: [
    'Rent arrears and council tax debt; very anxious about letters. Needs debt advice.',
    'Behind on energy bills, using a prepayment meter and self-disconnecting.',
  ],
  benefits: [
    'PIP claim refused; needs help to ask for a reconsideration.',
    'Has not claimed Attendance Allowance despite high care needs. Please help with a claim.',
    'Universal Credit sanction, no income for three weeks. Food bank voucher given today.',
  ],
  housing: [
    'Damp and mould in the flat, landlord not responding. Child with asthma.',
    'Section 21 notice received, worried about becoming homeless.',
  ],
  carer: [
    'Cares for her husband with dementia full time; exhausted and has had no break in months.',
    'Young adult carer for his mum; has dropped out of college.',
  ],
  bereavement: [
    'Son died six months ago. Grieving, not sleeping, asked about bereavement support.',
    'Wife died in the spring; not coping with the house or the paperwork.',
  ],
  long_term_condition: [
    'Fibromyalgia, finding it hard to manage day to day. Would like peer support.',
    'Heart failure, recently discharged. Needs support to stay independent at home.',
  ],
  food: ['Skipping meals to feed the children. Would welcome help with food and cooking on a budget.'],
  falls: ['Two falls this year, frightened to go out. Would benefit from strength and balance classes.'],
  employment: ['Out of work for two years after illness, wants to get back to work or volunteering.'],
  learning: ['Wants to improve her English to talk to her GP and her grandchildren’s school.'],
  domestic_abuse: [
    'Disclosed controlling behaviour by partner. Consents to referral; safe to call on mobile.',
  ],
  immigration: ['Worried about immigration status affecting her benefits; needs specialist advice.'],
  legal: ['Dispute with employer over unpaid wages; does not know his rights.'],
};

/** "What matters to me", in the person's own words, by main need. */
export const whatMattersQuotes: Partial<Record<NeedDomain, readonly string[]>> = {
  loneliness: [
    'I just want someone to talk to. The weekends are the worst, nobody knocks.',
    'Getting out of the flat and seeing people again, like I used to at the club.',
    'I miss having a reason to get dressed in the morning.',
  ],
  mental_wellbeing: [
    'Feeling like myself again. I used to be the one organising everything.',
    'Sleeping properly and not worrying all the time.',
    'Doing something with my hands. When I’m busy my head is quieter.',
  ],
  physical_activity: [
    'I want to walk to the market without stopping. And keep up with my grandson.',
    'Getting fitter so I can come off some of these tablets.',
  ],
  money_debt: [
    'Stop the letters. I can’t open the post any more.',
    'Knowing I can pay the bills without choosing between heating and eating.',
  ],
  benefits: [
    'Getting the money I’m entitled to so I can pay someone to help me with the cleaning.',
    'Sorting out my Universal Credit. Everything else can wait until that’s fixed.',
  ],
  housing: ['A home where my kids aren’t coughing all winter.', 'Knowing I won’t lose my flat.'],
  carer: [
    'A few hours to myself each week. And knowing he’s safe when I’m out.',
    'Talking to other people who understand what it’s like.',
  ],
  bereavement: [
    'Talking about her without people changing the subject.',
    'Learning to do the things he always did. The forms, the garden.',
  ],
  long_term_condition: [
    'Managing my pain so I can still go to church on Sunday.',
    'Staying in my own home as long as I can.',
  ],
  food: ['The children eating properly. I can manage, I just need some help till the money’s sorted.'],
  falls: ['Not being frightened every time I go down the stairs.'],
  employment: ['Having a job again. I want my daughter to see me going to work.'],
  learning: ['Speaking English well enough to go to the doctor on my own.'],
  domestic_abuse: ['Feeling safe at home.'],
  immigration: ['Knowing where I stand so I can stop worrying.'],
  legal: ['Getting paid what I’m owed.'],
};

/** Goals the person and the link worker agreed, by need. */
export const goalTexts: Partial<Record<NeedDomain, readonly string[]>> = {
  loneliness: ['Go to a group once a week', 'Have a weekly phone call with a befriender'],
  mental_wellbeing: ['Try a peer support group', 'Join a creative activity'],
  physical_activity: ['Walk for 20 minutes three times a week', 'Try a gentle exercise class'],
  money_debt: ['See a debt adviser and make a plan for the arrears'],
  benefits: ['Get a benefits check', 'Submit the claim with an adviser’s help'],
  housing: ['Get advice on the repairs and the landlord'],
  carer: ['Get a carer’s assessment', 'Find a carers group'],
  bereavement: ['Start bereavement support'],
  long_term_condition: ['Join a peer group for people with the same condition'],
  food: ['Register with the community pantry'],
  falls: ['Complete a strength and balance course'],
  employment: ['Meet an employment coach', 'Start volunteering one day a week'],
  learning: ['Enrol on an ESOL class'],
  domestic_abuse: ['Speak to an independent domestic violence adviser'],
  immigration: ['Get specialist immigration advice'],
  legal: ['Get advice on the employment dispute'],
};

export const reachedNotes = [
  'Good conversation; agreed to meet and talk about what matters.',
  'Spoke at length, keen to get started.',
  'Spoke with the person and their daughter (with consent).',
  'Talked through options; will send details by post.',
  'Checked in; going well so far.',
  'Call via interpreter line. Agreed next steps.',
] as const;

export const failedNotes: Record<'no_answer' | 'left_message' | 'did_not_attend', readonly string[]> = {
  no_answer: ['No answer.', 'Rang twice, no answer, no voicemail.', 'Number rang out.'],
  left_message: ['Left a voicemail with our number.', 'Left message with her son.'],
  did_not_attend: ['Did not come to the appointment at the surgery.', 'Not at home for the visit.'],
};

export const followUpNotes = [
  'Eight-week follow-up call: attending the group and enjoying it.',
  'Follow-up: benefits claim submitted, waiting for decision. Feeling calmer.',
  'Follow-up: has not started yet, will chase the service.',
  'Follow-up call: mood better, going out more.',
] as const;

export const holdNotes = [
  'Admitted to hospital; on hold until discharge.',
  'Away visiting family abroad for a month.',
  'Asked for a pause while caring for her sister after surgery.',
] as const;

export const rejectionNotes: Record<RejectionReason, string> = {
  not_appropriate: 'Needs are clinical; discussed with the referring GP.',
  ineligible: 'Under the programme’s age range; signposted to the young people’s service.',
  out_of_area: 'Moving out of the borough next month; passed to the new area’s service.',
  duplicate: 'Already open to a link worker; added the new information to that referral.',
  needs_clinical_care: 'Acute mental health concerns; asked the GP to refer to the crisis team.',
  person_declined: 'Rang the person, who did not want the referral.',
};

export const cancelNotes = [
  'Referred in error; wrong patient selected.',
  'Person has found support elsewhere.',
  'Person asked us to withdraw the referral.',
] as const;

export const outcomeSummaries: Record<ClosureReason, readonly string[]> = {
  goals_met: [
    'Met her goals: going to a weekly group and feels much less alone.',
    'Goals met. Benefits now in payment and attending an exercise class.',
  ],
  connected_to_services: [
    'Connected to local services and settled in; no further link worker support needed.',
    'Now attending a befriending service and an advice appointment is booked.',
  ],
  disengaged: ['Stopped responding after the plan was made; can be re-referred at any time.'],
  unable_to_contact: ['We tried three times by phone and by letter without reaching the person.'],
  moved_away: ['Moved out of the area; details of the local service given.'],
  declined_further_support: ['Decided they did not want further support for now.'],
  escalated_to_clinical_care: ['Needs clinical support first; passed back to the GP.'],
  deceased: ['Sadly died. Our condolences to the family.'],
};

export const providerNotes = {
  accepted: ['Welcome session booked.', 'We will call to arrange a start date.'],
  waitlisted: ['Next course starts soon; added to the waiting list.', 'Waiting list about six weeks.'],
  declined: ['Sorry, we cannot take this referral.', 'Not able to help on this occasion.'],
  withdrawn: ['No reply from the service; trying another.', 'Person no longer wants this service.'],
} as const;
