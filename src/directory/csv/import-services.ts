// Importing the directory from the CSV template. Every row is checked (zod, then lookups of
// organisations, taxonomy codes and postcodes) and ALL problems are reported as { row, field,
// detail } with spreadsheet row numbers (the header is row 1). One transaction: if any row fails,
// nothing is imported. Rows that name an existing service (by service_id, or by organisation and
// name) update it, keeping what the template has no column for (closures, funding, other locations).
import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import type { RequestOrigin, UserActor } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { decide } from '../../access/policy';
import type { Database, Executor } from '../../db/client';
import { organisations, services, taxonomyTerms } from '../../db/schema';
import { AppError } from '../../http/errors';
import type { ServiceInput } from '../save-service';
import { resolvePostcode } from '../../geo';
import { boroughCodeOf } from '../curation/boroughs';
import { boroughCodesOfInput, boroughCodesOfService, findCuratingProgrammes } from '../curation/curators';
import { loadServiceInputs } from '../curation/load-service-input';
import { publishServices } from '../curation/revisions';
import { csvColumns, splitList, type CsvRow } from './columns';
import { csvRowSchema, type ParsedCsvRow } from './row-schema';

export type RowProblem = { row: number; field: string; detail: string };
export type ImportResult = {
  dryRun: boolean;
  created: number;
  updated: number;
  organisationsCreated: number;
  warnings: RowProblem[];
};

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** A failed import: the problem document lists every row problem. */
function rowsFailed(problems: RowProblem[]): AppError {
  const rows = new Set(problems.map((p) => p.row)).size;
  return new AppError(
    'validation_failed',
    `Nothing was imported: ${rows} row${rows === 1 ? ' has' : 's have'} problems. Correct them and import the file again.`,
    {
      extra: {
        errors: problems.map((p) => ({ ...p, pointer: `#/rows/${p.row}/${p.field}`, in: 'body' })),
      },
    },
  );
}

function readCsv(text: string): { records: CsvRow[] } | { problems: RowProblem[] } {
  let raw: string[][];
  try {
    raw = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    });
  } catch (error) {
    const lines = (error as { lines?: number }).lines ?? 1;
    return {
      problems: [{ row: lines, field: '', detail: `The file is not valid CSV: ${(error as Error).message}` }],
    };
  }
  const [header, ...body] = raw;
  if (!header)
    return { problems: [{ row: 1, field: '', detail: 'The file is empty: start with the header row.' }] };
  const names = header.map((h) => h.trim().toLowerCase());
  const problems: RowProblem[] = [];
  for (const name of names) {
    if (!(csvColumns as readonly string[]).includes(name))
      problems.push({ row: 1, field: name, detail: `"${name}" is not a column of the template.` });
  }
  for (const column of csvColumns) {
    if (!names.includes(column))
      problems.push({ row: 1, field: column, detail: `The column "${column}" is missing.` });
  }
  if (problems.length) return { problems };
  const records = body.map((cells, index) => {
    const record = Object.fromEntries(csvColumns.map((c) => [c, ''])) as CsvRow;
    names.forEach((name, position) => {
      record[name as keyof CsvRow] = cells[position] ?? '';
    });
    if (cells.length > names.length && cells.slice(names.length).some((c) => c.trim())) {
      problems.push({ row: index + 2, field: '', detail: 'This row has more cells than the header.' });
    }
    return record;
  });
  return problems.length ? { problems } : { records };
}

type Lookups = {
  termIdByCode: Map<string, string>;
  organisationIdByOds: Map<string, string>;
  organisationIdByName: Map<string, string>;
};

async function loadLookups(db: Executor): Promise<Lookups> {
  const terms = await db.select({ id: taxonomyTerms.id, code: taxonomyTerms.code }).from(taxonomyTerms);
  const orgs = await db
    .select({ id: organisations.id, name: organisations.name, ods: organisations.odsCode })
    .from(organisations);
  return {
    termIdByCode: new Map(terms.map((t) => [t.code.toLowerCase(), t.id])),
    organisationIdByOds: new Map(orgs.filter((o) => o.ods).map((o) => [o.ods!.toUpperCase(), o.id])),
    organisationIdByName: new Map(orgs.map((o) => [o.name.trim().toLowerCase(), o.id])),
  };
}

async function findOrCreateOrganisation(
  db: Executor,
  row: ParsedCsvRow,
  lookups: Lookups,
): Promise<{ id: string; isNew: boolean }> {
  const ods = row.organisation_ods_code?.toUpperCase();
  const byOds = ods ? lookups.organisationIdByOds.get(ods) : undefined;
  if (byOds) return { id: byOds, isNew: false };
  const name = row.organisation_name ?? ods!;
  const byName = lookups.organisationIdByName.get(name.trim().toLowerCase());
  if (byName) return { id: byName, isNew: false };
  const [created] = await db
    .insert(organisations)
    .values({ name, type: 'vcse', odsCode: ods ?? null })
    .returning({ id: organisations.id });
  lookups.organisationIdByName.set(name.trim().toLowerCase(), created!.id);
  if (ods) lookups.organisationIdByOds.set(ods, created!.id);
  return { id: created!.id, isNew: true };
}

async function findExistingServiceId(
  db: Executor,
  row: ParsedCsvRow,
  organisationId: string,
): Promise<string | undefined> {
  if (row.service_id) {
    const [byId] = await db.select({ id: services.id }).from(services).where(eq(services.id, row.service_id));
    return byId?.id;
  }
  const [byName] = await db
    .select({ id: services.id })
    .from(services)
    .where(
      and(
        eq(services.organisationId, organisationId),
        sql`lower(${services.name}) = ${row.name.toLowerCase()}`,
      ),
    )
    .limit(1);
  return byName?.id;
}

function toServiceInput(
  row: ParsedCsvRow,
  existing: ServiceInput | undefined,
  context: {
    organisationId: string;
    termIds: string[];
    location: { latitude: number | null; longitude: number | null; boroughCode: string | null } | null;
  },
): ServiceInput {
  const base: ServiceInput = existing ?? { organisationId: context.organisationId, name: row.name };
  const [firstLocation, ...otherLocations] = base.locations ?? [];
  // The phone column is the first contact that has a phone (as exported); without one, a new contact.
  const contacts = [...(base.contacts ?? [])];
  const phoneIndex = contacts.findIndex((c) => c.phone);
  if (phoneIndex >= 0) contacts[phoneIndex] = { ...contacts[phoneIndex], phone: row.phone ?? null };
  else if (row.phone) contacts.push({ phone: row.phone });
  const existingLanguages = new Map((base.languages ?? []).map((l) => [l.code, l]));
  const lastVerifiedAt = row.last_verified
    ? existing?.lastVerifiedAt &&
      new Date(existing.lastVerifiedAt).toISOString().slice(0, 10) === row.last_verified
      ? existing.lastVerifiedAt
      : new Date(`${row.last_verified}T00:00:00Z`)
    : null;
  return {
    ...base,
    organisationId: context.organisationId,
    name: row.name,
    description: row.description,
    url: row.url ?? null,
    email: row.email ?? null,
    status: row.status,
    deliveryModes: row.delivery_modes,
    taxonomyTermIds: context.termIds,
    languages: row.languages.map(
      (code) => existingLanguages.get(code) ?? { code, name: languageNames.of(code) ?? code },
    ),
    minimumAge: row.minimum_age ?? null,
    maximumAge: row.maximum_age ?? null,
    eligibilityDescription: row.eligibility ?? null,
    isFree: row.is_free,
    feesDescription: row.fees ?? null,
    howToAccess: row.how_to_access ?? null,
    isAcceptingReferrals: row.accepting_referrals,
    acceptsWaitingList: row.waiting_list,
    waitingTimeDays: row.waiting_time_days ?? null,
    placesAvailable: row.places_available ?? null,
    placesMaximum: row.places_maximum ?? null,
    schedules: row.opening_times,
    contacts,
    locations: context.location
      ? [
          {
            ...firstLocation,
            name: row.location_name ?? null,
            address1: row.address ?? null,
            city: row.city ?? null,
            postalCode: row.postcode ?? null,
            latitude: context.location.latitude,
            longitude: context.location.longitude,
            boroughCode: context.location.boroughCode,
          },
          ...otherLocations,
        ]
      : otherLocations,
    areas: row.service_areas.map((name) => ({ name, boroughCode: boroughCodeOf(name) ?? null })),
    lastVerifiedAt,
    lastVerifiedByUserId:
      lastVerifiedAt && existing?.lastVerifiedAt === lastVerifiedAt ? existing.lastVerifiedByUserId : null,
  };
}

const unknownCode = (row: number, code: string): RowProblem => ({
  row,
  field: 'taxonomy_codes',
  detail: `"${code}" is not a taxonomy code, for example connected.befriending`,
});

class DryRunRollback extends Error {}

export async function importServicesCsv(options: {
  db: Database;
  actor: UserActor;
  origin: RequestOrigin;
  text: string;
  dryRun: boolean;
}): Promise<ImportResult> {
  const { actor } = options;
  const read = readCsv(options.text);
  if ('problems' in read) throw rowsFailed(read.problems);
  if (read.records.length === 0)
    throw rowsFailed([{ row: 2, field: '', detail: 'The file has no rows after the header.' }]);

  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const parsed: { row: number; value: ParsedCsvRow }[] = [];
  const failed: { row: number; record: CsvRow }[] = [];
  read.records.forEach((record, index) => {
    const row = index + 2;
    const result = csvRowSchema.safeParse(record);
    if (result.success) {
      parsed.push({ row, value: result.data });
      return;
    }
    failed.push({ row, record });
    for (const issue of result.error.issues) {
      problems.push({ row, field: String(issue.path[0] ?? ''), detail: issue.message });
    }
  });

  let result: ImportResult | undefined;
  try {
    await options.db.transaction(async (tx) => {
      const lookups = await loadLookups(tx);
      // Rows that already failed are still checked against the taxonomy, so one pass shows every problem.
      for (const { row, record } of failed) {
        for (const code of splitList(record.taxonomy_codes)) {
          if (!lookups.termIdByCode.has(code.toLowerCase())) problems.push(unknownCode(row, code));
        }
      }
      const inputs: { row: number; input: ServiceInput; isUpdate: boolean }[] = [];
      const seen = new Map<string, number>();
      let organisationsCreated = 0;
      for (const { row, value } of parsed) {
        const before = problems.length;
        const termIds = value.taxonomy_codes.map((code) => {
          const id = lookups.termIdByCode.get(code.toLowerCase());
          if (!id) problems.push(unknownCode(row, code));
          return id ?? '';
        });
        let location: {
          latitude: number | null;
          longitude: number | null;
          boroughCode: string | null;
        } | null = null;
        if (
          value.postcode ||
          value.address ||
          value.location_name ||
          value.city ||
          value.latitude !== undefined
        ) {
          location = {
            latitude: value.latitude ?? null,
            longitude: value.longitude ?? null,
            boroughCode: value.borough ? boroughCodeOf(value.borough)! : null,
          };
          if (value.postcode && (value.latitude === undefined || !value.borough)) {
            try {
              const found = await resolvePostcode(tx, value.postcode, 'postcode', 'body');
              location.latitude ??= found.latitude;
              location.longitude ??= found.longitude;
              location.boroughCode ??= found.boroughCode;
            } catch (error) {
              if (error instanceof AppError && error.code === 'unavailable') {
                warnings.push({
                  row,
                  field: 'postcode',
                  detail: `${error.message} Give latitude, longitude and borough to place this service.`,
                });
              } else if (error instanceof AppError && error.code === 'validation_failed') {
                problems.push({ row, field: 'postcode', detail: error.message });
              } else throw error;
            }
          }
        }
        if (problems.length > before) continue;

        const organisation = await findOrCreateOrganisation(tx, value, lookups);
        if (organisation.isNew) organisationsCreated += 1;
        const existingId = await findExistingServiceId(tx, value, organisation.id);
        if (value.service_id && !existingId) {
          problems.push({
            row,
            field: 'service_id',
            detail: 'No service has this id: leave it empty to add a new service.',
          });
          continue;
        }
        if (existingId) {
          const earlier = seen.get(existingId);
          if (earlier) {
            problems.push({
              row,
              field: 'service_id',
              detail: `Row ${earlier} already changes this service.`,
            });
            continue;
          }
          seen.set(existingId, row);
        }
        const [existing] = existingId ? await loadServiceInputs(tx, [existingId]) : [];
        const input = toServiceInput(value, existing, { organisationId: organisation.id, termIds, location });

        // Coordinators import only into their programme's area (the service's boroughs, before and after).
        const codes = [
          ...boroughCodesOfInput(input),
          ...(existingId ? await boroughCodesOfService(tx, existingId) : []),
        ];
        const curating = await findCuratingProgrammes(tx, [...new Set(codes)]);
        const decision = decide(actor, existingId ? 'update' : 'create', {
          kind: 'service',
          organisationId: null,
          curatingProgrammeIds: curating.map((p) => p.id),
        });
        if (!decision.allowed) {
          problems.push({
            row,
            field: 'borough',
            detail:
              'This service is outside your programme’s area: give its borough, or ask its curator to import it.',
          });
          continue;
        }
        inputs.push({ row, input, isUpdate: !!existingId });
      }
      if (problems.length) throw rowsFailed(problems.sort((a, b) => a.row - b.row));

      await publishServices(
        tx,
        inputs.map((i) => i.input),
        { actorUserId: actor.userId, summary: 'Imported from CSV' },
      );
      result = {
        dryRun: options.dryRun,
        created: inputs.filter((i) => !i.isUpdate).length,
        updated: inputs.filter((i) => i.isUpdate).length,
        organisationsCreated,
        warnings,
      };
      if (options.dryRun) throw new DryRunRollback();
      await recordAudit(tx, {
        actor,
        origin: options.origin,
        action: 'service.import_csv',
        entityType: 'service',
        programmeId: actor.programmeId,
        details: { created: result.created, updated: result.updated, organisationsCreated },
      });
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return result!;
}

/** Services whose ids are known, in chunks, for export. */
export async function loadAllServiceInputs(db: Executor, ids: string[]): Promise<ServiceInput[]> {
  const result: ServiceInput[] = [];
  for (let index = 0; index < ids.length; index += 500) {
    result.push(...(await loadServiceInputs(db, ids.slice(index, index + 500))));
  }
  return result;
}
