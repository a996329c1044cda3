// The referrer's view ("my referrals"): live status of what their organisation referred, without
// waiting for an email. Only the events marked visible to the referrer, each with its SNOMED CT
// code so a GP system can file it, and the kinds of service the person was connected to. Never the
// link worker's notes, contacts, assessment or the provider's notes.
import { and, count, desc, eq, ilike, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { authoriseList } from '../../access/list-scope';
import { authorise, decide } from '../../access/policy';
import type { Executor } from '../../db/client';
import { onwardReferrals, people, referralEvents, referrals } from '../../db/schema';
import type { RouteModule } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { idParams, likePattern } from '../../http/schemas';
import { referralResource } from '../access';
import { readReferredPerson } from '../intake/referred-person';
import { closureReasonLabels, rejectionReasonLabels } from '../labels';
import type { ReferralStatus } from '../referral-state';
import { snomedSystem } from '../snomed';
import { applyReferralAction, lockReferral, type ReferralRow } from '../store';
import { cancelOpenTasks } from '../tasks';
import { serviceKindsOf } from './queries';
import { referrerEventLabel, referrerStatusLabels } from './rules';
import { cancelBody, sentReferralResponse, sentReferralSummaryResponse, sentReferralsQuery } from './schemas';

/** The organisation whose referrals the actor follows: a referrer's, or a system client's. */
function referringOrganisationOf(actor: Actor): string {
  if (actor.type === 'system') throw new AppError('forbidden', 'Background jobs have no referrer’s view.');
  const refusal = 'This is the referrer’s view. Programme staff open referrals from their caseload.';
  // The policy's list scope: referrers, provider staff (who refer people back) and system clients
  // list by their organisation; programme staff by programme, which is not this view.
  const scope = authoriseList(actor, 'referral', refusal);
  if (scope !== 'all' && 'organisationId' in scope) return scope.organisationId;
  throw new AppError('forbidden', refusal);
}

const statusLabel = (status: string) => referrerStatusLabels[status as ReferralStatus] ?? status;

async function referrerView(
  tx: Executor,
  actor: Actor,
  referral: ReferralRow,
): Promise<z.infer<typeof sentReferralResponse>> {
  // What this referral sent, never the person record: the record may hold another organisation's
  // details (or, after a wrong match, be someone else entirely).
  const [record] = await tx.select().from(people).where(eq(people.id, referral.personId));
  const referred = record ? readReferredPerson(referral.referredPerson, record) : undefined;
  const person = referred && {
    givenName: referred.givenName,
    familyName: referred.familyName,
    dateOfBirth: referred.dateOfBirth,
  };
  const events = await tx
    .select({
      type: referralEvents.type,
      occurredAt: referralEvents.occurredAt,
      snomedCode: referralEvents.snomedCode,
      snomedDisplay: referralEvents.snomedDisplay,
      details: referralEvents.details,
    })
    .from(referralEvents)
    .where(and(eq(referralEvents.referralId, referral.id), eq(referralEvents.isVisibleToReferrer, true)))
    .orderBy(referralEvents.id);
  const started = await tx
    .selectDistinct({ serviceId: onwardReferrals.serviceId })
    .from(onwardReferrals)
    .where(and(eq(onwardReferrals.referralId, referral.id), isNotNull(onwardReferrals.startedAt)));
  const kinds = new Set<string>();
  for (const { serviceId } of started)
    for (const name of (await serviceKindsOf(tx, serviceId)).names) kinds.add(name);

  const presented = events.map((event) => {
    const serviceKinds = (event.details as { serviceKinds?: unknown }).serviceKinds;
    return {
      type: event.type,
      label: referrerEventLabel(event.type),
      occurredAt: event.occurredAt.toISOString(),
      snomed:
        event.snomedCode && event.snomedDisplay
          ? { system: snomedSystem, code: event.snomedCode, display: event.snomedDisplay }
          : null,
      ...(Array.isArray(serviceKinds) ? { serviceKinds: serviceKinds.map(String) } : {}),
    };
  });
  const last = presented.at(-1);
  return {
    id: referral.id,
    reference: referral.reference,
    person: person ?? { givenName: '', familyName: '', dateOfBirth: null },
    status: referral.status,
    statusLabel: statusLabel(referral.status),
    receivedAt: referral.receivedAt.toISOString(),
    lastUpdate: last ? { type: last.type, label: last.label, occurredAt: last.occurredAt } : null,
    urgency: referral.urgency,
    needs: referral.needs,
    acceptedAt: referral.acceptedAt?.toISOString() ?? null,
    firstContactAt: referral.firstContactAt?.toISOString() ?? null,
    closedAt: referral.closedAt?.toISOString() ?? null,
    rejectionReason: referral.rejectionReason,
    rejectionReasonLabel: referral.rejectionReason
      ? (rejectionReasonLabels[referral.rejectionReason] ?? null)
      : null,
    closureReason: referral.closureReason,
    closureReasonLabel: referral.closureReason ? (closureReasonLabels[referral.closureReason] ?? null) : null,
    outcomeSummary: referral.outcomeSummary,
    connectedServiceKinds: [...kinds].sort(),
    events: presented,
    version: referral.version,
    abilities: {
      canCancel:
        referral.status === 'received' && decide(actor, 'revoke', referralResource(referral)).allowed,
    },
  };
}

export const referrerRoutes: RouteModule = (app, { db, config }) => {
  app.get(
    '/api/referrals/sent',
    {
      schema: {
        tags: ['referrer'],
        summary: 'Referrals your organisation made, newest first, with live status and the latest update',
        querystring: sentReferralsQuery,
        response: { 200: z.object({ items: z.array(sentReferralSummaryResponse), total: z.number() }) },
      },
    },
    async (request) => {
      const { actor } = request;
      const organisationId = referringOrganisationOf(actor);
      authorise(actor, 'list', {
        kind: 'referral',
        programmeId: '',
        assignedLinkWorkerId: null,
        referringOrganisationId: organisationId,
      });
      const { status, q, limit, offset } = request.query;
      const conditions: SQL[] = [eq(referrals.referringOrganisationId, organisationId)];
      if (status) conditions.push(eq(referrals.status, status));
      // The names this organisation sent (the record's only for referrals made before migration 0016).
      const sentGivenName = sql<string>`coalesce(${referrals.referredPerson}->>'givenName', ${people.givenName})`;
      const sentFamilyName = sql<string>`coalesce(${referrals.referredPerson}->>'familyName', ${people.familyName})`;
      const sentDateOfBirth = sql<
        string | null
      >`coalesce(${referrals.referredPerson}->>'dateOfBirth', ${people.dateOfBirth}::text)`;
      if (q) {
        const pattern = likePattern(q);
        conditions.push(
          or(
            ilike(referrals.reference, pattern),
            ilike(sentGivenName, pattern),
            ilike(sentFamilyName, pattern),
          )!,
        );
      }
      const where = and(...conditions);
      return db.transaction(async (tx) => {
        const rows = await tx
          .select({
            id: referrals.id,
            reference: referrals.reference,
            status: referrals.status,
            receivedAt: referrals.receivedAt,
            person: {
              givenName: sentGivenName,
              familyName: sentFamilyName,
              dateOfBirth: sentDateOfBirth,
            },
          })
          .from(referrals)
          .innerJoin(people, eq(people.id, referrals.personId))
          .where(where)
          .orderBy(desc(referrals.createdAt), desc(referrals.id))
          .limit(limit)
          .offset(offset);
        const [totalRow] = await tx
          .select({ total: count() })
          .from(referrals)
          .innerJoin(people, eq(people.id, referrals.personId))
          .where(where);
        const ids = rows.map((row) => row.id);
        // The latest flowback event of each referral on the page, in one query.
        const latest = ids.length
          ? await tx
              .selectDistinctOn([referralEvents.referralId], {
                referralId: referralEvents.referralId,
                type: referralEvents.type,
                occurredAt: referralEvents.occurredAt,
              })
              .from(referralEvents)
              .where(
                and(inArray(referralEvents.referralId, ids), eq(referralEvents.isVisibleToReferrer, true)),
              )
              .orderBy(referralEvents.referralId, desc(referralEvents.id))
          : [];
        const latestByReferral = new Map(latest.map((event) => [event.referralId, event]));
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'referral.list_sent',
          entityType: 'referral',
          details: { organisationId, status: status ?? null, query: q ?? null, shown: ids },
        });
        return {
          items: rows.map((row) => {
            const event = latestByReferral.get(row.id);
            return {
              id: row.id,
              reference: row.reference,
              person: row.person,
              status: row.status,
              statusLabel: statusLabel(row.status),
              receivedAt: row.receivedAt.toISOString(),
              lastUpdate: event
                ? {
                    type: event.type,
                    label: referrerEventLabel(event.type),
                    occurredAt: event.occurredAt.toISOString(),
                  }
                : null,
            };
          }),
          total: totalRow?.total ?? 0,
        };
      });
    },
  );

  app.get(
    '/api/referrals/sent/:id',
    {
      schema: {
        tags: ['referrer'],
        summary: 'One referral your organisation made: status, reasons, outcome and coded events (SNOMED CT)',
        params: idParams,
        response: { 200: sentReferralResponse },
      },
    },
    async (request) => {
      const { actor } = request;
      referringOrganisationOf(actor);
      return db.transaction(async (tx) => {
        const [referral] = await tx.select().from(referrals).where(eq(referrals.id, request.params.id));
        if (!referral) throw notFound('The referral');
        authorise(actor, 'read', referralResource(referral));
        await recordAudit(tx, {
          actor,
          origin: request.origin,
          action: 'referral.read',
          entityType: 'referral',
          entityId: referral.id,
          programmeId: referral.programmeId,
          details: { view: 'referrer' },
        });
        return referrerView(tx, actor, referral);
      });
    },
  );

  app.post(
    '/api/referrals/sent/:id/cancel',
    {
      schema: {
        tags: ['referrer'],
        summary: 'Cancel a referral your organisation made, before the link worker team accepts it',
        params: idParams,
        body: cancelBody,
        response: { 200: sentReferralResponse },
      },
    },
    async (request) => {
      const { actor } = request;
      referringOrganisationOf(actor);
      return db.transaction(async (tx) => {
        const referral = await lockReferral(tx, request.params.id);
        authorise(actor, 'revoke', referralResource(referral));
        const updated = await applyReferralAction(tx, {
          referral,
          action: { type: 'cancel' },
          actor,
          origin: request.origin,
          expectedVersion: request.body.version,
          note: request.body.reason,
          publicUrl: config.publicUrl,
        });
        await cancelOpenTasks(tx, referral.id);
        return referrerView(tx, actor, updated);
      });
    },
  );
};
