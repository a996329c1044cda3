// Sending a shortlist: check who may send it and to whom, load the services, compose the message,
// queue it in the outbox and write the audit row, all with the caller's transaction, so a refused
// or failed request leaves neither a message nor an audit row behind.
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { people, services } from '../../db/schema';
import type { Actor, RequestOrigin, UserActor } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { authoriseStaff, type StaffActor } from '../../access/authorise-as';
import { authorise } from '../../access/policy';
import { invalidField, notFound } from '../../http/errors';
import { queueNotification } from '../../notify/outbox';
import { defaultStaleAfterDays } from '../curation/flag-stale-services';
import { getServiceDetail } from '../search/get-service-detail';
import { composeShortlistMessage } from './message';
import { maskRecipient, normaliseUkMobile } from './recipient';
import type { SendShortlistBody, SendShortlistResponse } from './schemas';

/** Freshness does not show in the message, so the default period is as good as any. */
const staleAfterDays = defaultStaleAfterDays;

/** Sending is programme work: link workers and coordinators, for their own programme. */
function senderOf(actor: Actor): StaffActor {
  return authoriseStaff(actor, 'create', { kind: 'shortlist' });
}

type Recipient = {
  address: string;
  firstName?: string | undefined;
  audit: { entityType: string; entityId: string | null; basis: string | null };
};

async function personRecipient(
  db: Executor,
  actor: UserActor,
  body: SendShortlistBody & { personId: string },
): Promise<Recipient> {
  const [person] = await db
    .select({
      id: people.id,
      programmeId: people.programmeId,
      assignedLinkWorkerId: people.assignedLinkWorkerId,
      givenName: people.givenName,
      email: people.email,
      phone: people.phone,
    })
    .from(people)
    .where(eq(people.id, body.personId));
  // Missing and another programme's person answer alike (404), so existence is not leaked.
  if (!person) throw notFound('The person');
  const basis = authorise(
    actor,
    'read',
    {
      kind: 'person',
      id: person.id,
      programmeId: person.programmeId,
      assignedLinkWorkerId: person.assignedLinkWorkerId,
    },
    { accessReason: body.reason },
  );
  const address =
    body.channel === 'email' ? person.email?.trim() || undefined : normaliseUkMobile(person.phone ?? '');
  if (!address) {
    throw invalidField(
      'personId',
      body.channel === 'email'
        ? 'This person has no email address on their record. Add one to their record, or type an address.'
        : 'This person has no mobile number on their record. Add one to their record, or type a number.',
    );
  }
  return {
    address,
    firstName: person.givenName,
    audit: { entityType: 'person', entityId: person.id, basis },
  };
}

function typedRecipient(body: SendShortlistBody): Recipient {
  const typed = body.recipient!.trim();
  // The schema has already checked the format for the channel.
  const address = body.channel === 'email' ? typed : normaliseUkMobile(typed)!;
  return { address, audit: { entityType: 'notification', entityId: null, basis: null } };
}

/**
 * Every id must name an active service; the first that does not is reported by its position in
 * the request. The same service twice is sent once.
 */
async function loadActiveServices(db: Executor, requestedIds: string[]) {
  const rows = await db
    .select({ id: services.id, status: services.status })
    .from(services)
    .where(inArray(services.id, requestedIds));
  const statusById = new Map(rows.map((row) => [row.id, row.status]));
  requestedIds.forEach((id, index) => {
    const status = statusById.get(id);
    if (status === undefined) throw invalidField(`serviceIds.${index}`, 'There is no service with this id.');
    if (status !== 'active')
      throw invalidField(`serviceIds.${index}`, 'This service is no longer running, so it cannot be sent.');
  });
  const now = new Date();
  const details = [];
  for (const serviceId of new Set(requestedIds)) {
    details.push(await getServiceDetail({ db, serviceId, now, staleAfterDays }));
  }
  return details;
}

export async function sendShortlist(options: {
  db: Executor;
  actor: Actor;
  origin: RequestOrigin;
  body: SendShortlistBody;
  publicUrl: string;
}): Promise<SendShortlistResponse> {
  const { db, body } = options;
  const actor = senderOf(options.actor);
  const recipient =
    body.personId !== undefined
      ? await personRecipient(db, actor, { ...body, personId: body.personId })
      : typedRecipient(body);
  const shortlisted = await loadActiveServices(db, body.serviceIds);
  const serviceIds = shortlisted.map((service) => service.id);
  const message = composeShortlistMessage({
    channel: body.channel,
    services: shortlisted,
    publicUrl: options.publicUrl,
    firstName: recipient.firstName,
    note: body.note,
  });
  const notificationId = await queueNotification(db, {
    channel: body.channel,
    recipient: recipient.address,
    programmeId: actor.programmeId,
    personalisation: { serviceIds },
    ...message,
  });
  const masked = maskRecipient(body.channel, recipient.address);
  await recordAudit(db, {
    actor,
    origin: options.origin,
    action: 'directory.shortlist_sent',
    entityType: recipient.audit.entityType,
    entityId: recipient.audit.entityId ?? notificationId,
    programmeId: actor.programmeId,
    details: {
      serviceIds,
      channel: body.channel,
      notificationId,
      recipient: masked,
      ...(recipient.audit.basis ? { basis: recipient.audit.basis } : {}),
    },
  });
  return { notificationId, channel: body.channel, recipient: masked, serviceCount: serviceIds.length };
}
