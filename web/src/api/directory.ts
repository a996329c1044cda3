// The directory endpoints: search and one service's detail. Both answer anonymous visitors (the
// public /find pages) as well as signed-in staff, so a 401 is not treated as a lost session.
// Shapes follow src/directory/search/schemas.ts.
import { api, request } from './client';
import type { Page } from './types';

export type TaxonomyTermRef = { id: string; code: string; name: string };

export type ServiceCapacity = {
  isAcceptingReferrals: boolean;
  acceptsWaitingList: boolean;
  waitingTimeDays: number | null;
  placesAvailable: number | null;
  isFull: boolean;
};

export type Freshness = { lastVerifiedAt: string | null; isStale: boolean };

/** The next time a service opens: a London date (YYYY-MM-DD) and time (HH:MM). */
export type NextOpening = { date: string; opensAt: string };

export type Opening = {
  isOpenNow: boolean;
  /** Open at the requested openAt (null when none was asked for). */
  openAtRequestedTime?: boolean | null;
  /** The server's English summary; the web app words it itself through i18n. */
  text: string;
  nextOpening: NextOpening | null;
};

export type ServiceLanguage = { code: string; name: string; kind: string; note?: string | null };

export type ServiceSearchResult = {
  id: string;
  name: string;
  organisation: { id: string; name: string };
  summary: string;
  taxonomyTerms: TaxonomyTermRef[];
  location: {
    id: string;
    name: string | null;
    address: string | null;
    postcode: string | null;
    latitude: number | null;
    longitude: number | null;
  } | null;
  distanceKm: number | null;
  opening: Opening;
  capacity: ServiceCapacity & { text: string };
  freshness: Freshness & { text: string };
  languages: ServiceLanguage[];
  deliveryModes: string[];
  isFree: boolean;
  ageRange: { minimum: number | null; maximum: number | null };
  /** Plain-English reasons from the server (not yet translated). */
  matchReasons: string[];
};

export type ResolvedPostcode = {
  postcode: string;
  latitude: number;
  longitude: number;
  boroughCode: string | null;
  boroughName: string | null;
  precision: 'postcode' | 'sector' | 'district';
  note: string | null;
};

export type SearchAnswer = Page<ServiceSearchResult> & {
  limit: number;
  offset: number;
  query: {
    text: string | null;
    postcode: ResolvedPostcode | null;
    point: { latitude: number; longitude: number } | null;
    radiusKm: number | null;
    openAt: string | null;
    servedBoroughCode: string | null;
    staleAfterDays: number;
  };
};

export type SearchQuery = {
  q?: string | undefined;
  taxonomyTermIds?: string | undefined;
  postcode?: string | undefined;
  radiusKm?: string | undefined;
  openNow?: boolean | undefined;
  languages?: string | undefined;
  freeOnly?: boolean | undefined;
  age?: string | undefined;
  deliveryModes?: string | undefined;
  acceptingReferralsOnly?: boolean | undefined;
  boroughCode?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
};

export type ServiceDetailLocation = {
  id: string;
  name: string | null;
  description: string | null;
  address1: string | null;
  city: string | null;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  boroughCode: string | null;
  transport: string | null;
  accessibility: string[];
};

export type WeeklyOpening = {
  byday: string;
  opensAt: string;
  closesAt: string;
  validFrom?: string | null;
  validTo?: string | null;
  attendingType?: string | null;
  description?: string | null;
};

export type ServiceDetail = {
  id: string;
  name: string;
  description: string;
  status: string;
  url: string | null;
  email: string | null;
  organisation: {
    id: string;
    name: string;
    description: string;
    website: string | null;
    email: string | null;
  };
  taxonomyTerms: TaxonomyTermRef[];
  locations: ServiceDetailLocation[];
  schedules: WeeklyOpening[];
  closures: { startsOn: string; endsOn: string; reason: string }[];
  opening: Omit<Opening, 'openAtRequestedTime'>;
  languages: ServiceLanguage[];
  areas: { name: string; boroughCode: string | null }[];
  costs: {
    isFree: boolean;
    feesDescription: string | null;
    options: {
      option: string | null;
      amount: string | null;
      currency: string;
      amountDescription: string | null;
    }[];
  };
  contacts: { name: string | null; title: string | null; email: string | null; phone: string | null }[];
  eligibility: { description: string | null; minimumAge: number | null; maximumAge: number | null };
  deliveryModes: string[];
  howToAccess: string | null;
  alert: string | null;
  qualityMarks: string[];
  capacity: ServiceCapacity & { placesMaximum: number | null; updatedAt: string | null };
  /** How the service answered onward referrals; null figures when there were fewer than 5 answers. */
  replies: {
    periodMonths: number;
    referralsAnswered: number;
    acceptanceRate: number | null;
    medianReplyDays: number | null;
  };
  freshness: Freshness & { assuredDate: string | null };
};

const quiet = { isUnauthenticatedExpected: true };

export const directory = {
  search: (query: SearchQuery, signal?: AbortSignal) =>
    api.get<SearchAnswer>('/api/directory/search', {
      query,
      signal,
      ...quiet,
    }),
  service: (id: string) => api.get<ServiceDetail>(`/api/directory/services/${encodeURIComponent(id)}`, quiet),
};

// Curation: providers keep their own entries right, curators review changes, anyone reports errors.
// Shapes follow src/directory/curation/schemas.ts.

/** The full service a PUT sends back (the server's ServiceInput); nested lists replace stored ones. */
export type ServiceInput = {
  organisationId: string;
  name: string;
  description?: string | undefined;
  url?: string | null | undefined;
  email?: string | null | undefined;
  status?: string | undefined;
  feesDescription?: string | null | undefined;
  isFree?: boolean | undefined;
  accreditations?: string | null | undefined;
  qualityMarks?: string[] | undefined;
  eligibilityDescription?: string | null | undefined;
  minimumAge?: number | null | undefined;
  maximumAge?: number | null | undefined;
  alert?: string | null | undefined;
  deliveryModes?: string[] | undefined;
  howToAccess?: string | null | undefined;
  isAcceptingReferrals?: boolean | undefined;
  acceptsWaitingList?: boolean | undefined;
  waitingTimeDays?: number | null | undefined;
  placesAvailable?: number | null | undefined;
  placesMaximum?: number | null | undefined;
  assuredDate?: string | null | undefined;
  assurerEmail?: string | null | undefined;
  taxonomyTermIds?: string[] | undefined;
  locations?: Record<string, unknown>[] | undefined;
  schedules?: WeeklyOpening[] | undefined;
  closures?: { startsOn: string; endsOn: string; reason?: string | undefined }[] | undefined;
  languages?: { code: string; name: string; kind?: string | undefined; note?: string | null }[] | undefined;
  areas?: { name: string; boroughCode?: string | null; extentType?: string | null }[] | undefined;
  costOptions?:
    { option?: string | null; amount?: string | null; amountDescription?: string | null }[] | undefined;
  fundings?: { source: string }[] | undefined;
  contacts?:
    | { name?: string | null; title?: string | null; email?: string | null; phone?: string | null }[]
    | undefined;
};

export type PublishResult = {
  serviceId: string;
  revisionId: string;
  status: 'live' | 'pending';
  version: number;
};

export type ServiceRevision = {
  id: string;
  serviceId: string;
  serviceName: string;
  status: string;
  summary: string;
  serviceVersion: number | null;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  reviewedAt: string | null;
  reviewedBy: { id: string; name: string } | null;
  reviewNote: string | null;
  changedFields: string[];
  snapshot: Record<string, unknown>;
};

export type ServiceReport = {
  id: string;
  serviceId: string;
  serviceName: string;
  message: string;
  reporterName: string | null;
  reporterEmail: string | null;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
};

export type ReportInput = {
  message: string;
  reporterName?: string | null;
  reporterEmail?: string | null;
  website?: string;
};

/** One service of an organisation, from the Open Referral list (snake_case, as the standard has it). */
export type OrganisationServiceSummary = {
  id: string;
  name: string;
  status?: string;
  last_verified_at?: string;
};

const serviceUrl = (id: string) => `/api/directory/services/${encodeURIComponent(id)}`;

export const curation = {
  organisationServices: (organisationId: string) =>
    api.get<{ contents: OrganisationServiceSummary[] }>('/openreferral/services', {
      query: { organization_id: organisationId, per_page: 100 },
    }),
  update: (id: string, input: ServiceInput & { version: number; summary?: string }) =>
    request<PublishResult>('PUT', serviceUrl(id), { body: input }),
  editable: (id: string) => api.get<{ version: number; input: ServiceInput }>(`${serviceUrl(id)}/editable`),
  verify: (id: string) => api.post<{ serviceId: string; lastVerifiedAt: string }>(`${serviceUrl(id)}/verify`),
  revisions: (id: string) => api.get<{ items: ServiceRevision[] }>(`${serviceUrl(id)}/revisions`),
  revert: (id: string, revisionId: string) =>
    api.post<PublishResult>(`${serviceUrl(id)}/revisions/${encodeURIComponent(revisionId)}/revert`),
  reviewQueue: () => api.get<{ items: ServiceRevision[] }>('/api/directory/review-queue'),
  review: (revisionId: string, decision: 'approve' | 'reject', note?: string) =>
    api.post<{ status: string }>(`/api/directory/revisions/${encodeURIComponent(revisionId)}/${decision}`, {
      ...(note ? { note } : {}),
    }),
  report: (id: string, input: ReportInput) =>
    api.post<{ received: true }>(`${serviceUrl(id)}/reports`, input, quiet),
  reports: () => api.get<{ items: ServiceReport[] }>('/api/directory/reports', { query: { status: 'open' } }),
  resolveReport: (id: string) =>
    api.post<ServiceReport>(`/api/directory/reports/${encodeURIComponent(id)}/resolve`, {
      status: 'resolved',
    }),
};
