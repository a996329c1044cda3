// Who curates a service: the programmes whose areas include a borough the service serves or is
// located in. Their coordinators are its curators, and their settings decide whether a provider's
// edit goes live at once or waits for approval.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { locations, programmes, serviceAreas, serviceAtLocations, users } from '../../db/schema';
import type { ServiceInput } from '../save-service';
import { boroughCodeOf, boroughNameOf } from './boroughs';
import { readProgrammeSettings } from '../../programmes/settings';

export type CuratingProgramme = { id: string; name: string; editsNeedApproval: boolean };

/** Programme settings this module reads; defaults live here so old rows keep working. */
export function directoryEditsNeedApproval(settings: unknown): boolean {
  return readProgrammeSettings(settings).directoryEditsNeedApproval;
}

/** GSS borough codes a ServiceInput names through its locations and areas. */
export function boroughCodesOfInput(input: ServiceInput): string[] {
  const codes = [
    ...(input.locations ?? []).map((l) => l.boroughCode),
    ...(input.areas ?? []).map((a) => a.boroughCode ?? (a.name ? boroughCodeOf(a.name) : undefined)),
  ];
  return [...new Set(codes.filter((c): c is string => typeof c === 'string' && c !== ''))];
}

/** GSS borough codes a stored service is in, through its locations and service areas. */
export async function boroughCodesOfService(db: Executor, serviceId: string): Promise<string[]> {
  const areaRows = await db
    .select({ code: serviceAreas.boroughCode })
    .from(serviceAreas)
    .where(eq(serviceAreas.serviceId, serviceId));
  const locationRows = await db
    .select({ code: locations.boroughCode })
    .from(serviceAtLocations)
    .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
    .where(eq(serviceAtLocations.serviceId, serviceId));
  return [...new Set([...areaRows, ...locationRows].map((r) => r.code).filter((c): c is string => !!c))];
}

export async function findCuratingProgrammes(
  db: Executor,
  boroughCodes: string[],
): Promise<CuratingProgramme[]> {
  const names = boroughCodes.map(boroughNameOf).filter((n): n is string => !!n);
  if (names.length === 0) return [];
  const rows = await db
    .select({ id: programmes.id, name: programmes.name, settings: programmes.settings })
    .from(programmes)
    .where(
      sql`${programmes.areas} && ${sql`array[${sql.join(
        names.map((n) => sql`${n}`),
        sql`, `,
      )}]::text[]`}`,
    );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    editsNeedApproval: directoryEditsNeedApproval(row.settings),
  }));
}

/** Borough GSS codes a programme covers (its areas are borough names). */
export function boroughCodesOfProgrammeAreas(areas: string[]): string[] {
  return areas.map(boroughCodeOf).filter((c): c is string => !!c);
}

/**
 * Whether a provider's change must wait for a curator. Programmes may tighten, never loosen: if any
 * curating programme asks for approval, it waits. With no curating programme it waits too, for a
 * platform admin, because nobody has said providers' edits may go straight out there.
 */
export function providerEditsNeedApproval(curating: CuratingProgramme[]): boolean {
  return curating.length === 0 || curating.some((p) => p.editsNeedApproval);
}

export type Recipient = { userId: string; name: string; email: string; programmeId: string | null };

export async function findCurators(db: Executor, programmeIds: readonly string[]): Promise<Recipient[]> {
  if (programmeIds.length === 0) return [];
  const rows = await db
    .select({ userId: users.id, name: users.name, email: users.email, programmeId: users.programmeId })
    .from(users)
    .where(
      and(
        inArray(users.programmeId, [...programmeIds]),
        eq(users.role, 'coordinator'),
        isNull(users.disabledAt),
      ),
    );
  return rows;
}

export async function findOwnerStaff(
  db: Executor,
  organisationIds: readonly string[],
): Promise<(Recipient & { organisationId: string })[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      programmeId: users.programmeId,
      organisationId: users.organisationId,
    })
    .from(users)
    .where(
      and(
        inArray(users.organisationId, [...organisationIds]),
        eq(users.role, 'provider_staff'),
        isNull(users.disabledAt),
      ),
    );
  return rows.map((r) => ({ ...r, organisationId: r.organisationId! }));
}
