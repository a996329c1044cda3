// Requests to link referring organisations to programmes: coordinators ask (and withdraw), the
// organisation's referrers see and answer the requests for their organisation, platform admins
// see everything and link at once. Rules in policy.ts ('programme_link'); operations in links.ts.
import { and, desc, eq, sql, type Column, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Actor } from '../access/actor';
import { listScope } from '../access/list-scope';
import { abilitiesFor, authorise } from '../access/policy';
import type { Executor } from '../db/client';
import {
  organisations,
  programmeLinkRequests,
  programmeReferringOrganisations,
  programmes,
  users,
} from '../db/schema';
import type { RouteModule } from '../http/context';
import { invalidField, notFound } from '../http/errors';
import { idParams, versionField } from '../http/schemas';
import { canLinkAtOnce, decideLinkRequest, requestLink, type LinkDecision } from './links';
import { linkRequestResponse, linkRequestStatuses, programmeLinksResponse } from './schemas';

const statuses = linkRequestStatuses;

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');
const approver = alias(users, 'approver');

/** Scope of what the actor sees: all for platform admins, else their programme or organisation. */
function scopeFor(
  actor: Actor,
  columns: { programmeId: Column; organisationId: Column },
  query: { programmeId?: string | undefined; organisationId?: string | undefined },
): SQL[] {
  const conditions: SQL[] = [];
  if (query.programmeId) conditions.push(eq(columns.programmeId, query.programmeId));
  if (query.organisationId) conditions.push(eq(columns.organisationId, query.organisationId));
  const scope = listScope(actor, 'programme_link');
  if (scope === 'none') conditions.push(sql`false`);
  else if (scope !== 'all')
    conditions.push(
      'programmeId' in scope
        ? eq(columns.programmeId, scope.programmeId)
        : eq(columns.organisationId, scope.organisationId),
    );
  return conditions;
}

async function loadRequests(db: Executor, actor: Actor, where: SQL | undefined) {
  const rows = await db
    .select({
      request: programmeLinkRequests,
      programmeName: programmes.name,
      organisationName: organisations.name,
      requestedByName: requester.name,
      decidedByName: decider.name,
    })
    .from(programmeLinkRequests)
    .innerJoin(programmes, eq(programmes.id, programmeLinkRequests.programmeId))
    .innerJoin(organisations, eq(organisations.id, programmeLinkRequests.organisationId))
    .leftJoin(requester, eq(requester.id, programmeLinkRequests.requestedByUserId))
    .leftJoin(decider, eq(decider.id, programmeLinkRequests.decidedByUserId))
    .where(where)
    .orderBy(desc(programmeLinkRequests.requestedAt))
    .limit(500);
  return rows.map(({ request, ...names }) => {
    const resource = {
      kind: 'programme_link' as const,
      programmeId: request.programmeId,
      organisationId: request.organisationId,
    };
    const isPending = request.status === 'pending';
    const can = abilitiesFor(actor, resource, ['approve', 'create']);
    return {
      id: request.id,
      programmeId: request.programmeId,
      programmeName: names.programmeName,
      organisationId: request.organisationId,
      organisationName: names.organisationName,
      status: request.status,
      requestedAt: request.requestedAt.toISOString(),
      requestedByName: names.requestedByName,
      decidedAt: request.decidedAt?.toISOString() ?? null,
      decidedByName: names.decidedByName,
      decisionNote: request.decisionNote,
      version: request.version,
      abilities: {
        canApprove: isPending && Boolean(can.canApprove),
        canDecline: isPending && Boolean(can.canApprove),
        canWithdraw: isPending && Boolean(can.canCreate),
      },
    };
  });
}

const decisionBody = z.object({
  version: versionField,
  note: z.string().trim().max(1000).optional(),
});

export const programmeLinkRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/programme-links',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Requests to link referring organisations to programmes, and approved links (coordinators: their programme; referrers: their organisation)',
        querystring: z.object({
          status: z.enum(statuses).optional(),
          programmeId: z.uuid().optional(),
          organisationId: z.uuid().optional(),
        }),
        response: { 200: programmeLinksResponse },
      },
    },
    async (request) => {
      const { actor } = request;
      authorise(actor, 'list', { kind: 'programme_link' });
      const requestScope = scopeFor(
        actor,
        {
          programmeId: programmeLinkRequests.programmeId,
          organisationId: programmeLinkRequests.organisationId,
        },
        request.query,
      );
      if (request.query.status) requestScope.push(eq(programmeLinkRequests.status, request.query.status));
      const linkScope = scopeFor(
        actor,
        {
          programmeId: programmeReferringOrganisations.programmeId,
          organisationId: programmeReferringOrganisations.organisationId,
        },
        request.query,
      );
      const requests = await loadRequests(db, actor, and(...requestScope));
      const links = await db
        .select({
          programmeId: programmeReferringOrganisations.programmeId,
          programmeName: programmes.name,
          organisationId: programmeReferringOrganisations.organisationId,
          organisationName: organisations.name,
          approvedAt: programmeReferringOrganisations.approvedAt,
          approvedByName: approver.name,
        })
        .from(programmeReferringOrganisations)
        .innerJoin(programmes, eq(programmes.id, programmeReferringOrganisations.programmeId))
        .innerJoin(organisations, eq(organisations.id, programmeReferringOrganisations.organisationId))
        .leftJoin(approver, eq(approver.id, programmeReferringOrganisations.approvedByUserId))
        .where(and(...linkScope))
        .orderBy(programmes.name, organisations.name)
        .limit(1000);
      return {
        requests,
        links: links.map((link) => ({ ...link, approvedAt: link.approvedAt?.toISOString() ?? null })),
      };
    },
  );

  app.post(
    '/api/admin/programmes/:id/link-requests',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Ask to receive an organisation’s referrals (a coordinator’s request waits for the organisation to approve; a platform admin’s link is made at once)',
        params: idParams,
        body: z.object({ organisationId: z.uuid('Choose the referring organisation') }),
        response: { 201: linkRequestResponse },
      },
    },
    async (request, reply) => {
      const { actor, origin } = request;
      const programmeId = request.params.id;
      const { organisationId } = request.body;
      authorise(actor, 'create', { kind: 'programme_link', programmeId, organisationId });
      const id = await db.transaction(async (tx) => {
        const [programme] = await tx
          .select({ id: programmes.id })
          .from(programmes)
          .where(eq(programmes.id, programmeId));
        if (!programme) throw notFound('The programme');
        const [organisation] = await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(eq(organisations.id, organisationId));
        if (!organisation)
          throw invalidField('organisationId', `No organisation has the id ${organisationId}.`);
        const asked = await requestLink(tx, {
          actor,
          origin,
          programmeId,
          organisationId,
          field: 'organisationId',
        });
        if (canLinkAtOnce(actor, programmeId, organisationId)) {
          const [current] = await loadRequests(tx, actor, eq(programmeLinkRequests.id, asked.id));
          if (current?.status === 'pending')
            await decideLinkRequest(tx, {
              actor,
              origin,
              requestId: asked.id,
              decision: 'approve',
              note: null,
              version: current.version,
            });
        }
        return asked.id;
      });
      const [presented] = await loadRequests(db, actor, eq(programmeLinkRequests.id, id));
      return reply.status(201).send(presented!);
    },
  );

  const decisionRoute = (decision: LinkDecision, summary: string) =>
    app.post(
      `/api/programme-links/:id/${decision}`,
      {
        schema: {
          tags: ['admin'],
          summary,
          params: idParams,
          body: decisionBody,
          response: { 200: linkRequestResponse },
        },
      },
      async (request) => {
        const { actor, origin } = request;
        await db.transaction((tx) =>
          decideLinkRequest(tx, {
            actor,
            origin,
            requestId: request.params.id,
            decision,
            note: request.body.note ?? null,
            version: request.body.version,
          }),
        );
        const [presented] = await loadRequests(db, actor, eq(programmeLinkRequests.id, request.params.id));
        return presented!;
      },
    );
  decisionRoute(
    'approve',
    'Approve a request (a referrer of the organisation, or a platform admin): the programme receives the organisation’s referrals from now on',
  );
  decisionRoute('decline', 'Decline a request (a referrer of the organisation, or a platform admin)');
  decisionRoute('withdraw', 'Withdraw a request (a coordinator of the programme, or a platform admin)');
};
