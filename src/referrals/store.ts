// Writing referral state: every transition goes through applyReferralAction, which locks the row,
// checks the version, asks the pure state machine, updates the row, writes the event (with its
// SNOMED CT concept), queues the referrer's flowback message and writes the audit row, all in the
// caller's transaction. Routes, FHIR and background jobs share it, so the rules live in one place.
import { and, eq, sql } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../access/actor';
import { recordAudit } from '../access/audit';
import type { Executor } from '../db/client';
import { programmes, referralEvents, referrals } from '../db/schema';
import { AppError, notFound } from '../http/errors';
import { versionConflict } from '../http/schemas';
import { readProgrammeSettings } from '../programmes/settings';
import { publishReferralEvent } from './event-subscribers';
import { queueReferrerMessage, type FlowbackFacts, type FlowbackKind } from './flowback';
import { transitionReferral, type ReferralAction } from './referral-state';
import type { SnomedConcept } from './snomed';

export type ReferralRow = typeof referrals.$inferSelect;
export type NewReferralEvent = Omit<typeof referralEvents.$inferInsert, 'id' | 'actorLabel' | 'actorUserId'>;

/** Who did it, as the timeline shows it. */
export function actorLabel(actor: Actor): { actorUserId: string | null; actorLabel: string } {
  switch (actor.type) {
    case 'user':
      return { actorUserId: actor.userId, actorLabel: actor.name };
    case 'api_client':
      return { actorUserId: null, actorLabel: `${actor.name} (system)` };
    case 'anonymous':
      return { actorUserId: null, actorLabel: 'The person (self-referral)' };
    case 'system':
      return { actorUserId: null, actorLabel: 'Linkwell' };
  }
}

export async function recordReferralEvent(
  tx: Executor,
  actor: Actor,
  event: NewReferralEvent & { snomed?: SnomedConcept | undefined },
): Promise<number> {
  const { snomed, ...row } = event;
  const snomedCode = snomed?.code ?? row.snomedCode ?? null;
  const [inserted] = await tx
    .insert(referralEvents)
    .values({
      ...row,
      ...actorLabel(actor),
      snomedCode,
      snomedDisplay: snomed?.display ?? row.snomedDisplay ?? null,
    })
    .returning({ id: referralEvents.id, occurredAt: referralEvents.occurredAt });
  // Connected systems hear about it in the same transaction (outbox rows, sent after commit): the
  // referrer's FHIR Task and Subscriptions, and the provider's webhooks for onward referrals. They
  // subscribe at start-up (event-subscribers.ts), so this module imports no adapter.
  await publishReferralEvent(tx, {
    id: inserted!.id,
    programmeId: row.programmeId,
    referralId: row.referralId,
    onwardReferralId: row.onwardReferralId ?? null,
    type: row.type,
    occurredAt: inserted!.occurredAt,
    fromStatus: row.fromStatus ?? null,
    toStatus: row.toStatus ?? null,
    snomedCode,
    isVisibleToReferrer: row.isVisibleToReferrer ?? false,
  });
  return inserted!.id;
}

/** Locks the referral for the rest of the transaction; 404 when missing. */
export async function lockReferral(tx: Executor, id: string): Promise<ReferralRow> {
  const [row] = await tx.select().from(referrals).where(eq(referrals.id, id)).for('update');
  if (!row) throw notFound('The referral');
  return row;
}

export async function programmeSettingsOf(tx: Executor, programmeId: string) {
  const [row] = await tx
    .select({ settings: programmes.settings })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  return readProgrammeSettings(row?.settings);
}

export type ApplyReferralAction = {
  referral: ReferralRow;
  action: ReferralAction;
  actor: Actor;
  origin: RequestOrigin;
  /** The version the change was based on; a stale one is refused with 409. */
  expectedVersion?: number | undefined;
  note?: string | undefined;
  outcomeSummary?: string | undefined;
  /** Extra columns set with the transition (e.g. assignedLinkWorkerId on accept). */
  changes?: Partial<Pick<ReferralRow, 'assignedLinkWorkerId' | 'statusNote'>>;
  details?: Record<string, unknown>;
  publicUrl: string;
  now?: Date;
};

/**
 * Applies one state-machine action to a referral already locked with lockReferral. Returns the
 * updated row. Throws 409 (version_conflict or invalid_transition) without writing anything.
 */
export async function applyReferralAction(tx: Executor, input: ApplyReferralAction): Promise<ReferralRow> {
  const { referral, action, actor } = input;
  const now = input.now ?? new Date();
  if (input.expectedVersion !== undefined && input.expectedVersion !== referral.version)
    throw versionConflict('referral', referral.version);
  const settings = await programmeSettingsOf(tx, referral.programmeId);
  const outcome = transitionReferral(
    {
      status: referral.status,
      failedContactAttempts: referral.failedContactAttempts,
      hasFirstContact: referral.firstContactAt !== null,
    },
    action,
    { maxFailedContactAttempts: settings.maxFailedContactAttempts },
  );
  if (!outcome.ok)
    throw new AppError('invalid_transition', outcome.reason, { extra: { currentStatus: referral.status } });

  const rejectionReason = action.type === 'reject' ? action.reason : referral.rejectionReason;
  const closureReason = action.type === 'close' ? action.reason : referral.closureReason;
  const [updated] = await tx
    .update(referrals)
    .set({
      ...input.changes,
      status: outcome.to,
      failedContactAttempts: outcome.failedContactAttempts,
      rejectionReason,
      closureReason,
      outcomeSummary: action.type === 'close' ? (input.outcomeSummary ?? null) : referral.outcomeSummary,
      acceptedAt: action.type === 'accept' ? now : referral.acceptedAt,
      firstContactAt: outcome.isFirstContact ? now : referral.firstContactAt,
      closedAt:
        outcome.to === 'completed' || outcome.to === 'rejected' || outcome.to === 'cancelled' ? now : null,
      updatedAt: now,
      version: sql`${referrals.version} + 1`,
    })
    .where(and(eq(referrals.id, referral.id), eq(referrals.version, referral.version)))
    .returning();
  if (!updated) throw versionConflict('referral', referral.version + 1);

  await recordReferralEvent(tx, actor, {
    programmeId: referral.programmeId,
    referralId: referral.id,
    type: outcome.event,
    fromStatus: referral.status,
    toStatus: outcome.to,
    reason: action.type === 'reject' || action.type === 'close' ? action.reason : null,
    note: input.note ?? null,
    snomed: outcome.snomed,
    isVisibleToReferrer: outcome.flowback !== undefined,
    details: input.details ?? {},
    occurredAt: now,
  });
  await recordAudit(tx, {
    actor,
    origin: input.origin,
    action: `referral.${action.type}`,
    entityType: 'referral',
    entityId: referral.id,
    programmeId: referral.programmeId,
    details: { from: referral.status, to: outcome.to },
  });
  if (outcome.flowback) {
    await queueReferrerMessage(
      tx,
      updated,
      {
        kind: outcome.flowback.kind,
        rejectionReason: rejectionReason,
        closureReason: closureReason,
        outcomeSummary: updated.outcomeSummary,
      },
      input.publicUrl,
    );
  }
  return updated;
}

/** Flowback that is not a referral transition (e.g. "connected to a service" from an onward referral). */
export async function sendFlowbackEvent(
  tx: Executor,
  input: {
    referral: ReferralRow;
    actor: Actor;
    kind: FlowbackKind;
    type: string;
    onwardReferralId?: string;
    facts?: Omit<FlowbackFacts, 'kind'>;
    snomed?: SnomedConcept;
    publicUrl: string;
    now?: Date;
  },
): Promise<void> {
  await recordReferralEvent(tx, input.actor, {
    programmeId: input.referral.programmeId,
    referralId: input.referral.id,
    onwardReferralId: input.onwardReferralId ?? null,
    type: input.type,
    snomed: input.snomed,
    isVisibleToReferrer: true,
    details: input.facts?.serviceKinds ? { serviceKinds: input.facts.serviceKinds } : {},
    occurredAt: input.now ?? new Date(),
  });
  await queueReferrerMessage(tx, input.referral, { ...input.facts, kind: input.kind }, input.publicUrl);
}
