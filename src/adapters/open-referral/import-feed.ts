// Imports the services of another Open Referral UK 3.0 feed into our directory: pages of
// GET {feed}/services, then GET {feed}/services/{id} for each service's full graph. Each record is
// checked, then written through saveServices in its own transaction, so a service's whole graph
// (and a new organisation for it) lands or nothing does. Re-importing updates, never duplicates.
import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client';
import { organisations, services, taxonomyTerms } from '../../db/schema';
import { saveServices } from '../../directory/save-service';
import {
  describeIssues,
  importedOrganisationId,
  mapOrukService,
  orukServiceSchema,
  type OrukService,
  type TermIndex,
} from './map-oruk-service';

export type RejectedRecord = { id: string; name: string | null; reason: string };
export type ImportSummary = {
  created: number;
  updated: number;
  rejected: RejectedRecord[];
  /** Taxonomy terms of the feed with no Linkwell equivalent: the service was imported without them. */
  unmappedTerms: { id: string; terms: string[] }[];
  /** Parts of a record we could not represent (e.g. a monthly schedule); the rest was imported. */
  notes: { id: string; note: string }[];
};
export type ImportProgress = { done: number; total: number };

export type ImportFeedOptions = {
  db: Database;
  /** The feed's base URL, e.g. https://example.org/openreferral (the one whose GET / describes it). */
  feedUrl: string;
  perPage?: number;
  fetch?: typeof fetch;
  onProgress?: (progress: ImportProgress) => void;
  /** Per request; a feed that hangs must not hang the import. */
  timeoutMs?: number;
};

const maximumPages = 10_000;

/** The feed could not be read (HTTP error, timeout, not JSON). */
class FeedError extends Error {}
/** The record is not one we can import; the message names the field. */
async function getJson(options: ImportFeedOptions, url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new FeedError(`GET ${url} failed: ${(error as Error).message}`);
  }
  if (!response.ok) throw new FeedError(`GET ${url} answered HTTP ${response.status}`);
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new FeedError(`GET ${url} did not answer with JSON`);
  }
}

async function loadTermIndex(db: Executor): Promise<TermIndex> {
  const rows = await db
    .select({ id: taxonomyTerms.id, code: taxonomyTerms.code, name: taxonomyTerms.name })
    .from(taxonomyTerms);
  const index: TermIndex = { ids: new Set(), byCode: new Map(), byName: new Map() };
  for (const row of rows) {
    index.ids.add(row.id);
    if (!index.byCode.has(row.code.toLowerCase())) index.byCode.set(row.code.toLowerCase(), row.id);
    if (!index.byName.has(row.name.toLowerCase())) index.byName.set(row.name.toLowerCase(), row.id);
  }
  return index;
}

/** The feed's organisation: one we imported before, else one of ours with the same name, else a new one. */
async function findOrCreateOrganisation(
  db: Executor,
  feedUrl: string,
  service: OrukService,
): Promise<string> {
  const source = service.organization;
  const sourceId = source?.id ?? service.organization_id;
  const mappedId = sourceId ? importedOrganisationId(feedUrl, sourceId) : undefined;
  if (mappedId) {
    const [existing] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, mappedId));
    if (existing) {
      if (source) {
        await db
          .update(organisations)
          .set({
            name: source.name,
            description: source.description ?? '',
            email: source.email ?? null,
            website: source.website ?? null,
            updatedAt: new Date(),
          })
          .where(eq(organisations.id, mappedId));
      }
      return existing.id;
    }
  }
  if (!source)
    throw new RecordError('organization: is required (the feed gave no organisation for this service)');
  const [sameName] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(sql`lower(${organisations.name}) = ${source.name.toLowerCase()}`)
    .limit(1);
  if (sameName) return sameName.id;
  const [created] = await db
    .insert(organisations)
    .values({
      ...(mappedId ? { id: mappedId } : {}),
      name: source.name,
      type: 'vcse',
      description: source.description ?? '',
      email: source.email ?? null,
      website: source.website ?? null,
    })
    .returning({ id: organisations.id });
  return created!.id;
}

class RecordError extends Error {}

function idAndName(record: unknown): { id: string; name: string | null } {
  const object = (record ?? {}) as { id?: unknown; name?: unknown };
  return {
    id: typeof object.id === 'string' || typeof object.id === 'number' ? String(object.id) : '(no id)',
    name: typeof object.name === 'string' ? object.name : null,
  };
}

/** Reads the feed page by page; yields each list item with the page's total for progress. */
async function* listServices(options: ImportFeedOptions, feedUrl: string) {
  const perPage = options.perPage ?? 100;
  for (let page = 1; page <= maximumPages; page++) {
    const body = (await getJson(options, `${feedUrl}/services?page=${page}&per_page=${perPage}`)) as {
      contents?: unknown;
      total_items?: unknown;
      total_pages?: unknown;
      last_page?: unknown;
    };
    if (!Array.isArray(body.contents))
      throw new FeedError(`Page ${page} of ${feedUrl}/services has no contents array`);
    const total = typeof body.total_items === 'number' ? body.total_items : undefined;
    for (const item of body.contents as unknown[]) yield { item, total };
    const totalPages = typeof body.total_pages === 'number' ? body.total_pages : undefined;
    if (
      body.contents.length === 0 ||
      body.last_page === true ||
      (totalPages !== undefined && page >= totalPages)
    )
      return;
  }
}

export async function importOrukFeed(options: ImportFeedOptions): Promise<ImportSummary> {
  const feedUrl = options.feedUrl.replace(/\/+$/, '');
  const { db } = options;
  const summary: ImportSummary = { created: 0, updated: 0, rejected: [], unmappedTerms: [], notes: [] };
  const terms = await loadTermIndex(db);
  let done = 0;
  for await (const { item, total } of listServices(options, feedUrl)) {
    const { id, name } = idAndName(item);
    try {
      // A list item already carrying its nested rows is used as is; otherwise fetch the full service.
      const isFull = Array.isArray((item as { service_at_locations?: unknown } | null)?.service_at_locations);
      const record = isFull ? item : await getJson(options, `${feedUrl}/services/${encodeURIComponent(id)}`);
      const parsed = orukServiceSchema.safeParse(record);
      if (!parsed.success) throw new RecordError(describeIssues(parsed.error));
      const mapped = mapOrukService(feedUrl, parsed.data, terms);
      const isNew = await db.transaction(async (tx) => {
        const organisationId = await findOrCreateOrganisation(tx, feedUrl, parsed.data);
        const [existing] = await tx
          .select({ id: services.id })
          .from(services)
          .where(eq(services.id, mapped.input.id!));
        await saveServices(tx, [{ ...mapped.input, organisationId }]);
        return !existing;
      });
      if (isNew) summary.created++;
      else summary.updated++;
      if (mapped.unmappedTerms.length > 0) summary.unmappedTerms.push({ id, terms: mapped.unmappedTerms });
      for (const note of mapped.notes) summary.notes.push({ id, note });
    } catch (error) {
      if (error instanceof RecordError || error instanceof FeedError) {
        summary.rejected.push({ id, name, reason: error.message });
      } else {
        // The database refused the record (e.g. a value too large): the transaction rolled back.
        const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
        summary.rejected.push({ id, name, reason: `database: ${cause}` });
      }
    }
    done++;
    options.onProgress?.({ done, total: Math.max(total ?? done, done) });
  }
  return summary;
}
