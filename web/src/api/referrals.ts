// The referral endpoints the referrer, citizen and provider pages use. Shapes follow
// src/referrals/intake/schemas.ts (referral in, self-referral) and src/referrals/onward/schemas.ts
// (provider inbox, referrer's view). The closed vocabularies come from src/vocabulary, and the
// response types from the server's zod schemas (type-only imports: nothing of zod reaches the bundle).
import type { DemographicAnswers } from '../components/equality-monitoring';
import type { z } from 'zod';
import type {
  createdReferralResponse,
  formTokenResponse,
  selfReferralResponse,
  statusCheckResponse,
} from '../../../src/referrals/intake/schemas';
import type {
  inboxItemResponse,
  onwardReferralResponse,
  sentReferralResponse,
  sentReferralSummaryResponse,
} from '../../../src/referrals/onward/schemas';
import { api } from './client';
import type { Page } from './types';
import { needDomainCodes, type NeedDomain } from '../../../src/vocabulary/needs';
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
  } & Partial<DemographicAnswers>;
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

export type CreatedReferral = z.output<typeof createdReferralResponse>;

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
} & Partial<DemographicAnswers>;

export type FormToken = z.output<typeof formTokenResponse>;
/** `statusSecret` is shown once: a retry answered from the first response carries null. */
export type SelfReferralCreated = z.output<typeof selfReferralResponse>;
export type SelfReferralStatus = z.output<typeof statusCheckResponse>;

// ─── Referrer's view ────────────────────────────────────────────────────────────────────────────

export type SentReferralSummary = z.output<typeof sentReferralSummaryResponse>;
export type SentReferral = z.output<typeof sentReferralResponse>;
export type ReferrerEvent = SentReferral['events'][number];

// ─── Provider inbox ─────────────────────────────────────────────────────────────────────────────

export type OnwardReferral = z.output<typeof onwardReferralResponse>;
export type Attendance = OnwardReferral['attendance'][number];
export type InboxItem = z.output<typeof inboxItemResponse>;

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
