// The directory's taxonomies for search filters and forms: every term with its parent, so
// clients never need to derive term ids themselves. Shared terms are for everyone; a programme's
// own terms (docs/DESIGN.md §2, Directory) come with them for that programme, marked with its programmeId.
import { asc, isNull, or, eq } from 'drizzle-orm';
import { z } from 'zod';
import { programmes, taxonomies, taxonomyTerms } from '../db/schema';
import type { Actor } from '../access/actor';
import type { RouteModule } from '../http/context';
import { notFound } from '../http/errors';

const termResponse = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  parentId: z.uuid().nullable(),
  /** Null for Linkwell's shared terms; the programme's id for a term it added itself. */
  programmeId: z.uuid().nullable(),
});

const taxonomyResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  terms: z.array(termResponse),
});

/**
 * Whose own terms to include. Programme staff always get their programme's (and may not ask for
 * another's: 404, as for anything outside their programme). Everyone else may name a programme:
 * its terms tag public directory entries, and the Open Referral UK API lists them too.
 */
function programmeToShow(actor: Actor, requested: string | undefined): string | null {
  const own = actor.type === 'user' ? actor.programmeId : null;
  if (own) {
    if (requested && requested !== own) throw notFound('The programme');
    return own;
  }
  return requested ?? null;
}

export const directoryTaxonomyRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/api/directory/taxonomy',
    {
      schema: {
        tags: ['directory'],
        summary:
          'The shared taxonomies (and your programme’s own terms, or those of ?programmeId=) with their terms, for filters and forms',
        querystring: z.object({ programmeId: z.uuid('must be a valid id').optional() }),
        response: { 200: z.object({ taxonomies: z.array(taxonomyResponse) }) },
      },
    },
    async (request) => {
      const programmeId = programmeToShow(request.actor, request.query.programmeId);
      if (programmeId && programmeId === request.query.programmeId) {
        // A named programme must exist, so a mistyped id is a 404 rather than a silently shared-only list.
        const [programme] = await db
          .select({ id: programmes.id })
          .from(programmes)
          .where(eq(programmes.id, programmeId));
        if (!programme) throw notFound('The programme');
      }
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
              programmeId: term.programmeId,
            })),
        })),
      };
    },
  );
};
