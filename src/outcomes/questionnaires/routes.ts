// Questionnaires a programme's coordinators build (docs/DESIGN.md §7): list, create (Idempotency-Key),
// change (version check; the definition's own version is bumped) and archive. Thin handlers: the
// operations in save-questionnaire.ts authorise, check, write and audit in one transaction.
import type { RouteModule } from '../../http/context';
import { runIdempotentCreate } from '../../http/idempotency';
import { presentQuestionnaire } from './present';
import { listQuestionnaires } from './queries';
import { archiveQuestionnaire, createQuestionnaire, updateQuestionnaire } from './save-questionnaire';
import {
  archiveQuestionnaireBody,
  createQuestionnaireBody,
  programmeParams,
  questionnaireListResponse,
  questionnaireParams,
  questionnaireResponse,
  updateQuestionnaireBody,
} from './schemas';

const tags = ['outcomes'];

export const questionnairesRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/programmes/:id/questionnaires',
    {
      schema: {
        tags,
        summary: 'The programme’s own questionnaires, archived ones last (coordinators)',
        params: programmeParams,
        response: { 200: questionnaireListResponse },
      },
    },
    async (request) => {
      const rows = await db.transaction((tx) =>
        listQuestionnaires(tx, { actor: request.actor, programmeId: request.params.id }),
      );
      return { items: rows.map(presentQuestionnaire) };
    },
  );

  app.post(
    '/api/programmes/:id/questionnaires',
    {
      schema: {
        tags,
        summary:
          'Build a questionnaire for the programme. Problems in the definition are field errors under `definition.`; a key already in use is 409.',
        params: programmeParams,
        body: createQuestionnaireBody,
        response: { 201: questionnaireResponse },
      },
    },
    async (request, reply) => {
      const result = await runIdempotentCreate(db, request, async (tx) => {
        const row = await createQuestionnaire(tx, {
          actor: request.actor,
          origin: request.origin,
          programmeId: request.params.id,
          definition: request.body.definition,
        });
        return { statusCode: 201 as const, body: presentQuestionnaire(row) };
      });
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.put(
    '/api/programmes/:id/questionnaires/:qid',
    {
      schema: {
        tags,
        summary:
          'Change a questionnaire (version required). A changed definition gets the next definition.version, so earlier answers keep theirs.',
        params: questionnaireParams,
        body: updateQuestionnaireBody,
        response: { 200: questionnaireResponse },
      },
    },
    async (request) => {
      const row = await db.transaction((tx) =>
        updateQuestionnaire(tx, {
          actor: request.actor,
          origin: request.origin,
          programmeId: request.params.id,
          questionnaireId: request.params.qid,
          ...request.body,
        }),
      );
      return presentQuestionnaire(row);
    },
  );

  app.post(
    '/api/programmes/:id/questionnaires/:qid/archive',
    {
      schema: {
        tags,
        summary: 'Archive a questionnaire: no new measures use it; measures already taken keep it',
        params: questionnaireParams,
        body: archiveQuestionnaireBody,
        response: { 200: questionnaireResponse },
      },
    },
    async (request) => {
      const row = await db.transaction((tx) =>
        archiveQuestionnaire(tx, {
          actor: request.actor,
          origin: request.origin,
          programmeId: request.params.id,
          questionnaireId: request.params.qid,
          version: request.body.version,
        }),
      );
      return presentQuestionnaire(row);
    },
  );
};
