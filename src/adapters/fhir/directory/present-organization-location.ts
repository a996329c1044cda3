// Directory rows → FHIR R4 Organization and Location. Empty values are left out: FHIR JSON has no
// empty strings or arrays, and a missing element says "not known" truthfully.
import type { Address, ContactPoint } from 'fhir/r4';
import type { Location, Organization } from '../types';
import { identifierSystems } from '../urls';
import { organisationTypeCoding } from './codes';
import type { LocationSource, OrganisationRow } from './queries';

/** Drops undefined, null, '' and [] so they never reach the wire (FHIR forbids empty elements). */
export function withoutEmpty<T extends object>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([, value]) =>
        value !== undefined &&
        value !== null &&
        value !== '' &&
        !(Array.isArray(value) && value.length === 0),
    ),
  ) as T;
}

/** A website as FHIR's url ContactPoint; a bare domain ("example.org") gets https://. */
export function websiteContactPoint(website: string | null): ContactPoint | undefined {
  const trimmed = website?.trim();
  if (!trimmed) return undefined;
  return { system: 'url', value: /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}` };
}

export function emailContactPoint(email: string | null): ContactPoint | undefined {
  const trimmed = email?.trim();
  return trimmed ? { system: 'email', value: trimmed } : undefined;
}

export function presentOrganization(row: OrganisationRow): Organization {
  return withoutEmpty<Organization>({
    resourceType: 'Organization',
    id: row.id,
    meta: { versionId: String(row.version), lastUpdated: row.updatedAt.toISOString() },
    identifier: row.odsCode
      ? [{ use: 'official', system: identifierSystems.odsCode, value: row.odsCode }]
      : [],
    // Linkwell keeps no retired organisations: an organisation in the directory is in operation.
    active: true,
    type: [{ coding: [organisationTypeCoding(row.type)] }],
    name: row.name,
    telecom: [emailContactPoint(row.email), websiteContactPoint(row.website)].filter(
      (point): point is ContactPoint => point !== undefined,
    ),
  });
}

/** HSDS location_type → FHIR Address.type (a virtual location has no postal or physical address). */
const addressTypes: Record<string, 'physical' | 'postal' | undefined> = {
  physical: 'physical',
  postal: 'postal',
};

export function presentLocation({ location, managingOrganisationId }: LocationSource): Location {
  const address = withoutEmpty<Address>({
    use: 'work',
    type: addressTypes[location.locationType],
    line: location.address1 ? [location.address1] : [],
    city: location.city ?? undefined,
    // HSDS region (e.g. "London") is the administrative area FHIR calls district.
    district: location.region ?? undefined,
    postalCode: location.postalCode ?? undefined,
    country: location.country,
  });
  const hasAddress = Boolean(location.address1 || location.city || location.postalCode);
  return withoutEmpty<Location>({
    resourceType: 'Location',
    id: location.id,
    // Locations carry no version column, so only lastUpdated is known.
    meta: { lastUpdated: location.updatedAt.toISOString() },
    status: 'active',
    name: location.name ?? undefined,
    description: [location.description, location.transport && `Getting there: ${location.transport}`]
      .filter(Boolean)
      .join('\n\n'),
    mode: 'instance',
    address: hasAddress ? address : undefined,
    position:
      location.latitude !== null && location.longitude !== null
        ? { latitude: location.latitude, longitude: location.longitude }
        : undefined,
    managingOrganization: managingOrganisationId
      ? { reference: `Organization/${managingOrganisationId}` }
      : undefined,
  });
}
