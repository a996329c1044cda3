// Shared pieces of the curation pages: who curates, how old an entry may get, and the full
// ServiceInput an edit starts from (every stored field, from the server's editable view, so fields
// the form does not show are sent back exactly as they were).
import type { Role } from '../../api/types';
import { curation, directory, type ServiceDetail, type ServiceInput } from '../../api/directory';

/** The server calls an entry stale when nobody has confirmed it for this many days. */
export const staleAfterDays = 183;

export const isCurator = (role: Role) => role === 'coordinator' || role === 'platform_admin';

export function isStale(lastVerifiedAt: string | null | undefined, now = Date.now()): boolean {
  if (!lastVerifiedAt) return true;
  return now - new Date(lastVerifiedAt).getTime() > staleAfterDays * 86_400_000;
}

export type EditableService = { detail: ServiceDetail; input: ServiceInput; version: number };

/**
 * The service as the editor starts it: every stored field (so a save never drops what the form
 * does not show) and its current version. `knownVersion` is what a 409 told us it is at now.
 */
export async function loadEditableService(id: string, knownVersion?: number): Promise<EditableService> {
  const [detail, editable] = await Promise.all([directory.service(id), curation.editable(id)]);
  // Only the fields the server accepts: the stored input also carries ids and bookkeeping dates.
  const { organisationId, name } = editable.input;
  return {
    detail,
    input: { ...pickInput(editable.input), organisationId, name },
    version: knownVersion ?? editable.version,
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
