// The referral endpoints the referrer, citizen and provider pages use. Shapes follow
// src/referrals/intake/schemas.ts (referral in, self-referral) and src/referrals/onward/schemas.ts
// (provider inbox, referrer's view). The closed vocabularies come from the server's own modules.
import { api } from './client';
import type { Page } from './types';
import { needDomainCodes, type NeedDomain } from '../../../src/referrals/needs';
import { contactChannels, type ContactChannel } from '../../../src/vocabulary/contact';
import {
  attendanceStatuses,
  declineReasons,
  onwardReferralStatuses,
  type AttendanceStatus,
  type DeclineReason,
  type OnwardReferralStatus,
} from '../../../src/vocabulary/onward';
import {
  closureReasons,
  consentMethods,
  referralStatuses,
  referrerNotifyChoices as notifyChoices,
  rejectionReasons,
  sharedFieldNames,
  type ConsentMethod,
  type ReferralStatus,
  type ReferrerNotifyChoice as NotifyChoice,
  type SharedField,
} from '../../../src/vocabulary/referral';

export {
  attendanceStatuses,
  closureReasons,
  consentMethods,
  contactChannels,
  declineReasons,
  needDomainCodes,
  notifyChoices,
  onwardReferralStatuses,
  referralStatuses,
  rejectionReasons,
  sharedFieldNames,
};
export type {
  AttendanceStatus,
  ConsentMethod,
  ContactChannel,
  DeclineReason,
  NeedDomain,
  NotifyChoice,
  OnwardReferralStatus,
  ReferralStatus,
  SharedField,
};

// ─── Referral in ────────────────────────────────────────────────────────────────────────────────

export type ReferralInput = {
  /** Programme staff only: where a referral they take came from. */
  sourceType?:
    | 'self'
    | 'gp_practice'
    | 'hospital'
    | 'community_health'
    | 'adult_social_care'
    | 'housing'
    | 'vcse'
    | 'other';
  person: {
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    nhsNumber?: string;
    postcode: string;
    email?: string;
    phone?: string;
    preferredChannel?: ContactChannel;
    language?: string;
    needsInterpreter?: boolean;
  };
  needs: NeedDomain[];
  reasonText: string;
  urgency: 'routine' | 'urgent';
  contactPreferences: { bestTimes?: string; doNotContact?: string; safeToLeaveMessage?: boolean };
  consent: {
    toReferral: boolean;
    toShare: boolean;
    sharedFields: SharedField[];
    method: ConsentMethod;
  };
  referrer: { email?: string; phone?: string; notifyBy: NotifyChoice };
};

export type CreatedReferral = {
  id: string;
  reference: string;
  status: ReferralStatus;
  receivedAt: string;
  programme: { id: string; name: string };
  person: { id: string; isExisting?: boolean; matchedOn?: string | null };
  openReferrals?: { reference: string; status: string }[];
  version: number;
};

export type SelfReferralInput = {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcode: string;
  phone?: string;
  email?: string;
  preferredChannel?: ContactChannel;
  bestTimes?: string;
  safeToLeaveMessage?: boolean;
  language?: string;
  needsInterpreter?: boolean;
  needs: NeedDomain[];
  helpWith: string;
  consentToReferral: boolean;
  consentToShare: boolean;
  formToken: string;
  website?: string;
};

export type FormToken = { formToken: string; minimumSeconds: number; expiresInSeconds: number };
/** `statusSecret` is shown once: a retry answered from the first response carries null. */
export type SelfReferralCreated = { reference: string; statusSecret: string | null; checkStatusUrl: string };
export type SelfReferralStatus = {
  reference: string;
  status: string;
  receivedAt: string;
  lastUpdate: string;
};

// ─── Referrer's view ────────────────────────────────────────────────────────────────────────────

export type SentReferralSummary = {
  id: string;
  reference: string;
  person: { givenName: string; familyName: string; dateOfBirth: string | null };
  status: ReferralStatus;
  statusLabel: string;
  receivedAt: string;
  lastUpdate: { type: string; label: string; occurredAt: string } | null;
};

export type ReferrerEvent = {
  type: string;
  label: string;
  occurredAt: string;
  snomed: { system: string; code: string; display: string } | null;
  serviceKinds?: string[];
};

export type SentReferral = SentReferralSummary & {
  urgency: string;
  needs: string[];
  acceptedAt: string | null;
  firstContactAt: string | null;
  closedAt: string | null;
  rejectionReason: string | null;
  rejectionReasonLabel: string | null;
  closureReason: string | null;
  closureReasonLabel: string | null;
  outcomeSummary: string | null;
  connectedServiceKinds: string[];
  events: ReferrerEvent[];
  version: number;
  abilities: { canCancel: boolean };
};

// ─── Provider inbox ─────────────────────────────────────────────────────────────────────────────

export type Attendance = {
  id: string;
  sessionOn: string;
  status: AttendanceStatus;
  note: string;
  recordedAt: string;
};

export type OnwardReferral = {
  id: string;
  referralId: string;
  reference: string;
  service: { id: string; name: string };
  providerOrganisationId: string;
  needs: string[];
  noteToProvider: string;
  status: OnwardReferralStatus;
  declineReason: string | null;
  providerNote: string | null;
  expectedStartOn: string | null;
  sentAt: string;
  respondedAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  sharedFields: string[];
  person: {
    givenName: string;
    dateOfBirth?: string | null;
    phone?: string | null;
    email?: string | null;
    preferredChannel?: string | null;
    contactPreferences?: Record<string, unknown>;
    addressLine?: string | null;
    postcode?: string | null;
    language?: string | null;
    needsInterpreter?: boolean;
    referralNeeds?: string[];
    reasonText?: string;
  };
  attendance: Attendance[];
  version: number;
  abilities: Record<string, boolean>;
};

export type InboxItem = Pick<
  OnwardReferral,
  | 'id'
  | 'reference'
  | 'service'
  | 'needs'
  | 'status'
  | 'expectedStartOn'
  | 'sentAt'
  | 'respondedAt'
  | 'version'
> & { person: { givenName: string } };

export type ProviderAction = 'accept' | 'waitlist' | 'decline' | 'start' | 'complete' | 'drop_out';
export type RespondInput = {
  action: ProviderAction;
  reason?: DeclineReason;
  expectedStartOn?: string;
  note?: string;
  version: number;
};
export type AttendanceInput = { sessionOn: string; status: AttendanceStatus; note?: string };

// ─── Requests ───────────────────────────────────────────────────────────────────────────────────

const quiet = { isUnauthenticatedExpected: true };

/** A fresh Idempotency-Key for one form: every retry of that form sends the same key. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** A create that is safe to retry: the server answers a repeated key with the first result. */
function postIdempotent<T>(path: string, body: unknown, key: string): Promise<T> {
  return api.post<T>(path, body, { headers: { 'idempotency-key': key } });
}

const path = (id: string) => encodeURIComponent(id);

export const referralsApi = {
  create: (input: ReferralInput, idempotencyKey: string) =>
    postIdempotent<CreatedReferral>('/api/referrals', input, idempotencyKey),

  listSent: (query: { q?: string; status?: string; limit: number; offset: number }) =>
    api.get<Page<SentReferralSummary>>('/api/referrals/sent', { query }),
  getSent: (id: string) => api.get<SentReferral>(`/api/referrals/sent/${path(id)}`),
  cancelSent: (id: string, input: { reason?: string; version: number }) =>
    api.post<unknown>(`/api/referrals/sent/${path(id)}/cancel`, input),
};

export const selfReferralApi = {
  formToken: () => api.get<FormToken>('/api/public/referrals/form-token', quiet),
  create: (input: SelfReferralInput, idempotencyKey: string) =>
    postIdempotent<SelfReferralCreated>('/api/public/referrals', input, idempotencyKey),
  status: (input: { reference: string; secret: string }) =>
    api.post<SelfReferralStatus>('/api/public/referrals/status', input, quiet),
};

export const providerApi = {
  inbox: (query: { status?: string; limit: number; offset: number }) =>
    api.get<Page<InboxItem>>('/api/onward-referrals', { query }),
  get: (id: string) => api.get<OnwardReferral>(`/api/onward-referrals/${path(id)}`),
  respond: (id: string, input: RespondInput) =>
    api.post<OnwardReferral>(`/api/onward-referrals/${path(id)}/respond`, input),
  recordAttendance: (id: string, input: AttendanceInput) =>
    api.post<{ attendance: Attendance; onwardReferral: OnwardReferral }>(
      `/api/onward-referrals/${path(id)}/attendance`,
      input,
    ),
};
