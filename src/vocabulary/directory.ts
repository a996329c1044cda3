// The directory's closed sets (Open Referral UK / HSDS where it has one), declared once for the zod
// schemas, the database's CHECK constraints (migration 0019) and the web app. Imports nothing.

/** HSDS service status (services.status). */
export const serviceStatuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

/** HSDS location type (locations.location_type). */
export const locationTypes = ['physical', 'postal', 'virtual'] as const;
export type LocationType = (typeof locationTypes)[number];

/**
 * A version of a service (service_revisions.status): a change waiting for review, a published
 * version, a refused change, or a change a later one replaced before review.
 */
export const serviceRevisionStatuses = ['pending', 'live', 'rejected', 'superseded'] as const;
export type ServiceRevisionStatus = (typeof serviceRevisionStatuses)[number];

/** "Something is wrong with this entry" (service_reports.status). */
export const serviceReportStatuses = ['open', 'resolved', 'dismissed'] as const;
export type ServiceReportStatus = (typeof serviceReportStatuses)[number];

/** A language spoken by staff, or interpretation on request (service_languages.kind). */
export const serviceLanguageKinds = ['spoken', 'interpretation'] as const;
export type ServiceLanguageKind = (typeof serviceLanguageKinds)[number];
