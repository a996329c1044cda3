// Exporting the directory in the CSV template's columns: a file exported here imports back to the
// same services (each row carries its service_id).
import { stringify } from 'csv-stringify/sync';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { organisations, services, taxonomyTerms } from '../../db/schema';
import { boroughNameOf } from '../curation/boroughs';
import type { ServiceInput } from '../save-service';
import { csvColumns, joinList, type CsvRow } from './columns';
import { loadAllServiceInputs } from './import-services';
import { formatOpeningTimes } from './opening-times';

/** Every service id, ordered by organisation then service name (a stable, readable file). */
export async function listServiceIdsForExport(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .orderBy(asc(organisations.name), asc(services.name), asc(services.id));
  return rows.map((r) => r.id);
}

const text = (value: string | null | undefined) => value ?? '';
const number = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);
const yesNo = (value: boolean | undefined, fallback: boolean) => ((value ?? fallback) ? 'yes' : 'no');

function toRow(
  input: ServiceInput,
  organisation: { name: string; odsCode: string | null },
  codeByTermId: Map<string, string>,
): CsvRow {
  const location = input.locations?.[0];
  const lastVerifiedAt = input.lastVerifiedAt ? new Date(input.lastVerifiedAt) : null;
  return {
    service_id: input.id ?? '',
    organisation_name: organisation.name,
    organisation_ods_code: text(organisation.odsCode),
    name: input.name,
    description: text(input.description),
    url: text(input.url),
    email: text(input.email),
    phone: text(input.contacts?.find((c) => c.phone)?.phone),
    status: input.status ?? 'active',
    delivery_modes: joinList(input.deliveryModes ?? []),
    taxonomy_codes: joinList((input.taxonomyTermIds ?? []).map((id) => codeByTermId.get(id) ?? id).sort()),
    // Nested rows have no stored order, so lists are sorted: the same data always exports the same.
    languages: joinList((input.languages ?? []).map((l) => l.code).sort()),
    minimum_age: number(input.minimumAge),
    maximum_age: number(input.maximumAge),
    eligibility: text(input.eligibilityDescription),
    is_free: yesNo(input.isFree, true),
    fees: text(input.feesDescription),
    how_to_access: text(input.howToAccess),
    accepting_referrals: yesNo(input.isAcceptingReferrals, true),
    waiting_list: yesNo(input.acceptsWaitingList, false),
    waiting_time_days: number(input.waitingTimeDays),
    places_available: number(input.placesAvailable),
    places_maximum: number(input.placesMaximum),
    opening_times: formatOpeningTimes(input.schedules ?? []),
    location_name: text(location?.name),
    address: text(location?.address1),
    city: text(location?.city),
    postcode: text(location?.postalCode),
    latitude: number(location?.latitude),
    longitude: number(location?.longitude),
    borough: location?.boroughCode ? (boroughNameOf(location.boroughCode) ?? '') : '',
    service_areas: joinList((input.areas ?? []).map((a) => a.name).sort()),
    last_verified: lastVerifiedAt ? lastVerifiedAt.toISOString().slice(0, 10) : '',
  };
}

export async function exportServicesCsv(db: Executor): Promise<string> {
  const ids = await listServiceIdsForExport(db);
  const inputs = await loadAllServiceInputs(db, ids);
  const orgRows = await db
    .select({ id: organisations.id, name: organisations.name, odsCode: organisations.odsCode })
    .from(organisations);
  const orgById = new Map(orgRows.map((o) => [o.id, o]));
  const terms = await db.select({ id: taxonomyTerms.id, code: taxonomyTerms.code }).from(taxonomyTerms);
  const codeByTermId = new Map(terms.map((t) => [t.id, t.code]));
  const rows = inputs.map((input) => toRow(input, orgById.get(input.organisationId)!, codeByTermId));
  return stringify(rows, { header: true, columns: [...csvColumns] });
}
