// Keeps the shared taxonomies in the database in step with taxonomy-data.ts. Runs at start-up
// after migrations (and for test templates); idempotent, so it is cheap when nothing changed.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { taxonomies, taxonomyTerms } from '../db/schema';
import { linkwellTaxonomies, type TaxonomyData, type TaxonomyTermData } from './taxonomy-data';
import { stableUuid } from './stable-uuid';

export const taxonomyId = (key: string) => stableUuid(`taxonomy:${key}`);
export const taxonomyTermId = (taxonomyKey: string, code: string) =>
  stableUuid(`taxonomy-term:${taxonomyKey}:${code}`);

function flatten(taxonomy: TaxonomyData) {
  const rows: (typeof taxonomyTerms.$inferInsert)[] = [];
  const visit = (terms: TaxonomyTermData[], parentId: string | null) => {
    for (const term of terms) {
      const id = taxonomyTermId(taxonomy.key, term.code);
      rows.push({
        id,
        taxonomyId: taxonomyId(taxonomy.key),
        code: term.code,
        name: term.name,
        description: term.description,
        parentId,
        termUri: `${taxonomy.uri}/${term.code}`,
      });
      if (term.children) visit(term.children, id);
    }
  };
  visit(taxonomy.terms, null);
  return rows;
}

export async function syncTaxonomies(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const taxonomy of linkwellTaxonomies) {
      const { key, terms: _terms, ...fields } = taxonomy;
      await tx
        .insert(taxonomies)
        .values({ id: taxonomyId(key), ...fields })
        .onConflictDoUpdate({
          target: taxonomies.id,
          set: {
            name: fields.name,
            description: fields.description,
            uri: fields.uri,
            version: fields.version,
            updatedAt: sql`now()`,
          },
        });
      for (const row of flatten(taxonomy)) {
        await tx
          .insert(taxonomyTerms)
          .values(row)
          .onConflictDoUpdate({
            target: taxonomyTerms.id,
            set: {
              name: row.name,
              description: row.description,
              parentId: row.parentId,
              termUri: row.termUri,
            },
          });
      }
    }
  });
}
