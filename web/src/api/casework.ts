// The casework endpoints a link worker and a coordinator use: the queue, caseloads, one referral's
// full record and what can be done to it, the person's history, tasks, onward referrals and unmet
// needs. Shapes follow src/referrals/casework/schemas.ts and src/referrals/onward/schemas.ts; the
// optional fields keep the pages working while those are still settling.
import { api, request, withQuery } from './client';
import type { Page } from './types';
import {
  contactModes,
  contactOutcomes,
  type ContactMode,
  type ContactOutcome,
} from '../../../src/vocabulary/contact';
import { unmetNeedReasons, type UnmetNeedReason } from '../../../src/vocabulary/onward';
import {
  goalStatuses,
  needPriorities as priorities,
  type GoalStatus,
  type NeedPriority as Priority,
  type ReferralStatus,
  type Urgency,
} from '../../../src/vocabulary/referral';

export { contactModes, contactOutcomes, goalStatuses, priorities, unmetNeedReasons };
export type { ContactMode, ContactOutcome, GoalStatus, Priority, ReferralStatus, UnmetNeedReason, Urgency };
export type UserRef = { id: string; name: string };

export type NextTask = { kind: string; dueAt: string; isOverdue: boolean };

export type ReferralListItem = {
  id: string;
  reference: string;
  status: ReferralStatus;
  urgency: Urgency;
  needs: string[];
  receivedAt: string;
  person: {
    id: string;
    name: string;
    dateOfBirth: string | null;
    age: number | null;
    postcode: string | null;
  };
  assignedLinkWorker: UserRef | null;
  nextTask: NextTask | null;
  daysWaiting: number;
};

export type ReferralList = Page<ReferralListItem>;

export type ReferralListQuery = {
  view: 'queue' | 'caseload' | 'all';
  status?: string | undefined;
  linkWorkerId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
};

export type Snomed = { code: string; display: string };

export type TimelineEvent = {
  id: number;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  note: string | null;
  snomed: Snomed | null;
  isVisibleToReferrer: boolean;
  actorLabel: string;
  onwardReferralId: string | null;
  details: Record<string, unknown>;
  occurredAt: string;
};

export type ContactAttempt = {
  id: string;
  mode: ContactMode;
  outcome: ContactOutcome;
  durationMinutes: number | null;
  note: string;
  occurredAt: string;
  recordedBy: string;
};

export type AssessmentNeed = { domain: string; priority: Priority; detail?: string | undefined };
export type Goal = { id?: string | undefined; text: string; status: GoalStatus };

export type Assessment = {
  id: string;
  referralId: string;
  whatMatters: string;
  needs: AssessmentNeed[];
  goals: (Goal & { id: string })[];
  baselineMeasureDue: boolean;
  assessedBy: string | null;
  assessedAt: string;
  updatedAt: string;
  version: number;
};

export type AssessmentInput = {
  whatMatters: string;
  needs: AssessmentNeed[];
  goals: Goal[];
  version?: number | undefined;
};

/** An onward referral as the case shows it (GET /api/referrals/:id). */
export type CaseOnwardReferral = {
  id: string;
  serviceId: string;
  serviceName: string;
  providerOrganisationId: string;
  providerOrganisationName: string;
  needs: string[];
  status: string;
  declineReason: string | null;
  sentAt: string;
  version: number;
};

/** The onward referral just made (POST /api/referrals/:id/onward-referrals). */
export type CreatedOnwardReferral = {
  id: string;
  reference: string;
  service: { id: string; name: string };
  status: string;
  sentAt: string;
  version: number;
};

export type UnmetNeed = {
  id: string;
  need: string;
  reason: string;
  detail: string;
  createdAt: string;
};

export type CaseTask = {
  id: string;
  referralId: string;
  referralReference: string;
  person: { id: string; name: string };
  kind: string;
  title: string;
  dueAt: string;
  isOverdue: boolean;
  assignedUserId: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  version: number;
};

export type ReferralAbilities = {
  canAccept: boolean;
  canReject: boolean;
  canHold: boolean;
  canResume: boolean;
  canClose: boolean;
  canCloseAsUnableToContact: boolean;
  canRecordContact: boolean;
  canSaveAssessment: boolean;
  canAssign: boolean;
  canAddTask: boolean;
};

export type ReferralPerson = {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  age: number | null;
  phone: string | null;
  email: string | null;
  preferredChannel: string | null;
  addressLine: string | null;
  postcode: string | null;
  language: string | null;
  needsInterpreter: boolean;
};

export type Consent = {
  toReferral: boolean;
  toShare: boolean;
  sharedFields: string[];
  method: string;
  recordedBy: string;
  recordedAt: string;
};

export type ReferralRecord = {
  id: string;
  programmeId: string;
  reference: string;
  status: ReferralStatus;
  urgency: Urgency;
  sourceType: string;
  needs: string[];
  reasonText: string;
  contactPreferences: { bestTimes?: string; doNotContact?: string; safeToLeaveMessage?: boolean };
  referrer: {
    organisationId: string | null;
    organisationName: string | null;
    name: string | null;
    email: string | null;
    phone: string | null;
  };
  consent: Consent;
  rejectionReason: string | null;
  closureReason: string | null;
  statusNote: string | null;
  outcomeSummary: string | null;
  failedContactAttempts: number;
  receivedAt: string;
  acceptedAt: string | null;
  firstContactAt: string | null;
  closedAt: string | null;
  assignedLinkWorker: UserRef | null;
  person: ReferralPerson;
  timeline: TimelineEvent[];
  contactAttempts: ContactAttempt[];
  assessment: Assessment | null;
  onwardReferrals: CaseOnwardReferral[];
  unmetNeeds: UnmetNeed[];
  tasks: { open: CaseTask[]; done: CaseTask[] };
  abilities: ReferralAbilities;
  version: number;
};

export const referralActions = ['accept', 'reject', 'hold', 'resume', 'close'] as const;
export type ReferralActionName = (typeof referralActions)[number];

export type ActionInput = {
  action: ReferralActionName;
  reason?: string | undefined;
  note?: string | undefined;
  outcomeSummary?: string | undefined;
  version: number;
};

export type ContactInput = {
  mode: ContactMode;
  outcome: ContactOutcome;
  durationMinutes?: number | undefined;
  note?: string | undefined;
  occurredAt?: string | undefined;
  version: number;
};

/** The referral's state after a change (assign, actions). */
export type ReferralState = {
  id: string;
  reference: string;
  status: ReferralStatus;
  assignedLinkWorkerId: string | null;
  rejectionReason: string | null;
  closureReason: string | null;
  outcomeSummary: string | null;
  failedContactAttempts: number;
  abilities: ReferralAbilities;
  version: number;
};

export type ContactResult = {
  contactAttempt: ContactAttempt;
  referral: ReferralState;
  canCloseAsUnableToContact: boolean;
};

export type HistoryReferral = {
  id: string;
  reference: string;
  status: string;
  isOpen: boolean;
  needs: string[];
  receivedAt: string;
  closedAt: string | null;
  rejectionReason: string | null;
  closureReason: string | null;
};

export type HistoryOnwardReferral = {
  id: string;
  referralId: string;
  serviceId: string;
  serviceName: string;
  providerOrganisationName: string;
  status: string;
  isActive: boolean;
  declineReason: string | null;
  sentAt: string;
  startedAt: string | null;
  endedAt: string | null;
  attendance: { attended: number; didNotAttend: number };
};

export type PersonHistory = {
  person: { id: string; name: string };
  referrals: HistoryReferral[];
  onwardReferrals: HistoryOnwardReferral[];
};

export type TaskListItem = CaseTask;

export type TaskQuery = {
  scope: 'mine' | 'programme';
  when: 'overdue' | 'due' | 'upcoming' | 'all';
  linkWorkerId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
};

export type OnwardReferralInput = {
  serviceId: string;
  needs: string[];
  noteToProvider?: string | undefined;
  overrideReason?: string | undefined;
};

/** An earlier onward referral of the person to the same service, named in a 409 re-referral warning. */
export type PreviousAttempt = {
  id: string;
  status: string;
  declineReason: string | null;
  sentAt: string;
  /** already_open | declined_before | dropped_out_before */
  why: string;
};

export type UnmetNeedInput = {
  need: string;
  reason: UnmetNeedReason;
  detail?: string | undefined;
  taxonomyTermId?: string | undefined;
};

export type TaxonomyTerm = {
  id: string;
  code: string;
  name: string;
  description: string;
  parentId: string | null;
};
export type Taxonomy = { id: string; name: string; description: string; terms: TaxonomyTerm[] };

const referralUrl = (id: string) => `/api/referrals/${encodeURIComponent(id)}`;

/** A create that is safe to retry: the server answers a repeated key with the first result. */
function postIdempotent<T>(path: string, body: unknown, idempotencyKey: string): Promise<T> {
  return api.post<T>(path, body, { headers: { 'idempotency-key': idempotencyKey } });
}

/** A fresh key for one form's create (kept while the form is open, so a retry reuses it). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** GET /api/casework/waiting-times (coordinators): medians in days; null when nothing to measure. */
export type WaitingTimes = {
  periodDays: number;
  acceptance: { count: number; medianDays: number | null };
  firstContact: {
    count: number;
    medianDays: number | null;
    targetWorkingDays: number;
    withinTargetShare: number | null;
  };
  queue: { count: number; oldestDays: number | null; medianDays: number | null };
};

export const casework = {
  list: (query: ReferralListQuery) => api.get<ReferralList>('/api/referrals', { query }),
  get: (id: string, reason?: string) => api.get<ReferralRecord>(referralUrl(id), { query: { reason } }),
  assign: (id: string, linkWorkerId: string, version: number) =>
    api.post<ReferralState>(`${referralUrl(id)}/assign`, { linkWorkerId, version }),
  act: (id: string, input: ActionInput) => api.post<ReferralState>(`${referralUrl(id)}/actions`, input),
  recordContact: (id: string, input: ContactInput) =>
    api.post<ContactResult>(`${referralUrl(id)}/contacts`, input),
  saveAssessment: (id: string, input: AssessmentInput) =>
    request<Assessment>('PUT', `${referralUrl(id)}/assessment`, { body: input }),
  history: (personId: string, reason?: string) =>
    api.get<PersonHistory>(`/api/people/${encodeURIComponent(personId)}/history`, { query: { reason } }),
  tasks: (query: TaskQuery) => api.get<Page<TaskListItem>>('/api/tasks', { query }),
  waitingTimes: (days = 90) => api.get<WaitingTimes>('/api/casework/waiting-times', { query: { days } }),
  addTask: (id: string, input: { title: string; dueAt: string }, idempotencyKey: string) =>
    postIdempotent<CaseTask>(`${referralUrl(id)}/tasks`, input, idempotencyKey),
  completeTask: (id: string, version: number) =>
    api.post<unknown>(`/api/tasks/${encodeURIComponent(id)}/complete`, { version }),
  referOnward: (id: string, input: OnwardReferralInput, idempotencyKey: string) =>
    postIdempotent<CreatedOnwardReferral>(`${referralUrl(id)}/onward-referrals`, input, idempotencyKey),
  recordUnmetNeed: (id: string, input: UnmetNeedInput) =>
    api.post<UnmetNeed>(`${referralUrl(id)}/unmet-needs`, input),
  taxonomy: () => api.get<{ taxonomies: Taxonomy[] }>('/api/directory/taxonomy'),
};

/** The link to a referral's record, carrying the reason given to open it (if any). */
export function referralLink(id: string, suffix = '', reason?: string | null): string {
  return withQuery(`/casework/referrals/${encodeURIComponent(id)}${suffix}`, { reason: reason ?? undefined });
}
