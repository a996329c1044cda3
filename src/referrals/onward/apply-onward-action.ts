// Writing onward-referral state: the one place a provider's answer, a start, a completion or a
// withdrawal lands. In the caller's transaction it checks the version, asks the pure state machine,
// updates the row, writes the event on the parent referral (provider notes visible to the link
// worker only), the audit row, and the consequences: a decline that shows a gap becomes an unmet
// need (and the link worker hears of it); the case's first start is the referrer's "connected".
import { and, eq, sql } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import type { Executor } from '../../db/client';
import { onwardReferrals, people, referralEvents, unmetNeeds } from '../../db/schema';
import { AppError } from '../../http/errors';
import { versionConflict } from '../../http/schemas';
import { queueNotification } from '../../notify/outbox';
import { declineReasonLabels } from '../labels';
import { needDomains } from '../needs';
import {
  onwardReferralTransitions,
  transitionOnwardReferral,
  type DeclineReason,
  type OnwardReferralAction,
} from '../onward-referral-state';
import { recordReferralEvent, sendFlowbackEvent, type ReferralRow } from '../store';
import { caseUrl, onwardReferralDeclinedMessage } from './messages';
import { areaOfPostcode, serviceKindsOf, serviceName, userContact, type OnwardReferralRow } from './queries';
import { onwardActorFor, unmetNeedReasonForDecline } from './rules';

export type ApplyOnwardAction = {
  /** Both locked by the caller: the parent referral first, then the onward referral. */
  referral: ReferralRow;
  onward: OnwardReferralRow;
  action: OnwardReferralAction;
  actor: Actor;
  origin: RequestOrigin;
  expectedVersion?: number | undefined;
  note?: string | undefined;
  publicUrl: string;
  now?: Date;
};

export async function applyOnwardAction(tx: Executor, input: ApplyOnwardAction): Promise<OnwardReferralRow> {
  const { onward, action, actor } = input;
  const now = input.now ?? new Date();
  if (input.expectedVersion !== undefined && input.expectedVersion !== onward.version)
    throw versionConflict('onward referral', onward.version);
  const side = onwardActorFor(actor);
  const status = onward.status;
  const outcome = side ? transitionOnwardReferral(status, action, side) : undefined;
  if (!side || !outcome) throw new AppError('forbidden', 'Only the provider or the link worker can do this.');
  if (!outcome.ok) {
    // The wrong side acting is a permission question (403); the right side at the wrong time is 409.
    const isWrongSide = !onwardReferralTransitions[action.type].by.includes(side);
    throw new AppError(isWrongSide ? 'forbidden' : 'invalid_transition', outcome.reason, {
      extra: { currentStatus: onward.status },
    });
  }

  const isProvider = side === 'provider';
  const [updated] = await tx
    .update(onwardReferrals)
    .set({
      status: outcome.to,
      declineReason: action.type === 'decline' ? action.reason : onward.declineReason,
      // The provider's own note; a link worker's reason stays on the event, out of the provider's view.
      statusNote: isProvider && input.note ? input.note : onward.statusNote,
      expectedStartOn: action.type === 'waitlist' ? (action.expectedStartOn ?? null) : onward.expectedStartOn,
      respondedAt:
        ['accept', 'waitlist', 'decline'].includes(action.type) && !onward.respondedAt
          ? now
          : onward.respondedAt,
      startedAt: action.type === 'start' ? now : onward.startedAt,
      endedAt: ['complete', 'drop_out', 'withdraw', 'decline', 'expire'].includes(action.type)
        ? now
        : onward.endedAt,
      updatedAt: now,
      version: sql`${onwardReferrals.version} + 1`,
    })
    .where(and(eq(onwardReferrals.id, onward.id), eq(onwardReferrals.version, onward.version)))
    .returning();
  if (!updated) throw versionConflict('onward referral', onward.version + 1);

  await recordReferralEvent(tx, actor, {
    programmeId: onward.programmeId,
    referralId: onward.referralId,
    onwardReferralId: onward.id,
    type: outcome.event,
    fromStatus: onward.status,
    toStatus: outcome.to,
    reason: action.type === 'decline' ? action.reason : null,
    note: input.note ?? null,
    isVisibleToReferrer: false,
    details: {
      serviceId: onward.serviceId,
      ...(action.type === 'waitlist' && action.expectedStartOn
        ? { expectedStartOn: action.expectedStartOn }
        : {}),
    },
    occurredAt: now,
  });
  await recordAudit(tx, {
    actor,
    origin: input.origin,
    action: `onward_referral.${action.type}`,
    entityType: 'onward_referral',
    entityId: onward.id,
    programmeId: onward.programmeId,
    details: { from: onward.status, to: outcome.to },
  });

  if (action.type === 'decline') await recordDeclineAsUnmetNeed(tx, input, action.reason);
  if (outcome.isConnected) await sendConnectedOnce(tx, input, now);
  return updated;
}

/** Declines feed the gap analysis (docs/DESIGN.md §3 rule 7): the need the service was meant to meet, and where. */
async function recordDeclineAsUnmetNeed(tx: Executor, input: ApplyOnwardAction, reason: DeclineReason) {
  const unmetReason = unmetNeedReasonForDecline(reason);
  const need = input.onward.needs[0];
  if (!unmetReason || !need) return;
  const [person] = await tx
    .select({ postcode: people.postcode })
    .from(people)
    .where(eq(people.id, input.onward.personId));
  const area = await areaOfPostcode(tx, person?.postcode ?? null);
  const name = await serviceName(tx, input.onward.serviceId);
  await tx.insert(unmetNeeds).values({
    programmeId: input.onward.programmeId,
    referralId: input.onward.referralId,
    onwardReferralId: input.onward.id,
    need,
    reason: unmetReason,
    detail: `${name} declined: ${declineReasonLabels[reason]}.`,
    ...area,
    recordedByUserId: input.actor.type === 'user' ? input.actor.userId : null,
  });
  const linkWorker = await userContact(tx, input.referral.assignedLinkWorkerId);
  if (linkWorker) {
    await queueNotification(tx, {
      channel: 'email',
      recipient: linkWorker.email,
      programmeId: input.onward.programmeId,
      ...onwardReferralDeclinedMessage({
        recipientName: linkWorker.name,
        reference: input.referral.reference,
        serviceName: name,
        reasonLabel: declineReasonLabels[reason],
        caseUrl: caseUrl(input.publicUrl, input.referral.id),
      }),
    });
  }
}

/** The referrer hears "connected" once per case, with the kinds of service, never the provider's notes. */
async function sendConnectedOnce(tx: Executor, input: ApplyOnwardAction, now: Date) {
  const [earlier] = await tx
    .select({ id: referralEvents.id })
    .from(referralEvents)
    .where(
      and(eq(referralEvents.referralId, input.referral.id), eq(referralEvents.type, 'referral.connected')),
    )
    .limit(1);
  if (earlier) return;
  const kinds = await serviceKindsOf(tx, input.onward.serviceId);
  const serviceKinds = kinds.names.length
    ? kinds.names
    : input.onward.needs.map((need) => needDomains[need]?.label ?? need);
  await sendFlowbackEvent(tx, {
    referral: input.referral,
    actor: input.actor,
    kind: 'connected',
    type: 'referral.connected',
    onwardReferralId: input.onward.id,
    facts: { serviceKinds },
    publicUrl: input.publicUrl,
    now,
  });
}
