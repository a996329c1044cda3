// SNOMED CT (UK edition) concepts carried on coded referral events, so a GP system can file them.
// Identifiers and preferred terms only; source and use notes: assets/standards/snomed-social-prescribing.json
// (copied from the project's standards folder). SNOMED CT is licensed by SNOMED International; UK use
// is covered by the NHS England affiliate licence.
export type SnomedConcept = { code: string; display: string };

export const snomedSystem = 'http://snomed.info/sct';

export const snomed = {
  /** Person accepts the referral: recorded once, at the start of an episode (first interaction only). */
  referralAccepted: { code: '871731000000106', display: 'Referral to social prescribing service' },
  /** Person declines social prescribing. */
  declined: { code: '871711000000103', display: 'Social prescribing declined' },
  offered: { code: '871691000000100', display: 'Social prescribing offered' },
  signposted: { code: '1084281000000109', display: 'Signposting to social prescribing service' },
  /** Contact with the link worker during an episode. */
  seenByLinkWorker: { code: '1362931000000106', display: 'Seen by social prescribing link worker' },
  /** End of a social prescribing episode. */
  caseClosed: { code: '1362721000000106', display: 'Social prescribing case closed' },
  physicalActivityReferral: {
    code: '390893007',
    display: 'Referral to physical activity program (procedure)',
  },
} as const satisfies Record<string, SnomedConcept>;
