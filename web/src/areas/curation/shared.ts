// Shared pieces of the curation pages: who curates, how old an entry may get, and the full
// ServiceInput an edit starts from (the last published version, so fields the form does not show
// are sent back exactly as they were).
import type { Role } from '../../api/types';
import { curation, directory, type ServiceDetail, type ServiceInput } from '../../api/directory';

/** The server calls an entry stale when nobody has confirmed it for this many days. */
export const staleAfterDays = 183;

export const isCurator = (role: Role) => role === 'coordinator' || role === 'platform_admin';

export function isStale(lastVerifiedAt: string | null | undefined, now = Date.now()): boolean {
  if (!lastVerifiedAt) return true;
  return now - new Date(lastVerifiedAt).getTime() > staleAfterDays * 86_400_000;
}

/** A ServiceInput from the public detail, for services with no published revision yet. */
export function inputFromDetail(detail: ServiceDetail): ServiceInput {
  return {
    organisationId: detail.organisation.id,
    name: detail.name,
    description: detail.description,
    url: detail.url,
    email: detail.email,
    status: detail.status,
    feesDescription: detail.costs.feesDescription,
    isFree: detail.costs.isFree,
    qualityMarks: detail.qualityMarks,
    eligibilityDescription: detail.eligibility.description,
    minimumAge: detail.eligibility.minimumAge,
    maximumAge: detail.eligibility.maximumAge,
    alert: detail.alert,
    deliveryModes: detail.deliveryModes,
    howToAccess: detail.howToAccess,
    isAcceptingReferrals: detail.capacity.isAcceptingReferrals,
    acceptsWaitingList: detail.capacity.acceptsWaitingList,
    waitingTimeDays: detail.capacity.waitingTimeDays,
    placesAvailable: detail.capacity.placesAvailable,
    placesMaximum: detail.capacity.placesMaximum,
    assuredDate: detail.freshness.assuredDate,
    taxonomyTermIds: detail.taxonomyTerms.map((term) => term.id),
    locations: detail.locations.map((location) => ({
      id: location.id,
      name: location.name,
      description: location.description,
      latitude: location.latitude,
      longitude: location.longitude,
      address1: location.address1,
      city: location.city,
      postalCode: location.postcode,
      boroughCode: location.boroughCode,
      transport: location.transport,
      accessibility: location.accessibility,
    })),
    schedules: detail.schedules.map((schedule) => ({
      byday: schedule.byday,
      opensAt: schedule.opensAt.slice(0, 5),
      closesAt: schedule.closesAt.slice(0, 5),
      validFrom: schedule.validFrom ?? null,
      validTo: schedule.validTo ?? null,
      attendingType: schedule.attendingType ?? null,
      description: schedule.description ?? null,
    })),
    closures: detail.closures.map((closure) => ({
      startsOn: closure.startsOn,
      endsOn: closure.endsOn,
      reason: closure.reason,
    })),
    languages: detail.languages.map((language) => ({
      code: language.code,
      name: language.name,
      kind: language.kind,
      note: language.note ?? null,
    })),
    areas: detail.areas,
    costOptions: detail.costs.options.map((option) => ({
      option: option.option,
      amount: option.amount,
      amountDescription: option.amountDescription,
    })),
    contacts: detail.contacts,
  };
}

export type EditableService = { detail: ServiceDetail; input: ServiceInput; version: number };

/**
 * The service as the editor starts it: the last published revision's snapshot (the complete input)
 * and its version, else the detail. `knownVersion` is what a 409 told us the service is at now.
 */
export async function loadEditableService(id: string, knownVersion?: number): Promise<EditableService> {
  const [detail, revisions] = await Promise.all([directory.service(id), curation.revisions(id)]);
  const live = revisions.items.find((revision) => revision.status === 'live');
  const base = live ? { ...inputFromDetail(detail), ...(live.snapshot as Partial<ServiceInput>) } : undefined;
  const input = base ?? inputFromDetail(detail);
  // Only the fields the server accepts: a snapshot also carries ids and bookkeeping dates.
  const { organisationId, name } = input;
  return {
    detail,
    input: { ...pickInput(input), organisationId, name },
    version: knownVersion ?? live?.serviceVersion ?? 1,
  };
}

const inputKeys: (keyof ServiceInput)[] = [
  'organisationId',
  'name',
  'description',
  'url',
  'email',
  'status',
  'feesDescription',
  'isFree',
  'accreditations',
  'qualityMarks',
  'eligibilityDescription',
  'minimumAge',
  'maximumAge',
  'alert',
  'deliveryModes',
  'howToAccess',
  'isAcceptingReferrals',
  'acceptsWaitingList',
  'waitingTimeDays',
  'placesAvailable',
  'placesMaximum',
  'assuredDate',
  'assurerEmail',
  'taxonomyTermIds',
  'locations',
  'schedules',
  'closures',
  'languages',
  'areas',
  'costOptions',
  'fundings',
  'contacts',
];

function pickInput(input: ServiceInput): ServiceInput {
  const result: Record<string, unknown> = {};
  for (const key of inputKeys) if (input[key] !== undefined) result[key] = input[key];
  return result as ServiceInput;
}
