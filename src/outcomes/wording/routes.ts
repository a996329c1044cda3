// Coordinators enter the licensed wording of SWEMWBS (and any other instrument whose wording may not
// ship with Linkwell) once for their programme; until then it cannot be sent to a person to answer.
import { z } from 'zod';
import type { RouteModule } from '../../http/context';
import { idParams } from '../../http/schemas';
import type { InstrumentDefinition } from '../instruments';
import { listWording, saveWording, type WordingRow } from './wording';

const tags = ['outcomes'];

const wordingParams = z.object({
  id: z.uuid('must be a valid id'),
  instrumentKey: z.string().trim().min(1).max(100),
});

const saveWordingBody = z.object({
  licenceReference: z
    .string({ message: 'Enter your licence or registration reference' })
    .trim()
    .min(1, 'Enter your licence or registration reference')
    .max(200),
  /** itemId → wording; every item is required. */
  items: z.record(z.string().max(100), z.string().max(500, 'Keep each statement under 500 characters')),
  /** The version from GET; required once wording is stored. */
  version: z.number().int().positive().optional(),
});

const wordingEntry = z.object({
  instrumentKey: z.string(),
  instrumentName: z.string(),
  licenceNote: z.string(),
  copyright: z.string().nullable(),
  items: z.array(
    z.object({ id: z.string(), number: z.number().nullable(), reference: z.string().nullable() }),
  ),
  wording: z
    .object({
      licenceReference: z.string(),
      items: z.record(z.string(), z.string()),
      version: z.number(),
      updatedAt: z.string(),
    })
    .nullable(),
});

function present({ definition, wording }: { definition: InstrumentDefinition; wording?: WordingRow }) {
  return {
    instrumentKey: definition.key,
    instrumentName: definition.name,
    licenceNote: definition.licence.note,
    copyright: definition.licence.copyright ?? null,
    items: definition.items.map((item) => ({
      id: item.id,
      number: item.number ?? null,
      reference: item.reference ?? null,
    })),
    wording: wording
      ? {
          licenceReference: wording.licenceReference,
          items: wording.items,
          version: wording.version,
          updatedAt: wording.updatedAt.toISOString(),
        }
      : null,
  };
}

export const wordingRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/programmes/:id/instrument-wording',
    {
      schema: {
        tags,
        summary:
          'Questionnaires whose item wording is licensed and supplied by each programme (SWEMWBS), with the programme’s wording if entered (coordinators)',
        params: idParams,
        response: { 200: z.object({ items: z.array(wordingEntry) }) },
      },
    },
    async (request) => {
      const entries = await db.transaction((tx) => listWording(tx, request.actor, request.params.id));
      return { items: entries.map(present) };
    },
  );

  app.put(
    '/api/programmes/:id/instrument-wording/:instrumentKey',
    {
      schema: {
        tags,
        summary:
          'Enter or change the licensed wording of a questionnaire’s items for the programme (every item required; version required when changing)',
        params: wordingParams,
        body: saveWordingBody,
        response: { 200: wordingEntry },
      },
    },
    async (request) => {
      const saved = await db.transaction((tx) =>
        saveWording(tx, {
          actor: request.actor,
          origin: request.origin,
          programmeId: request.params.id,
          instrumentKey: request.params.instrumentKey,
          ...request.body,
        }),
      );
      return present(saved);
    },
  );
};
