// SQL for programme terms: rows never leave this folder except through present().
import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { programmes, serviceTaxonomyTerms, taxonomies, taxonomyTerms, unmetNeeds } from '../../db/schema';
import type { TermUsage } from './rules';
import { readTogether } from '../../db/read-together';

export type TermRow = typeof taxonomyTerms.$inferSelect;

export async function findProgramme(db: Executor, id: string) {
  const [row] = await db
    .select({ id: programmes.id, slug: programmes.slug })
    .from(programmes)
    .where(eq(programmes.id, id));
  return row;
}

export async function findTerm(db: Executor, id: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(taxonomyTerms).where(eq(taxonomyTerms.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function childrenOf(db: Executor, parentId: string) {
  return db
    .select({ id: taxonomyTerms.id, name: taxonomyTerms.name, programmeId: taxonomyTerms.programmeId })
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.parentId, parentId));
}

export async function codesInTaxonomy(db: Executor, taxonomyId: string): Promise<Set<string>> {
  const rows = await db
    .select({ code: taxonomyTerms.code })
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.taxonomyId, taxonomyId));
  return new Set(rows.map((row) => row.code));
}

export async function usageOf(db: Executor, termId: string): Promise<TermUsage> {
  const [[services], [needs], [children]] = await readTogether(db, [
    () =>
      db
        .select({ n: count() })
        .from(serviceTaxonomyTerms)
        .where(eq(serviceTaxonomyTerms.taxonomyTermId, termId)),
    () => db.select({ n: count() }).from(unmetNeeds).where(eq(unmetNeeds.taxonomyTermId, termId)),
    () => db.select({ n: count() }).from(taxonomyTerms).where(eq(taxonomyTerms.parentId, termId)),
  ]);
  return {
    services: Number(services?.n ?? 0),
    unmetNeeds: Number(needs?.n ?? 0),
    childTerms: Number(children?.n ?? 0),
  };
}

/** The programme's own terms with their parent's name and how many services use each. */
export async function listProgrammeTerms(db: Executor, programmeId: string) {
  const rows = await db
    .select({ term: taxonomyTerms, taxonomyName: taxonomies.name })
    .from(taxonomyTerms)
    .innerJoin(taxonomies, eq(taxonomies.id, taxonomyTerms.taxonomyId))
    .where(eq(taxonomyTerms.programmeId, programmeId))
    .orderBy(asc(taxonomyTerms.name));
  const parentIds = [...new Set(rows.map((row) => row.term.parentId).filter((id): id is string => !!id))];
  const termIds = rows.map((row) => row.term.id);
  const [parents, usage] = await readTogether(db, [
    () =>
      parentIds.length
        ? db
            .select({ id: taxonomyTerms.id, name: taxonomyTerms.name })
            .from(taxonomyTerms)
            .where(inArray(taxonomyTerms.id, parentIds))
        : [],
    () =>
      termIds.length
        ? db
            .select({ termId: serviceTaxonomyTerms.taxonomyTermId, n: count() })
            .from(serviceTaxonomyTerms)
            .where(inArray(serviceTaxonomyTerms.taxonomyTermId, termIds))
            .groupBy(serviceTaxonomyTerms.taxonomyTermId)
        : [],
  ]);
  const parentName = new Map(parents.map((parent) => [parent.id, parent.name]));
  const serviceCount = new Map(usage.map((row) => [row.termId, Number(row.n)]));
  return rows.map((row) => ({
    row: row.term,
    taxonomyName: row.taxonomyName,
    parentName: parentName.get(row.term.parentId ?? '') ?? '',
    serviceCount: serviceCount.get(row.term.id) ?? 0,
  }));
}
