// Referring a person in, as one domain operation: route to a programme, authorise, find or create
// the person and write the referral with its event, audit row and notifications, in the caller's
// transaction. The REST endpoint (routes.ts) and FHIR ServiceRequest (src/adapters/fhir) both call
// it, so a referral from a GP system follows exactly the rules of one from the web form.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { authorise } from '../../access/policy';
import type { Executor, Transaction } from '../../db/client';
import { people, referrals } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { openReferralStatuses } from '../referral-state';
import type { ReferralRow } from '../store';
import { createReferral } from './create-referral';
import { findOrCreatePerson, type PersonOutcome } from './find-or-create-person';
import { chooseSourceType, referrerContact, type Referrer } from './referrer-context';
import { routeReferral, type RoutedProgramme } from './routing';
import type { CreateReferralBody } from './schemas';

const noProgrammeForReferrer = (place: string) =>
  `No social prescribing programme in Linkwell covers ${place} or your organisation. ` +
  'Contact your local social prescribing service directly.';

/** Programme staff referring someone already in the programme: authorised as a read of the person. */
async function existingPerson(
  tx: Executor,
  actor: Actor,
  origin: RequestOrigin,
  personId: string,
  accessReason: string | undefined,
): Promise<PersonOutcome> {
  const [row] = await tx.select().from(people).where(eq(people.id, personId));
  if (!row) throw notFound('The person');
  const basis = authorise(
    actor,
    'read',
    {
      kind: 'person',
      id: row.id,
      programmeId: row.programmeId,
      assignedLinkWorkerId: row.assignedLinkWorkerId,
    },
    { accessReason },
  );
  await recordAudit(tx, {
    actor,
    origin,
    action: 'person.read',
    entityType: 'person',
    entityId: row.id,
    programmeId: row.programmeId,
    details: { basis, via: 'referral' },
  });
  return { person: row, isExisting: true, matchedOn: null };
}

async function otherOpenReferrals(tx: Executor, personId: string, excludeId: string) {
  return tx
    .select({ reference: referrals.reference, status: referrals.status })
    .from(referrals)
    .where(
      and(
        eq(referrals.personId, personId),
        ne(referrals.id, excludeId),
        inArray(referrals.status, [...openReferralStatuses]),
      ),
    )
    .orderBy(referrals.receivedAt);
}

function consentFields(body: CreateReferralBody, recordedByDefault: string) {
  return {
    consentToReferral: true,
    consentToShare: body.consent.toShare,
    sharedFields: body.consent.toShare ? body.consent.sharedFields : [],
    consentMethod: body.consent.method,
    consentRecordedBy: body.consent.recordedBy ?? recordedByDefault,
    consentRecordedAt: new Date(),
  };
}

/** Checks that need no database: who may refer whom, the source type and the referrer's contact. */
export function prepareReferral(referrer: Referrer, body: CreateReferralBody) {
  if (body.personId && !referrer.isProgrammeStaff)
    throw new AppError(
      'forbidden',
      'Only programme staff can refer a person already in the programme by id.',
    );
  return {
    sourceType: chooseSourceType(referrer, body.sourceType),
    contact: referrerContact(referrer, body.referrer),
  };
}

export type ReferInResult = {
  referral: ReferralRow;
  programme: RoutedProgramme;
  person: PersonOutcome;
  openReferrals: { reference: string; status: string }[];
};

export async function referIn(
  tx: Transaction,
  input: {
    actor: Actor;
    origin: RequestOrigin;
    referrer: Referrer;
    body: CreateReferralBody;
    publicUrl: string;
    /** The sender's own identifier (FHIR ServiceRequest.identifier): unique per referring organisation. */
    external?: { system: string | null; value: string };
  },
): Promise<ReferInResult> {
  const { actor, origin, referrer, body } = input;
  const { sourceType, contact } = prepareReferral(referrer, body);
  const programme = await routeReferral(tx, {
    staffProgrammeId: referrer.staffProgrammeId,
    organisationId: referrer.organisationId,
    postcode: body.person?.postcode,
    postcodeField: 'person.postcode',
    noProgrammeMessage: noProgrammeForReferrer,
  });
  authorise(actor, 'create', {
    kind: 'referral',
    programmeId: programme.id,
    assignedLinkWorkerId: null,
    referringOrganisationId: referrer.organisationId,
  });
  const person = body.personId
    ? await existingPerson(tx, actor, origin, body.personId, body.accessReason)
    : await findOrCreatePerson(tx, { programmeId: programme.id, person: body.person!, actor, origin });
  const referral = await createReferral(tx, {
    actor,
    origin,
    programme,
    person,
    publicUrl: input.publicUrl,
    fields: {
      sourceType,
      referringOrganisationId: referrer.organisationId,
      referrerUserId: actor.type === 'user' ? actor.userId : null,
      referrerName: contact.name,
      referrerEmail: contact.email,
      referrerPhone: contact.phone,
      referrerNotifyBy: contact.notifyBy,
      needs: body.needs,
      reasonText: body.reasonText,
      urgency: body.urgency,
      contactPreferences: body.contactPreferences,
      externalIdentifier: input.external?.value ?? null,
      externalIdentifierSystem: input.external?.system ?? null,
      ...consentFields(body, referrer.defaultName),
    },
  });
  const openReferrals =
    referrer.isProgrammeStaff && person.isExisting
      ? await otherOpenReferrals(tx, person.person.id, referral.id)
      : [];
  return { referral, programme, person, openReferrals };
}
