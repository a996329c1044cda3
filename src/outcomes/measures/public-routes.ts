// Self-completion links, the person's side: no account, the token is the authorisation. Rate
// limited per address like the self-referral form; a link that has ended answers 410 Gone.
import type { AppDeps, AppInstance } from '../../http/context';
import { AppError } from '../../http/errors';
import { problemResponse } from '../../http/schemas';
import { publicLinkResponse, publicSubmitBody, publicSubmitResponse, tokenParams } from './schemas';
import { MeasureLinkGone, openMeasureLink, submitMeasureLink } from './self-completion';

const tags = ['outcomes'];

/** A used, expired or revoked link: 410 Gone, saying which (reason) so the page can explain. */
function gone(error: MeasureLinkGone): AppError {
  return new AppError('gone', error.message, { extra: { reason: error.reason } });
}

export function publicMeasureLinkRoutes(app: AppInstance, { db }: AppDeps): void {
  app.get(
    '/api/public/measure-links/:token',
    {
      config: { rateLimit: { max: 60, timeWindow: 10 * 60_000 } },
      schema: {
        tags,
        summary:
          'Open a self-completion link (no account): who it is from, your first name and the questions. 410 once used, expired or cancelled.',
        params: tokenParams,
        response: { 200: publicLinkResponse, 410: problemResponse },
      },
    },
    async (request, reply) => {
      try {
        const opened = await db.transaction((tx) =>
          openMeasureLink(tx, { token: request.params.token, origin: request.origin }),
        );
        return reply.status(200).send(opened);
      } catch (error) {
        if (error instanceof MeasureLinkGone) throw gone(error);
        throw error;
      }
    },
  );

  app.post(
    '/api/public/measure-links/:token',
    {
      config: { rateLimit: { max: 20, timeWindow: 10 * 60_000 } },
      schema: {
        tags,
        summary:
          'Send your answers through a self-completion link (once). Every questionnaire is checked before anything is saved.',
        params: tokenParams,
        body: publicSubmitBody,
        response: { 201: publicSubmitResponse, 410: problemResponse },
      },
    },
    async (request, reply) => {
      try {
        const submitted = await db.transaction((tx) =>
          submitMeasureLink(tx, {
            token: request.params.token,
            answers: request.body.answers,
            origin: request.origin,
          }),
        );
        return reply.status(201).send(submitted);
      } catch (error) {
        if (error instanceof MeasureLinkGone) throw gone(error);
        throw error;
      }
    },
  );
}
