// Linking referring organisations to programmes. A link decides where an organisation's referrals
// go (referrals/intake/routing.ts), so only the organisation (one of its referrers) or a platform
// admin can make one: a coordinator's change is a request until approved (policy.ts,
// 'programme_link'). The programme_referring_organisations table holds approved links only.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../access/actor';
import { recordAudit } from '../access/audit';
import { listScope } from '../access/list-scope';
import { authorise, decide } from '../access/policy';
import type { Executor, Transaction } from '../db/client';
import {
  organisations,
  programmeLinkRequests,
  programmeReferringOrganisations,
  programmes,
} from '../db/schema';
import { AppError, notFound } from '../http/errors';

export type LinkRequestStatus = 'pending' | 'approved' | 'declined' | 'withdrawn';

const userIdOf = (actor: Actor) => (actor.type === 'user' ? actor.userId : null);

/** Whether the actor's own link takes effect at once (platform admins) rather than waiting. */
export function canLinkAtOnce(actor: Actor, programmeId: string, organisationId: string): boolean {
  return decide(actor, 'approve', { kind: 'programme_link', programmeId, organisationId }).allowed;
}

/**
 * One organisation, one programme: a second approved link would leave routing to choose between
 * programmes, so only a platform admin makes one (routing then asks the person's area to choose).
 */
async function refuseIfLinkedElsewhere(
  db: Executor,
  programmeId: string,
  organisationId: string,
  field: string,
): Promise<void> {
  const [other] = await db
    .select({ id: programmes.id, name: programmes.name, organisationName: organisations.name })
    .from(programmeReferringOrganisations)
    .innerJoin(programmes, eq(programmes.id, programmeReferringOrganisations.programmeId))
    .innerJoin(organisations, eq(organisations.id, programmeReferringOrganisations.organisationId))
    .where(
      and(
        eq(programmeReferringOrganisations.organisationId, organisationId),
        ne(programmeReferringOrganisations.programmeId, programmeId),
      ),
    )
    .limit(1);
  if (!other) return;
  const detail =
    `${other.organisationName} already sends its referrals to ${other.name}. An organisation is linked ` +
    'to one programme; only a platform admin can link it to a second one.';
  throw new AppError('conflict', detail, {
    errors: [{ field, pointer: `#/${field}`, in: 'body', detail }],
    extra: { conflictingProgramme: { id: other.id, name: other.name } },
  });
}

async function insertApprovedLink(
  tx: Transaction,
  input: {
    actor: Actor;
    origin: RequestOrigin;
    programmeId: string;
    organisationId: string;
    requestId?: string;
  },
): Promise<void> {
  const now = new Date();
  await tx
    .insert(programmeReferringOrganisations)
    .values({
      programmeId: input.programmeId,
      organisationId: input.organisationId,
      approvedByUserId: userIdOf(input.actor),
      approvedAt: now,
    })
    .onConflictDoNothing();
  // A request waiting for the same link is answered by it.
  await tx
    .update(programmeLinkRequests)
    .set({
      status: 'approved',
      decidedByUserId: userIdOf(input.actor),
      decidedAt: now,
      version: sql`${programmeLinkRequests.version} + 1`,
    })
    .where(
      and(
        eq(programmeLinkRequests.programmeId, input.programmeId),
        eq(programmeLinkRequests.organisationId, input.organisationId),
        eq(programmeLinkRequests.status, 'pending'),
      ),
    );
  await recordAudit(tx, {
    actor: input.actor,
    origin: input.origin,
    action: 'programme_link.approve',
    entityType: 'programme_link',
    entityId: input.requestId ?? null,
    programmeId: input.programmeId,
    details: { organisationId: input.organisationId },
  });
}

/**
 * Makes the programme's referring organisations `wanted`: links no longer wanted end at once;
 * new ones are linked at once for a platform admin and requested otherwise. Pending requests not
 * in `wanted` stay pending (the programme view lists approved links only): withdraw them explicitly.
 */
export async function changeReferringOrganisations(
  tx: Transaction,
  input: {
    actor: Actor;
    origin: RequestOrigin;
    programmeId: string;
    wanted: readonly string[];
    field: string;
  },
): Promise<void> {
  const { actor, origin, programmeId } = input;
  const wanted = [...new Set(input.wanted)];
  const current = (
    await tx
      .select({ organisationId: programmeReferringOrganisations.organisationId })
      .from(programmeReferringOrganisations)
      .where(eq(programmeReferringOrganisations.programmeId, programmeId))
  ).map((row) => row.organisationId);
  const ended = current.filter((id) => !wanted.includes(id));
  for (const organisationId of ended)
    authorise(actor, 'revoke', { kind: 'programme_link', programmeId, organisationId });
  if (ended.length) {
    await tx
      .delete(programmeReferringOrganisations)
      .where(
        and(
          eq(programmeReferringOrganisations.programmeId, programmeId),
          inArray(programmeReferringOrganisations.organisationId, ended),
        ),
      );
    await recordAudit(tx, {
      actor,
      origin,
      action: 'programme_link.end',
      entityType: 'programme',
      entityId: programmeId,
      programmeId,
      details: { organisationIds: ended },
    });
  }
  for (const organisationId of wanted.filter((id) => !current.includes(id))) {
    if (canLinkAtOnce(actor, programmeId, organisationId)) {
      await insertApprovedLink(tx, { actor, origin, programmeId, organisationId });
    } else {
      await requestLink(tx, { actor, origin, programmeId, organisationId, field: input.field });
    }
  }
}

/** A coordinator asks to receive an organisation's referrals; nothing changes until it is approved. */
export async function requestLink(
  tx: Transaction,
  input: { actor: Actor; origin: RequestOrigin; programmeId: string; organisationId: string; field: string },
): Promise<{ id: string }> {
  const { actor, programmeId, organisationId } = input;
  authorise(actor, 'create', { kind: 'programme_link', programmeId, organisationId });
  if (!canLinkAtOnce(actor, programmeId, organisationId))
    await refuseIfLinkedElsewhere(tx, programmeId, organisationId, input.field);
  const [created] = await tx
    .insert(programmeLinkRequests)
    .values({ programmeId, organisationId, requestedByUserId: userIdOf(actor) })
    .onConflictDoNothing()
    .returning({ id: programmeLinkRequests.id });
  if (!created) {
    // Already asked: asking again is not an error, and changes nothing.
    const [pending] = await tx
      .select({ id: programmeLinkRequests.id })
      .from(programmeLinkRequests)
      .where(
        and(
          eq(programmeLinkRequests.programmeId, programmeId),
          eq(programmeLinkRequests.organisationId, organisationId),
          eq(programmeLinkRequests.status, 'pending'),
        ),
      );
    return { id: pending!.id };
  }
  await recordAudit(tx, {
    actor,
    origin: input.origin,
    action: 'programme_link.request',
    entityType: 'programme_link',
    entityId: created.id,
    programmeId,
    details: { organisationId },
  });
  return created;
}

export type LinkDecision = 'approve' | 'decline' | 'withdraw';

const decisionOutcome: Record<LinkDecision, { status: LinkRequestStatus; refusal: string }> = {
  approve: { status: 'approved', refusal: 'Only a pending request can be approved.' },
  decline: { status: 'declined', refusal: 'Only a pending request can be declined.' },
  withdraw: { status: 'withdrawn', refusal: 'Only a pending request can be withdrawn.' },
};

/**
 * Answers a request: the organisation (or a platform admin) approves or declines; the programme
 * withdraws. Approving makes the link, in the same transaction as the answer and its audit row.
 */
export async function decideLinkRequest(
  tx: Transaction,
  input: {
    actor: Actor;
    origin: RequestOrigin;
    requestId: string;
    decision: LinkDecision;
    note: string | null;
    version: number;
  },
): Promise<void> {
  const { actor, decision } = input;
  const [request] = await tx
    .select()
    .from(programmeLinkRequests)
    .where(eq(programmeLinkRequests.id, input.requestId))
    .for('update');
  if (!request) throw notFound('The request');
  const resource = {
    kind: 'programme_link' as const,
    programmeId: request.programmeId,
    organisationId: request.organisationId,
  };
  // Withdrawing is the asker's (the programme's); approving and declining the organisation's.
  authorise(actor, decision === 'withdraw' ? 'create' : 'approve', resource);
  if (request.version !== input.version) {
    throw new AppError(
      'version_conflict',
      `This request was answered or changed since you opened it (it is now at version ${request.version}). Reload it.`,
      { extra: { currentVersion: request.version } },
    );
  }
  if (request.status !== 'pending')
    throw new AppError('invalid_transition', decisionOutcome[decision].refusal);
  if (decision === 'approve') {
    // Whoever oversees every link (platform admins) may link an organisation to several programmes.
    const overseesAllLinks = listScope(actor, 'programme_link') === 'all';
    if (!overseesAllLinks)
      await refuseIfLinkedElsewhere(tx, request.programmeId, request.organisationId, 'id');
  }
  await tx
    .update(programmeLinkRequests)
    .set({
      status: decisionOutcome[decision].status,
      decidedByUserId: userIdOf(actor),
      decidedAt: new Date(),
      decisionNote: input.note,
      version: request.version + 1,
    })
    .where(eq(programmeLinkRequests.id, request.id));
  if (decision === 'approve') {
    await insertApprovedLink(tx, {
      actor,
      origin: input.origin,
      programmeId: request.programmeId,
      organisationId: request.organisationId,
      requestId: request.id,
    });
  } else {
    await recordAudit(tx, {
      actor,
      origin: input.origin,
      action: `programme_link.${decision}`,
      entityType: 'programme_link',
      entityId: request.id,
      programmeId: request.programmeId,
      details: { organisationId: request.organisationId, note: input.note },
    });
  }
}
