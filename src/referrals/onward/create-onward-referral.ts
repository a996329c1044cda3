// Making an onward referral ("social prescription"): the link worker on the case sends the person
// to one directory service. In the caller's transaction: checks (case in progress, service open and
// taking referrals, nobody re-sent to what they already tried), the row, the event on the parent
// referral, audit, the provider's email, and the case's follow-up call on its first onward referral.
import { addWeeks } from 'date-fns';
import { count, eq } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { onwardReferrals, services } from '../../db/schema';
import { AppError, invalidField } from '../../http/errors';
import { queueNotification } from '../../notify/outbox';
import { referralResource } from '../access';
import type { NeedDomain } from '../needs';
import { snomed } from '../snomed';
import { lockReferral, programmeSettingsOf, recordReferralEvent } from '../store';
import { scheduleTask } from '../tasks';
import { newOnwardReferralMessage, providerInboxUrl } from './messages';
import { previousOnwardReferrals, providerStaffOf, serviceKindsOf, type OnwardReferralRow } from './queries';
import { formatLongDate, replyDueAt } from './response-window';
import { conflictingOnwardReferrals } from './rules';

export type CreateOnwardReferral = {
  actor: Actor;
  origin: RequestOrigin;
  referralId: string;
  serviceId: string;
  needs: NeedDomain[];
  noteToProvider?: string | undefined;
  overrideReason?: string | undefined;
  publicUrl: string;
  now?: Date;
};

export async function createOnwardReferral(
  tx: Executor,
  input: CreateOnwardReferral,
): Promise<OnwardReferralRow> {
  const { actor } = input;
  const now = input.now ?? new Date();
  const referral = await lockReferral(tx, input.referralId);
  // Reading the case first: outside the programme (or a provider) gets 404, not a hint it exists.
  authorise(actor, 'read', referralResource(referral));

  const [service] = await tx
    .select({
      id: services.id,
      name: services.name,
      organisationId: services.organisationId,
      status: services.status,
      isAcceptingReferrals: services.isAcceptingReferrals,
      acceptsWaitingList: services.acceptsWaitingList,
    })
    .from(services)
    .where(eq(services.id, input.serviceId));
  if (!service) throw invalidField('serviceId', 'There is no such service in the directory.');
  authorise(actor, 'create', {
    kind: 'onward_referral',
    programmeId: referral.programmeId,
    providerOrganisationId: service.organisationId,
    assignedLinkWorkerId: referral.assignedLinkWorkerId,
  });
  if (referral.status !== 'in_progress') {
    throw new AppError(
      'invalid_transition',
      `Onward referrals are made while the referral is in progress; it is ${referral.status.replace('_', ' ')}.`,
      { extra: { currentStatus: referral.status } },
    );
  }
  if (service.status !== 'active')
    throw invalidField(
      'serviceId',
      `${service.name} is not running (${service.status}). Choose another service.`,
    );
  if (!service.isAcceptingReferrals && !service.acceptsWaitingList) {
    throw new AppError(
      'conflict',
      `${service.name} is not taking referrals and has no waiting list. Choose another service, or record an unmet need.`,
      {
        extra: {
          suggestion: 'record_unmet_need',
          unmetNeedsUrl: `/api/referrals/${referral.id}/unmet-needs`,
        },
      },
    );
  }

  const previous = conflictingOnwardReferrals(
    (await previousOnwardReferrals(tx, referral.personId, service.id)).map((row) => ({
      ...row,
      status: row.status,
    })),
  );
  if (previous.length > 0 && !input.overrideReason) {
    throw new AppError(
      'conflict',
      `The person has already been referred to ${service.name}. Check their history; to refer again, give an overrideReason.`,
      { extra: { previous } },
    );
  }

  const [{ earlier } = { earlier: 0 }] = await tx
    .select({ earlier: count() })
    .from(onwardReferrals)
    .where(eq(onwardReferrals.referralId, referral.id));
  const [onward] = await tx
    .insert(onwardReferrals)
    .values({
      programmeId: referral.programmeId,
      referralId: referral.id,
      personId: referral.personId,
      serviceId: service.id,
      providerOrganisationId: service.organisationId,
      needs: input.needs,
      noteToProvider: input.noteToProvider ?? '',
      sentAt: now,
      createdByUserId: actor.type === 'user' ? actor.userId : null,
    })
    .returning();

  const kinds = await serviceKindsOf(tx, service.id);
  await recordReferralEvent(tx, actor, {
    programmeId: referral.programmeId,
    referralId: referral.id,
    onwardReferralId: onward!.id,
    type: 'onward.sent',
    toStatus: 'sent',
    // Coded for the GP record where a concept fits: exercise referral for the "active" branch.
    snomed: kinds.codes.includes('active') ? snomed.physicalActivityReferral : undefined,
    isVisibleToReferrer: false,
    details: {
      serviceId: service.id,
      serviceName: service.name,
      needs: input.needs,
      ...(previous.length > 0
        ? { overrideReason: input.overrideReason, previous: previous.map((p) => p.id) }
        : {}),
    },
    occurredAt: now,
  });
  await recordAudit(tx, {
    actor,
    origin: input.origin,
    action: 'onward_referral.create',
    entityType: 'onward_referral',
    entityId: onward!.id,
    programmeId: referral.programmeId,
    details: { referralId: referral.id, serviceId: service.id, overridden: previous.length > 0 },
  });

  const settings = await programmeSettingsOf(tx, referral.programmeId);
  const replyBy = formatLongDate(replyDueAt(onward!.sentAt, settings));
  for (const staff of await providerStaffOf(tx, service.organisationId)) {
    await queueNotification(tx, {
      channel: 'email',
      recipient: staff.email,
      programmeId: referral.programmeId,
      ...newOnwardReferralMessage({
        recipientName: staff.name,
        serviceName: service.name,
        inboxUrl: providerInboxUrl(input.publicUrl, onward!.id),
        replyBy,
      }),
    });
  }

  if (earlier === 0) {
    await scheduleTask(tx, {
      programmeId: referral.programmeId,
      referralId: referral.id,
      kind: 'follow_up',
      dueAt: addWeeks(now, settings.followUpWeeks),
      assignedUserId: referral.assignedLinkWorkerId,
    });
  }
  return onward!;
}
