// Referrals over FHIR: POST ServiceRequest (a referral in, through the same refer-in code as the
// web form; retried safely by identifier or If-None-Exist), ServiceRequest / Task read and search
// (Task?_lastUpdated=gt… for polling), and Patient read for people the client's organisation
// referred. Every read of a referral or person is authorised by the policy engine and audited.
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { ApiClientActor } from '../../../access/actor';
import { recordAudit } from '../../../access/audit';
import { authorise } from '../../../access/policy';
import type { Executor } from '../../../db/client';
import { onwardReferrals, people, referrals } from '../../../db/schema';
import type { AppDeps, AppInstance } from '../../../http/context';
import { AppError } from '../../../http/errors';
import { referralResource } from '../../../referrals/access';
import { isSamePatient } from '../../../referrals/intake/person-match';
import { referIn } from '../../../referrals/intake/refer-in';
import {
  readReferredPerson,
  referredPersonFromInput,
  type ReferredPerson,
} from '../../../referrals/intake/referred-person';
import { describeReferrer } from '../../../referrals/intake/referrer-context';
import { createReferralBody } from '../../../referrals/intake/schemas';
import { sendResource } from '../module';
import { FhirError, fromAppError, fromSchemaIssues, invalidElement } from '../outcome';
import {
  fhirBase,
  parseDateParam,
  parsePaging,
  parseReferenceParam,
  parseTokenParam,
  searchBundle,
  searchQuery,
  type DateComparison,
  uuidPattern,
} from '../search';
import type { ServiceRequest } from '../types';
import { identifierSystems } from '../urls';
import { validateResource } from '../validate';
import { loadReferralFacts, type ReferralRow } from './facts';
import { expressionFor, mapInboundServiceRequest } from './inbound';
import { presentOnwardServiceRequest, presentPatient, presentServiceRequest, presentTask } from './present';
import { referralStatusesForTaskStatus } from './task-status';

function clientOf(request: FastifyRequest): ApiClientActor {
  return request.actor as ApiClientActor;
}

function notFoundOutcome(type: string, id: string): FhirError {
  return new FhirError(404, [
    { code: 'not-found', diagnostics: `${type}/${id} is not known to this client.` },
  ]);
}

/** Reads one referral the client may see; 404 alike for missing and for another organisation's. */
async function readableReferral(db: Executor, request: FastifyRequest, id: string, type: string) {
  if (!uuidPattern.test(id)) throw notFoundOutcome(type, id);
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id));
  if (!row) throw notFoundOutcome(type, id);
  try {
    return { row, basis: authorise(request.actor, 'read', referralResource(row)) };
  } catch {
    throw notFoundOutcome(type, id);
  }
}

function dateCondition(
  column: typeof referrals.taskUpdatedAt | typeof referrals.updatedAt,
  comparison: DateComparison,
): SQL {
  switch (comparison.prefix) {
    case 'gt':
      return gt(column, comparison.value);
    case 'ge':
      return gte(column, comparison.value);
    case 'lt':
      return lt(column, comparison.value);
    case 'le':
      return lte(column, comparison.value);
    case 'eq':
      return eq(column, comparison.value);
  }
}

/** "identifier=system|value" from If-None-Exist (the only condition Linkwell accepts). */
function parseCondition(header: string): { system: string | null; value: string } {
  const params = new URLSearchParams(header);
  const identifier = params.get('identifier');
  if (!identifier || [...params.keys()].length !== 1)
    throw new FhirError(400, [
      { code: 'not-supported', diagnostics: 'If-None-Exist supports only "identifier=<system>|<value>".' },
    ]);
  const { system, code } = parseTokenParam(identifier);
  return { system: system ?? null, value: code };
}

/** The organisation's referral with this identifier: system AND value (no system matches no system). */
async function findByIdentifier(
  db: Executor,
  organisationId: string,
  external: { system: string | null; value: string },
): Promise<ReferralRow | undefined> {
  const [row] = await db
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.referringOrganisationId, organisationId),
        external.system === null
          ? isNull(referrals.externalIdentifierSystem)
          : eq(referrals.externalIdentifierSystem, external.system),
        eq(referrals.externalIdentifier, external.value),
      ),
    );
  return row;
}

/** What an earlier referral sent about its patient (the record's identity if it predates that). */
async function sentPatientOf(db: Executor, row: ReferralRow): Promise<ReferredPerson> {
  const [person] = await db.select().from(people).where(eq(people.id, row.personId));
  return readReferredPerson(row.referredPerson, person!);
}

function identifierClash(external: { system: string | null; value: string }): FhirError {
  const identifier = `${external.system ?? ''}|${external.value}`;
  return new FhirError(412, [
    {
      code: 'duplicate',
      diagnostics:
        `Identifier ${identifier} already names a referral this organisation made for a different patient. ` +
        'Nothing was created: give this referral its own identifier.',
      expression: ['ServiceRequest.identifier'],
    },
  ]);
}

function isExternalIdentifierClash(error: unknown): boolean {
  const candidate = error as {
    code?: string;
    constraint?: string;
    cause?: { code?: string; constraint?: string };
  };
  const constraint = candidate.cause?.constraint ?? candidate.constraint;
  return (
    (candidate.cause?.code ?? candidate.code) === '23505' &&
    constraint === 'referrals_external_identifier_key'
  );
}

export function referralRoutes(fhir: AppInstance, deps: AppDeps): void {
  const { db, config } = deps;
  const base = fhirBase(config.publicUrl);

  const audit = (
    request: FastifyRequest,
    action: string,
    row: ReferralRow,
    details: Record<string, unknown>,
  ) =>
    recordAudit(db, {
      actor: request.actor,
      origin: request.origin,
      action,
      entityType: 'referral',
      entityId: row.id,
      programmeId: row.programmeId,
      details: { via: 'fhir', ...details },
    });

  fhir.post('/ServiceRequest', { schema: { hide: true } }, async (request, reply) => {
    const client = clientOf(request);
    const issues = validateResource(request.body);
    if (issues.length) throw fromSchemaIssues(issues);
    const resource = request.body as ServiceRequest;
    if (resource.resourceType !== 'ServiceRequest')
      throw invalidElement(
        `${resource.resourceType as string}.resourceType`,
        'POST a ServiceRequest here.',
        'invalid',
      );
    const inbound = mapInboundServiceRequest(resource);
    const parsed = createReferralBody.safeParse(inbound.body);
    if (!parsed.success)
      throw new FhirError(
        400,
        parsed.error.issues.map((issue) => {
          const field = issue.path.join('.');
          return {
            code: 'invalid',
            diagnostics: issue.message,
            expression: [expressionFor(inbound.expressions, field)],
          };
        }),
      );
    const conditionHeader = request.headers['if-none-exist'];
    const condition = typeof conditionHeader === 'string' ? parseCondition(conditionHeader) : undefined;
    const external = condition ?? inbound.external;

    const answerExisting = async (row: ReferralRow) => {
      // Conditional create that matched: 200 with the referral made the first time; nothing new.
      // Only for a retry about the same patient: otherwise the sender would get another patient's
      // referral back and believe its own was made (refused with 412, nothing written).
      if (!isSamePatient(await sentPatientOf(db, row), referredPersonFromInput(parsed.data.person!)))
        throw identifierClash(external!);
      const [facts] = await loadReferralFacts(db, [row]);
      await audit(request, 'referral.read', row, { basis: 'retry of a referral the client made' });
      reply.header('location', `${base}/ServiceRequest/${row.id}/_history/${row.version}`);
      return sendResource(reply, presentServiceRequest(facts!), 200);
    };
    if (external) {
      const existing = await findByIdentifier(db, client.organisationId, external);
      if (existing) return answerExisting(existing);
    }

    const referrer = await describeReferrer(db, request.actor);
    let created: ReferralRow;
    try {
      created = await db.transaction(async (tx) => {
        const result = await referIn(tx, {
          actor: request.actor,
          origin: request.origin,
          referrer,
          body: parsed.data,
          publicUrl: config.publicUrl,
          ...(external ? { external } : {}),
        });
        return result.referral;
      });
    } catch (error) {
      if (external && isExternalIdentifierClash(error)) {
        // Two copies of the same request raced; the other one made the referral.
        const existing = await findByIdentifier(db, client.organisationId, external);
        if (existing) return answerExisting(existing);
      }
      if (error instanceof AppError)
        throw fromAppError(error, (field) => expressionFor(inbound.expressions, field));
      throw error;
    }
    const [facts] = await loadReferralFacts(db, [created]);
    reply.header('location', `${base}/ServiceRequest/${created.id}/_history/${created.version}`);
    return sendResource(reply, presentServiceRequest(facts!), 201);
  });

  fhir.get('/ServiceRequest/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (uuidPattern.test(id)) {
      // An onward referral is a ServiceRequest too (Task.output points at them).
      const [onward] = await db
        .select({ referralId: onwardReferrals.referralId })
        .from(onwardReferrals)
        .where(eq(onwardReferrals.id, id));
      if (onward) {
        const { row, basis } = await readableReferral(db, request, onward.referralId, 'ServiceRequest');
        const [facts] = await loadReferralFacts(db, [row]);
        await audit(request, 'referral.read', row, { basis, resource: `ServiceRequest/${id}` });
        return sendResource(
          reply,
          presentOnwardServiceRequest(
            facts!,
            facts!.onward.find((o) => o.id === id)!,
          ),
        );
      }
    }
    const { row, basis } = await readableReferral(db, request, id, 'ServiceRequest');
    const [facts] = await loadReferralFacts(db, [row]);
    await audit(request, 'referral.read', row, { basis, resource: `ServiceRequest/${id}` });
    return sendResource(reply, presentServiceRequest(facts!));
  });

  fhir.get('/Task/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { row, basis } = await readableReferral(db, request, id, 'Task');
    const [facts] = await loadReferralFacts(db, [row]);
    await audit(request, 'referral.read', row, { basis, resource: `Task/${id}` });
    return sendResource(reply, presentTask(facts!));
  });

  /** Search over the client's own referrals only: the organisation filter is always applied. */
  async function searchReferrals(request: FastifyRequest, conditions: SQL[], order: SQL) {
    const client = clientOf(request);
    const paging = parsePaging(request.query as Record<string, string | undefined>);
    const where = and(eq(referrals.referringOrganisationId, client.organisationId), ...conditions);
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(referrals)
        .where(where)
        .orderBy(order, asc(referrals.id))
        .limit(paging.count)
        .offset(paging.offset),
      db.select({ value: count() }).from(referrals).where(where),
    ]);
    const facts = await loadReferralFacts(db, rows);
    if (rows.length)
      await recordAudit(db, {
        actor: request.actor,
        origin: request.origin,
        action: 'referral.search',
        entityType: 'referral',
        details: { via: 'fhir', url: request.url.split('?')[0], ids: rows.map((row) => row.id) },
      });
    return { facts, total: total?.value ?? 0, paging };
  }

  fhir.get('/Task', { schema: { hide: true } }, async (request) => {
    const query = searchQuery(request, [
      '_lastUpdated',
      'status',
      'focus',
      'based-on',
      'patient',
      'identifier',
      '_id',
    ]);
    const conditions: SQL[] = [];
    if (query._lastUpdated)
      conditions.push(
        dateCondition(referrals.taskUpdatedAt, parseDateParam('_lastUpdated', query._lastUpdated)),
      );
    if (query.status) {
      const statuses = query.status.split(',').flatMap(referralStatusesForTaskStatus);
      // inArray answers `false` for an empty list: an unknown Task status finds nothing.
      conditions.push(inArray(referrals.status, statuses));
    }
    for (const name of ['focus', 'based-on'] as const)
      if (query[name])
        conditions.push(eq(referrals.id, safeId(parseReferenceParam(name, query[name], 'ServiceRequest'))));
    if (query._id) conditions.push(eq(referrals.id, safeId(query._id)));
    if (query.patient)
      conditions.push(
        eq(referrals.personId, safeId(parseReferenceParam('patient', query.patient, 'Patient'))),
      );
    if (query.identifier) conditions.push(eq(referrals.reference, parseTokenParam(query.identifier).code));
    // Oldest change first, so a poller can page forward from its last _lastUpdated.
    const { facts, total, paging } = await searchReferrals(request, conditions, asc(referrals.taskUpdatedAt));
    return searchBundle({ base, request, resources: facts.map(presentTask), total, paging });
  });

  fhir.get('/ServiceRequest', { schema: { hide: true } }, async (request) => {
    const query = searchQuery(request, ['identifier', 'patient', 'subject', '_lastUpdated', '_id']);
    const conditions: SQL[] = [];
    if (query.identifier) {
      const { system, code } = parseTokenParam(query.identifier);
      conditions.push(
        system === identifierSystems.referralReference
          ? eq(referrals.reference, code)
          : system
            ? and(eq(referrals.externalIdentifier, code), eq(referrals.externalIdentifierSystem, system))!
            : or(eq(referrals.externalIdentifier, code), eq(referrals.reference, code))!,
      );
    }
    for (const name of ['patient', 'subject'] as const)
      if (query[name])
        conditions.push(eq(referrals.personId, safeId(parseReferenceParam(name, query[name], 'Patient'))));
    if (query._id) conditions.push(eq(referrals.id, safeId(query._id)));
    if (query._lastUpdated)
      conditions.push(dateCondition(referrals.updatedAt, parseDateParam('_lastUpdated', query._lastUpdated)));
    const { facts, total, paging } = await searchReferrals(request, conditions, asc(referrals.receivedAt));
    return searchBundle({ base, request, resources: facts.map(presentServiceRequest), total, paging });
  });

  /**
   * What the client's organisation last sent about each person: the only Patient it is shown, so
   * it never reads details another organisation gave, nor a record it reached by a wrong match.
   */
  async function sentPatients(
    organisationId: string,
    rows: (typeof people.$inferSelect)[],
  ): Promise<Map<string, ReferredPerson>> {
    if (rows.length === 0) return new Map();
    const latest = await db
      .selectDistinctOn([referrals.personId], {
        personId: referrals.personId,
        referredPerson: referrals.referredPerson,
      })
      .from(referrals)
      .where(
        and(
          eq(referrals.referringOrganisationId, organisationId),
          inArray(
            referrals.personId,
            rows.map((row) => row.id),
          ),
        ),
      )
      .orderBy(referrals.personId, desc(referrals.receivedAt), desc(referrals.id));
    const byPerson = new Map(latest.map((row) => [row.personId, row.referredPerson]));
    return new Map(rows.map((row) => [row.id, readReferredPerson(byPerson.get(row.id), row)]));
  }

  /** The organisations that referred a person, for the policy's relationship check. */
  async function referringOrganisations(personId: string): Promise<string[]> {
    const rows = await db
      .selectDistinct({ organisationId: referrals.referringOrganisationId })
      .from(referrals)
      .where(eq(referrals.personId, personId));
    return rows.map((row) => row.organisationId).filter((id): id is string => id !== null);
  }

  fhir.get('/Patient/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!uuidPattern.test(id)) throw notFoundOutcome('Patient', id);
    const [person] = await db.select().from(people).where(eq(people.id, id));
    if (!person) throw notFoundOutcome('Patient', id);
    let basis: string;
    try {
      basis = authorise(request.actor, 'read', {
        kind: 'person',
        id: person.id,
        programmeId: person.programmeId,
        assignedLinkWorkerId: person.assignedLinkWorkerId,
        referredByOrganisationIds: await referringOrganisations(person.id),
      });
    } catch {
      throw notFoundOutcome('Patient', id);
    }
    await recordAudit(db, {
      actor: request.actor,
      origin: request.origin,
      action: 'person.read',
      entityType: 'person',
      entityId: person.id,
      programmeId: person.programmeId,
      details: { basis, via: 'fhir' },
    });
    const sent = await sentPatients(clientOf(request).organisationId, [person]);
    return sendResource(reply, presentPatient(person, sent.get(person.id)!));
  });

  fhir.get('/Patient', { schema: { hide: true } }, async (request) => {
    const client = clientOf(request);
    const query = searchQuery(request, ['identifier', '_id']);
    const paging = parsePaging(query);
    const conditions: SQL[] = [];
    const sentConditions: SQL[] = [];
    if (query.identifier) {
      const { system, code } = parseTokenParam(query.identifier);
      if (system && system !== identifierSystems.nhsNumber)
        throw invalidElement(
          'identifier',
          `Patients are found by NHS number (${identifierSystems.nhsNumber}|<number>).`,
          'not-supported',
        );
      // The NHS number the organisation sent, not the record's: a search must not confirm a
      // number someone else gave.
      sentConditions.push(
        sql`coalesce(${referrals.referredPerson}->>'nhsNumber', ${people.nhsNumber}) = ${code.replace(/\s/g, '')}`,
      );
    }
    if (query._id) conditions.push(eq(people.id, safeId(query._id)));
    // Only people this organisation referred: the join is the relationship the policy asks for.
    const referred = db
      .selectDistinct({ personId: referrals.personId })
      .from(referrals)
      .innerJoin(people, eq(people.id, referrals.personId))
      .where(and(eq(referrals.referringOrganisationId, client.organisationId), ...sentConditions));
    const where = and(inArray(people.id, referred), ...conditions);
    const [rows, [total]] = await Promise.all([
      db.select().from(people).where(where).orderBy(asc(people.id)).limit(paging.count).offset(paging.offset),
      db.select({ value: count() }).from(people).where(where),
    ]);
    const sent = await sentPatients(client.organisationId, rows);
    if (rows.length)
      await recordAudit(db, {
        actor: request.actor,
        origin: request.origin,
        action: 'person.search',
        entityType: 'person',
        details: { via: 'fhir', ids: rows.map((row) => row.id) },
      });
    return searchBundle({
      base,
      request,
      resources: rows.map((row) => presentPatient(row, sent.get(row.id)!)),
      total: total?.value ?? 0,
      paging,
    });
  });
}

/** Ids in search parameters that are not uuids match nothing (rather than a database error). */
function safeId(id: string): string {
  return uuidPattern.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}
