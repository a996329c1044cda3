// The codes the FHIR directory speaks: Linkwell's own code systems (organisation type, delivery
// mode), the HL7 code systems HealthcareService binds to, and the system URL of each taxonomy.
import { linkwellCanonical } from '../urls';
import type { ServiceStatus } from '../../../vocabulary/directory';
import type { Coding } from '../types';

export const directoryCodeSystems = {
  /** Linkwell's kinds of organisation (organisations.type). */
  organisationType: `${linkwellCanonical}/CodeSystem/organisation-type`,
  /** How a service is delivered (services.delivery_modes), carried as HealthcareService.characteristic. */
  deliveryMode: `${linkwellCanonical}/CodeSystem/delivery-mode`,
  /** Prefix for a taxonomy that has no URI of its own (an imported feed may leave it out). */
  taxonomyWithoutUri: `${linkwellCanonical}/CodeSystem/taxonomy/`,
  serviceProvision: 'http://terminology.hl7.org/CodeSystem/service-provision-conditions',
  referralMethod: 'http://terminology.hl7.org/CodeSystem/service-referral-method',
  locationPhysicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  /** Languages as BCP 47 tags: ISO 639-1 codes (and 639-3 where no 639-1 exists) are valid tags. */
  language: 'urn:ietf:bcp:47',
} as const;

/**
 * HSDS statuses of a service no longer offered: HealthcareService.active is false. A "temporarily
 * closed" service stays active, as FHIR asks (a closure is notAvailable, not inactive).
 */
export const retiredStatuses: ServiceStatus[] = ['inactive', 'defunct'];

const organisationTypeNames: Record<string, string> = {
  gp_practice: 'GP practice',
  hospital_trust: 'Hospital trust',
  council: 'Council',
  vcse: 'Voluntary, community or social enterprise organisation',
  advice_agency: 'Advice agency',
  cvs: 'Council for voluntary service',
  housing_association: 'Housing association',
  icb: 'Integrated care board',
};

const deliveryModeNames: Record<string, string> = {
  in_person: 'In person',
  telephone: 'By telephone',
  online: 'Online',
  home_visit: 'Home visits',
};

/** "some_code" → "Some code", for a code added after this table was written. */
const fallbackDisplay = (code: string) => {
  const words = code.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function organisationTypeCoding(type: string): Coding {
  return {
    system: directoryCodeSystems.organisationType,
    code: type,
    display: organisationTypeNames[type] ?? fallbackDisplay(type),
  };
}

export function deliveryModeCoding(mode: string): Coding {
  return {
    system: directoryCodeSystems.deliveryMode,
    code: mode,
    display: deliveryModeNames[mode] ?? fallbackDisplay(mode),
  };
}

/**
 * A taxonomy's code system is the taxonomy's own URI (Linkwell's taxonomies have canonical ones,
 * e.g. https://linkwell.example/taxonomies/support), so a term's coding means the same on every
 * server. Codes are unique only within one taxonomy, which is why the system matters.
 */
export function taxonomySystem(taxonomy: { id: string; uri: string | null }): string {
  return taxonomy.uri ?? `${directoryCodeSystems.taxonomyWithoutUri}${taxonomy.id}`;
}
