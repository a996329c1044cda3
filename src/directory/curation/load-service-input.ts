// Reads services back as the ServiceInput that saveServices writes, so a revision snapshot, an
// export row and a revert all describe a service in exactly the writer's terms.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  contacts,
  costOptions,
  fundings,
  locations,
  schedules,
  serviceAreas,
  serviceAtLocations,
  serviceClosures,
  serviceLanguages,
  serviceTaxonomyTerms,
  services,
} from '../../db/schema';
import { serviceFieldsWithDefaults, type ScheduleInput, type ServiceInput } from '../save-service';

type ServiceRow = typeof services.$inferSelect;

function groupBy<T extends { serviceId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.serviceId) ?? [];
    list.push(row);
    map.set(row.serviceId, list);
  }
  return map;
}

const hhmm = (time: string) => time.slice(0, 5);

function fromRow(row: ServiceRow): ServiceInput {
  return {
    id: row.id,
    organisationId: row.organisationId,
    name: row.name,
    description: row.description,
    url: row.url,
    email: row.email,
    status: row.status,
    feesDescription: row.feesDescription,
    isFree: row.isFree,
    accreditations: row.accreditations,
    qualityMarks: row.qualityMarks,
    eligibilityDescription: row.eligibilityDescription,
    minimumAge: row.minimumAge,
    maximumAge: row.maximumAge,
    alert: row.alert,
    deliveryModes: row.deliveryModes,
    howToAccess: row.howToAccess,
    isAcceptingReferrals: row.isAcceptingReferrals,
    acceptsWaitingList: row.acceptsWaitingList,
    waitingTimeDays: row.waitingTimeDays,
    placesAvailable: row.placesAvailable,
    placesMaximum: row.placesMaximum,
    capacityUpdatedAt: row.capacityUpdatedAt,
    lastVerifiedAt: row.lastVerifiedAt,
    lastVerifiedByUserId: row.lastVerifiedByUserId,
    assuredDate: row.assuredDate,
    assurerEmail: row.assurerEmail,
  };
}

/** The services with these ids as complete ServiceInputs (missing ids are left out), in id order given. */
export async function loadServiceInputs(db: Executor, ids: string[]): Promise<ServiceInput[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(services).where(inArray(services.id, ids));
  const links = await db
    .select({ serviceId: serviceAtLocations.serviceId, location: locations })
    .from(serviceAtLocations)
    .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
    .where(inArray(serviceAtLocations.serviceId, ids))
    .orderBy(asc(locations.id));
  const scheduleRows = groupBy(
    await db.select().from(schedules).where(inArray(schedules.serviceId, ids)).orderBy(asc(schedules.id)),
  );
  const closureRows = groupBy(
    await db
      .select()
      .from(serviceClosures)
      .where(inArray(serviceClosures.serviceId, ids))
      .orderBy(asc(serviceClosures.id)),
  );
  const languageRows = groupBy(
    await db
      .select()
      .from(serviceLanguages)
      .where(inArray(serviceLanguages.serviceId, ids))
      .orderBy(asc(serviceLanguages.id)),
  );
  const areaRows = groupBy(
    await db
      .select()
      .from(serviceAreas)
      .where(inArray(serviceAreas.serviceId, ids))
      .orderBy(asc(serviceAreas.id)),
  );
  const costRows = groupBy(
    await db
      .select()
      .from(costOptions)
      .where(inArray(costOptions.serviceId, ids))
      .orderBy(asc(costOptions.id)),
  );
  const fundingRows = groupBy(
    await db.select().from(fundings).where(inArray(fundings.serviceId, ids)).orderBy(asc(fundings.id)),
  );
  const contactRows = groupBy(
    await db.select().from(contacts).where(inArray(contacts.serviceId, ids)).orderBy(asc(contacts.id)),
  );
  const termRows = groupBy(
    await db.select().from(serviceTaxonomyTerms).where(inArray(serviceTaxonomyTerms.serviceId, ids)),
  );
  // Ordered by id: export and import read the same row as "the first" location or contact.
  const locationRows = groupBy(links.map((l) => ({ serviceId: l.serviceId, ...l.location })));

  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const input = fromRow(row);
    input.taxonomyTermIds = (termRows.get(id) ?? []).map((t) => t.taxonomyTermId).sort();
    input.locations = (locationRows.get(id) ?? []).map((l) => ({
      id: l.id,
      locationType: l.locationType,
      name: l.name,
      description: l.description,
      latitude: l.latitude,
      longitude: l.longitude,
      address1: l.address1,
      city: l.city,
      region: l.region,
      postalCode: l.postalCode,
      boroughCode: l.boroughCode,
      transport: l.transport,
      accessibility: l.accessibility,
    }));
    input.schedules = sortSchedules(
      (scheduleRows.get(id) ?? []).map((s) => ({
        byday: s.byday as ScheduleInput['byday'],
        opensAt: hhmm(s.opensAt),
        closesAt: hhmm(s.closesAt),
        validFrom: s.validFrom,
        validTo: s.validTo,
        attendingType: s.attendingType,
        description: s.description,
        notes: s.notes,
      })),
    );
    input.closures = (closureRows.get(id) ?? []).map((c) => ({
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      reason: c.reason,
    }));
    input.languages = (languageRows.get(id) ?? []).map((l) => ({
      code: l.code,
      name: l.name,
      kind: l.kind,
      note: l.note,
    }));
    input.areas = (areaRows.get(id) ?? []).map((a) => ({
      name: a.name,
      boroughCode: a.boroughCode,
      extentType: a.extentType,
    }));
    input.costOptions = (costRows.get(id) ?? []).map((c) => ({
      option: c.option,
      amount: c.amount,
      amountDescription: c.amountDescription,
    }));
    input.fundings = (fundingRows.get(id) ?? []).map((f) => ({ source: f.source }));
    input.contacts = (contactRows.get(id) ?? []).map((c) => ({
      name: c.name,
      title: c.title,
      email: c.email,
      phone: c.phone,
    }));
    return [input];
  });
}

const dayOrder = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * The input with every default filled in the way saveServices stores it, so a snapshot of a
 * pending change has the same shape as one read back from the tables.
 */
export function completeServiceInput(input: ServiceInput): ServiceInput {
  const [service] = [input].map((i): ServiceInput => ({
    id: i.id,
    ...serviceFieldsWithDefaults(i),
    taxonomyTermIds: [...new Set(i.taxonomyTermIds ?? [])].sort(),
    locations: (i.locations ?? []).map((l) => ({
      ...(l.id ? { id: l.id } : {}),
      locationType: l.locationType ?? 'physical',
      name: l.name ?? null,
      description: l.description ?? null,
      latitude: l.latitude ?? null,
      longitude: l.longitude ?? null,
      address1: l.address1 ?? null,
      city: l.city ?? null,
      region: l.region ?? null,
      postalCode: l.postalCode ?? null,
      boroughCode: l.boroughCode ?? null,
      transport: l.transport ?? null,
      accessibility: l.accessibility ?? [],
    })),
    schedules: sortSchedules(
      (i.schedules ?? []).map((s) => ({
        byday: s.byday,
        opensAt: s.opensAt,
        closesAt: s.closesAt,
        validFrom: s.validFrom ?? null,
        validTo: s.validTo ?? null,
        attendingType: s.attendingType ?? null,
        description: s.description ?? null,
        notes: s.notes ?? null,
      })),
    ),
    closures: (i.closures ?? []).map((c) => ({
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      reason: c.reason ?? '',
    })),
    languages: (i.languages ?? []).map((l) => ({
      code: l.code,
      name: l.name,
      kind: l.kind ?? 'spoken',
      note: l.note ?? null,
    })),
    areas: (i.areas ?? []).map((a) => ({
      name: a.name,
      boroughCode: a.boroughCode ?? null,
      extentType: a.extentType ?? null,
    })),
    costOptions: (i.costOptions ?? []).map((c) => ({
      option: c.option ?? null,
      amount: c.amount ?? null,
      amountDescription: c.amountDescription ?? null,
    })),
    fundings: (i.fundings ?? []).map((f) => ({ source: f.source })),
    contacts: (i.contacts ?? []).map((c) => ({
      name: c.name ?? null,
      title: c.title ?? null,
      email: c.email ?? null,
      phone: c.phone ?? null,
    })),
  }));
  return service!;
}

function sortSchedules(list: ScheduleInput[]): ScheduleInput[] {
  return [...list].sort(
    (a, b) => dayOrder.indexOf(a.byday) - dayOrder.indexOf(b.byday) || a.opensAt.localeCompare(b.opensAt),
  );
}

/** A snapshot read back from jsonb: dates arrive as strings and must be Dates again for the writer. */
export function snapshotToInput(snapshot: unknown): ServiceInput {
  const input = { ...(snapshot as ServiceInput) };
  for (const key of ['capacityUpdatedAt', 'lastVerifiedAt'] as const) {
    const value = input[key] as Date | string | null | undefined;
    input[key] = typeof value === 'string' ? new Date(value) : (value ?? null);
  }
  return input;
}
