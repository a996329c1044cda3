// The directory's taxonomies for search filters and forms: every term with its parent, so
// clients never need to derive term ids themselves.
import { asc, isNull, or, eq } from 'drizzle-orm';
import { z } from 'zod';
import { taxonomies, taxonomyTerms } from '../db/schema';
import type { RouteModule } from '../http/context';

const termResponse = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  parentId: z.uuid().nullable(),
});

const taxonomyResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  terms: z.array(termResponse),
});

export const directoryTaxonomyRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/directory/taxonomy',
    {
      schema: {
        tags: ['directory'],
        summary:
          'The shared taxonomies (and your programme’s own terms) with their terms, for filters and forms',
        response: { 200: z.object({ taxonomies: z.array(taxonomyResponse) }) },
      },
    },
    async (request) => {
      const programmeId = request.actor.type === 'user' ? request.actor.programmeId : null;
      // Shared terms for everyone; a programme's own terms only for its staff.
      const visible = programmeId
        ? or(isNull(taxonomyTerms.programmeId), eq(taxonomyTerms.programmeId, programmeId))
        : isNull(taxonomyTerms.programmeId);
      const [taxonomyRows, termRows] = await Promise.all([
        db.select().from(taxonomies).orderBy(asc(taxonomies.name)),
        db.select().from(taxonomyTerms).where(visible).orderBy(asc(taxonomyTerms.code)),
      ]);
      return {
        taxonomies: taxonomyRows.map((taxonomy) => ({
          id: taxonomy.id,
          name: taxonomy.name,
          description: taxonomy.description,
          terms: termRows
            .filter((term) => term.taxonomyId === taxonomy.id)
            .map((term) => ({
              id: term.id,
              code: term.code,
              name: term.name,
              description: term.description,
              parentId: term.parentId,
            })),
        })),
      };
    },
  );
};
