// The outcomes part of the FHIR API: Questionnaire (the built-in instruments), QuestionnaireResponse
// (recording a measure through the same domain code as the web form, and reading measures) and
// Observation (the scores). Handlers: validate → read into domain terms → one transaction
// (authorise + domain call + audit) → present.
import type { FastifyRequest } from 'fastify';
import type { QuestionnaireResponse } from 'fhir/r4';
import type { ApiClientActor } from '../../../access/actor';
import type { AppDeps, AppInstance } from '../../../http/context';
import { AppError } from '../../../http/errors';
import { runIdempotentCreate } from '../../../http/idempotency';
import { findBuiltInInstrument, type InstrumentDefinition } from '../../../outcomes/instruments';
import type { MeasureRow } from '../../../outcomes/measures/record-measure';
import { sendResource } from '../module';
import { FhirError, fromAppError, fromSchemaIssues, invalidElement } from '../outcome';
import { fhirBase, parsePaging, parseTokenParam, searchBundle, searchQuery } from '../search';
import { fhirContentType } from '../urls';
import { validateResource } from '../validate';
import { auditMeasureReads, findVisibleMeasure, findVisibleMeasures } from './measure-access';
import { hasCode, measureIdOfObservation, observationsFor } from './observations';
import { findInstrumentById, presentQuestionnaire, searchQuestionnaires } from './questionnaires';
import { presentQuestionnaireResponse, readIncomingResponse } from './questionnaire-response';
import { readCondition, recordResponse, responseSearchParams } from './record-response';
import { measureFilter } from './search-filters';

const hide = { schema: { hide: true } } as const;
export const observationSearchParams = ['subject', 'based-on', 'code', 'date'] as const;

/** The /fhir preHandler lets only API clients through; this narrows the type accordingly. */
const clientOf = (request: FastifyRequest) => request.actor as ApiClientActor;

const definitionOf = (row: MeasureRow): InstrumentDefinition => findBuiltInInstrument(row.instrumentKey)!;

const notFoundOutcome = (what: string, expression?: string) =>
  new FhirError(404, [
    {
      code: 'not-found',
      diagnostics: `${what} was not found.`,
      ...(expression ? { expression: [expression] } : {}),
    },
  ]);

export function outcomesRoutes(fhir: AppInstance, deps: AppDeps): void {
  const { db } = deps;
  const base = fhirBase(deps.config.publicUrl);
  const sendBundle = (reply: Parameters<typeof sendResource>[0], bundle: unknown) =>
    reply.type(`${fhirContentType}; charset=utf-8`).send(bundle);

  fhir.get('/Questionnaire', hide, async (request, reply) => {
    const query = searchQuery(request, ['url', 'name', 'status']);
    const paging = parsePaging(query);
    const found = searchQuestionnaires(query);
    const page = found.slice(paging.offset, paging.offset + paging.count).map(presentQuestionnaire);
    return sendBundle(reply, searchBundle({ base, request, resources: page, total: found.length, paging }));
  });

  fhir.get<{ Params: { id: string } }>('/Questionnaire/:id', hide, async (request, reply) => {
    const definition = findInstrumentById(request.params.id);
    if (!definition) throw notFoundOutcome(`Questionnaire/${request.params.id}`);
    return sendResource(reply, presentQuestionnaire(definition));
  });

  fhir.post('/QuestionnaireResponse', hide, async (request, reply) => {
    const actor = clientOf(request);
    const schemaIssues = validateResource(request.body);
    if (schemaIssues.length > 0) throw fromSchemaIssues(schemaIssues);
    const { resourceType } = request.body as { resourceType: string };
    if (resourceType !== 'QuestionnaireResponse')
      throw invalidElement(
        `${resourceType}.resourceType`,
        'POST a QuestionnaireResponse here.',
        'not-supported',
      );
    const incoming = readIncomingResponse(request.body as QuestionnaireResponse);
    const condition = readCondition(request.headers['if-none-exist']);
    try {
      const result = await runIdempotentCreate(db, request, (tx) =>
        recordResponse(tx, { actor, origin: request.origin, incoming, condition }),
      );
      const { body } = result;
      reply.header(
        'location',
        `${base}/QuestionnaireResponse/${body.id}/_history/${body.meta?.versionId ?? '1'}`,
      );
      return sendResource(reply, body, result.statusCode);
    } catch (error) {
      if (error instanceof AppError) throw fromAppError(error, incoming.expressionFor);
      throw error;
    }
  });

  fhir.get<{ Params: { id: string } }>('/QuestionnaireResponse/:id', hide, async (request, reply) => {
    const actor = clientOf(request);
    const resource = await db.transaction(async (tx) => {
      const visible = await findVisibleMeasure(tx, actor, request.params.id);
      await auditMeasureReads(tx, {
        actor,
        origin: request.origin,
        read: [visible],
        resourceType: 'QuestionnaireResponse',
        interaction: 'read',
      });
      return presentQuestionnaireResponse(visible.measure, definitionOf(visible.measure));
    });
    return sendResource(reply, resource);
  });

  fhir.get('/QuestionnaireResponse', hide, async (request, reply) => {
    const actor = clientOf(request);
    const query = searchQuery(request, responseSearchParams);
    const paging = parsePaging(query);
    const filter = measureFilter(query);
    const bundle = await db.transaction(async (tx) => {
      const { rows, total } = filter
        ? await findVisibleMeasures(tx, actor, filter, paging)
        : { rows: [], total: 0 };
      await auditMeasureReads(tx, {
        actor,
        origin: request.origin,
        read: rows,
        resourceType: 'QuestionnaireResponse',
        interaction: 'search-type',
        query,
      });
      const resources = rows.map(({ measure }) =>
        presentQuestionnaireResponse(measure, definitionOf(measure)),
      );
      return searchBundle({ base, request, resources, total, paging });
    });
    return sendBundle(reply, bundle);
  });

  fhir.get<{ Params: { id: string } }>('/Observation/:id', hide, async (request, reply) => {
    const actor = clientOf(request);
    const { id } = request.params;
    const observation = await db.transaction(async (tx) => {
      const visible = await findVisibleMeasure(tx, actor, measureIdOfObservation(id));
      const found = observationsFor(visible.measure, definitionOf(visible.measure)).find(
        (candidate) => candidate.id === id,
      );
      if (!found) throw notFoundOutcome(`Observation/${id}`);
      await auditMeasureReads(tx, {
        actor,
        origin: request.origin,
        read: [visible],
        resourceType: 'Observation',
        interaction: 'read',
      });
      return found;
    });
    return sendResource(reply, observation);
  });

  fhir.get('/Observation', hide, async (request, reply) => {
    const actor = clientOf(request);
    const query = searchQuery(request, observationSearchParams);
    const paging = parsePaging(query);
    const filter = measureFilter(query);
    const token = query.code === undefined ? undefined : parseTokenParam(query.code);
    const bundle = await db.transaction(async (tx) => {
      // Several Observations can come from one measure (ONS4), so paging happens after expanding.
      const { rows } = filter ? await findVisibleMeasures(tx, actor, filter) : { rows: [] };
      const matches = rows.flatMap((visible) =>
        observationsFor(visible.measure, definitionOf(visible.measure))
          .filter((observation) => !token || hasCode(observation, token))
          .map((observation) => ({ visible, observation })),
      );
      const page = matches.slice(paging.offset, paging.offset + paging.count);
      const read = [...new Map(page.map(({ visible }) => [visible.measure.id, visible])).values()];
      await auditMeasureReads(tx, {
        actor,
        origin: request.origin,
        read,
        resourceType: 'Observation',
        interaction: 'search-type',
        query,
      });
      return searchBundle({
        base,
        request,
        resources: page.map(({ observation }) => observation),
        total: matches.length,
        paging,
      });
    });
    return sendBundle(reply, bundle);
  });
}
