// One operation for every edit of a service, by whoever makes it: a curator's or admin's change
// (and a provider's, where their programmes allow it) goes live now; otherwise a provider's change
// waits as a pending revision and the curators are told.
import type { UserActor } from '../../access/actor';
import { decide } from '../../access/policy';
import type { Executor } from '../../db/client';
import { queueNotification } from '../../notify/outbox';
import { saveServices, type ServiceInput } from '../save-service';
import { findCurators, providerEditsNeedApproval, type CuratingProgramme } from './curators';
import { changeAwaitingReviewMessage } from './messages';
import { publishServices, submitPendingRevision } from './revisions';

export type ServiceChange = {
  db: Executor;
  actor: UserActor;
  publicUrl: string;
  input: ServiceInput;
  /** The service being changed, or undefined for a new one. */
  existing?: { id: string; version: number } | undefined;
  curating: CuratingProgramme[];
  summary: string;
};

export type ServiceChangeResult = {
  serviceId: string;
  revisionId: string;
  status: 'live' | 'pending';
  version: number;
};

/** Curators and admins publish directly; provider staff do when no curating programme asks for approval. */
export function canPublishDirectly(
  actor: UserActor,
  resource: { organisationId: string; curating: CuratingProgramme[] },
): boolean {
  const isCurator = decide(actor, 'approve', {
    kind: 'service',
    organisationId: resource.organisationId,
    curatingProgrammeIds: resource.curating.map((p) => p.id),
  }).allowed;
  return isCurator || !providerEditsNeedApproval(resource.curating);
}

export async function publishServiceChange(change: ServiceChange): Promise<ServiceChangeResult> {
  const { db, actor, input, existing, curating } = change;
  if (canPublishDirectly(actor, { organisationId: input.organisationId, curating })) {
    // Publishing an edit is also confirming the entry: its owner or curator has just checked it.
    const [published] = await publishServices(
      db,
      [{ ...input, id: existing?.id, lastVerifiedAt: new Date(), lastVerifiedByUserId: actor.userId }],
      { actorUserId: actor.userId, summary: change.summary },
    );
    return { ...published!, status: 'live' };
  }

  let serviceId = existing?.id;
  let baseVersion = existing?.version ?? 1;
  if (!serviceId) {
    // A new service proposed by a provider exists (so it can have a history) but stays inactive,
    // out of the directory, until a curator approves the pending revision.
    [serviceId] = await saveServices(db, [{ ...input, status: 'inactive', lastVerifiedAt: null }]);
    baseVersion = 1;
  }
  const revisionId = await submitPendingRevision(db, {
    serviceId: serviceId!,
    input: { ...input, id: serviceId! },
    baseVersion,
    actorUserId: actor.userId,
    summary: change.summary,
  });
  for (const curator of await findCurators(
    db,
    curating.map((p) => p.id),
  )) {
    await queueNotification(db, {
      channel: 'email',
      recipient: curator.email,
      programmeId: curator.programmeId,
      ...changeAwaitingReviewMessage({
        recipientName: curator.name,
        serviceName: input.name,
        authorName: actor.name,
        reviewUrl: `${change.publicUrl}/directory/review`,
      }),
    });
  }
  return { serviceId: serviceId!, revisionId, status: 'pending', version: baseVersion };
}
