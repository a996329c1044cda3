// Writing a new referral: the row (with a unique short reference), its first event, the audit row
// and the coordinators' notification, all in the caller's transaction. Shared by staff referrals
// and self-referrals, so both leave exactly the same trail.
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import type { Executor, Transaction } from '../../db/client';
import { referrals, users } from '../../db/schema';
import { queueNotifications } from '../../notify/outbox';
import { recordReferralEvent, type ReferralRow } from '../store';
import type { PersonOutcome } from './find-or-create-person';
import { referralArrivedMessage, sourceTypeLabels } from './messages';
import { referredPersonFromRecord } from './referred-person';
import { generateReference } from './reference';
import type { RoutingBasis } from './routing';

export type NewReferralFields = Omit<
  typeof referrals.$inferInsert,
  | 'id'
  | 'programmeId'
  | 'personId'
  | 'reference'
  | 'status'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'referredPerson'
>;

/**
 * Inserts the referral under a fresh reference, trying another if one is taken. ON CONFLICT DO
 * NOTHING rather than a savepoint per attempt: one round trip in the common case (creates are the
 * hot path of intake, the referral.create.per_s bench figure).
 */
async function insertWithReference(
  tx: Transaction,
  values: Omit<typeof referrals.$inferInsert, 'reference'>,
  makeReference: () => string,
): Promise<ReferralRow> {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const [row] = await tx
      .insert(referrals)
      .values({ ...values, reference: makeReference() })
      .onConflictDoNothing({ target: referrals.reference })
      .returning();
    if (row) return row;
  }
  throw new Error('Five new referral references in a row were already taken.');
}

async function notifyCoordinators(
  tx: Executor,
  referral: ReferralRow,
  programmeName: string,
  publicUrl: string,
): Promise<void> {
  const coordinators = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.programmeId, referral.programmeId),
        eq(users.role, 'coordinator'),
        isNull(users.disabledAt),
      ),
    );
  await queueNotifications(
    tx,
    coordinators.map((coordinator) => ({
      channel: 'email' as const,
      recipient: coordinator.email,
      programmeId: referral.programmeId,
      ...referralArrivedMessage({
        recipientName: coordinator.name,
        programmeName,
        reference: referral.reference,
        isUrgent: referral.urgency === 'urgent',
        sourceLabel: sourceTypeLabels[referral.sourceType] ?? 'another source',
        viewUrl: `${publicUrl.replace(/\/$/, '')}/casework/referrals/${referral.id}`,
      }),
    })),
  );
}

export async function createReferral(
  tx: Transaction,
  input: {
    actor: Actor;
    origin: RequestOrigin;
    /** The routed programme (routing.ts); its basis and explanation are stored so staff can see why it came to them. */
    programme: { id: string; name: string; basis: RoutingBasis; explanation?: string };
    person: PersonOutcome;
    fields: NewReferralFields;
    publicUrl: string;
    makeReference?: () => string;
  },
): Promise<ReferralRow> {
  const { actor, programme, person } = input;
  const now = new Date();
  const referral = await insertWithReference(
    tx,
    {
      ...input.fields,
      programmeId: programme.id,
      personId: person.person.id,
      routingBasis: programme.basis,
      routingExplanation: programme.explanation ?? null,
      // Staff referring a known person by id sent no details of their own: the record's identity.
      referredPerson: person.referred ?? referredPersonFromRecord(person.person),
      status: 'received',
      receivedAt: now,
    },
    input.makeReference ?? generateReference,
  );
  await recordReferralEvent(tx, actor, {
    programmeId: programme.id,
    referralId: referral.id,
    type: 'referral.received',
    toStatus: 'received',
    isVisibleToReferrer: true,
    details: { sourceType: referral.sourceType, urgency: referral.urgency, routedBy: programme.basis },
    occurredAt: now,
  });
  if (person.matchedOn) {
    // The link worker sees that the referral joined an existing record; the referrer does not.
    await recordReferralEvent(tx, actor, {
      programmeId: programme.id,
      referralId: referral.id,
      type: 'referral.duplicate_person_matched',
      isVisibleToReferrer: false,
      details: { personId: person.person.id, matchedOn: person.matchedOn },
      occurredAt: now,
    });
  }
  if (person.possibleDuplicates?.length) {
    // The link worker's duplicate review: a new record was made because the details disagreed with
    // (or only weakly matched) these people. Never shown to the referrer: it would tell them who
    // else is known here.
    await recordReferralEvent(tx, actor, {
      programmeId: programme.id,
      referralId: referral.id,
      type: 'referral.possible_duplicate_person',
      isVisibleToReferrer: false,
      details: { personId: person.person.id, possibleDuplicates: person.possibleDuplicates },
      occurredAt: now,
    });
  }
  await recordAudit(tx, {
    actor,
    origin: input.origin,
    action: 'referral.create',
    entityType: 'referral',
    entityId: referral.id,
    programmeId: programme.id,
    details: {
      reference: referral.reference,
      personId: person.person.id,
      isExistingPerson: person.isExisting,
      matchedOn: person.matchedOn,
      possibleDuplicates: person.possibleDuplicates?.map((d) => d.personId) ?? [],
      routedBy: programme.basis,
    },
  });
  await notifyCoordinators(tx, referral, programme.name, input.publicUrl);
  return referral;
}
