// The casework endpoints a link worker and a coordinator use: the queue, caseloads, one referral's
// full record and what can be done to it, the person's history, tasks, onward referrals and unmet
// needs. The response types come from the server's own zod schemas (src/referrals/casework/
// schemas.ts; type-only imports, so nothing of zod reaches the bundle): a changed response is a
// compile error here rather than a surprise in a page. Request bodies stay written out below.
import type { z } from 'zod';
import type {
  abilitiesResponse,
  assessmentResponse,
  contactAttemptResponse,
  contactResponse,
  historyResponse,
  referralDetailResponse,
  referralListItem,
  referralStateResponse,
  taskResponse,
} from '../../../src/referrals/casework/schemas';
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
export type ReferralListItem = z.output<typeof referralListItem>;
export type UserRef = NonNullable<ReferralListItem['assignedLinkWorker']>;
export type NextTask = NonNullable<ReferralListItem['nextTask']>;

export type ReferralList = Page<ReferralListItem>;

export type ReferralListQuery = {
  view: 'queue' | 'caseload' | 'all';
  status?: string | undefined;
  linkWorkerId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
};

export type ContactAttempt = z.output<typeof contactAttemptResponse>;

export type AssessmentNeed = { domain: string; priority: Priority; detail?: string | undefined };
export type Goal = { id?: string | undefined; text: string; status: GoalStatus };

export type AssessmentInput = {
  whatMatters: string;
  needs: AssessmentNeed[];
  goals: Goal[];
  version?: number | undefined;
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

/** GET /api/referrals/:id; contactPreferences is stored as sent (referral in validates its keys). */
export type ReferralRecord = Omit<z.output<typeof referralDetailResponse>, 'contactPreferences'> & {
  contactPreferences: { bestTimes?: string; doNotContact?: string; safeToLeaveMessage?: boolean };
};
export type TimelineEvent = ReferralRecord['timeline'][number];
export type Snomed = NonNullable<TimelineEvent['snomed']>;
export type Assessment = z.output<typeof assessmentResponse>;
/** An onward referral as the case shows it. */
export type CaseOnwardReferral = ReferralRecord['onwardReferrals'][number];
export type UnmetNeed = ReferralRecord['unmetNeeds'][number];
export type CaseTask = z.output<typeof taskResponse>;
export type ReferralAbilities = z.output<typeof abilitiesResponse>;
export type ReferralPerson = ReferralRecord['person'];
export type Consent = ReferralRecord['consent'];
/** A detail the referral gives that the person record lacks (filled on accept) or holds otherwise. */
export type ProposedPersonDetail = ReferralRecord['personDetailsFromReferral'][number];
export type ProposedPersonField = ProposedPersonDetail['field'];
/** A person intake flagged as perhaps this referral's person, for the link worker's duplicate review. */
export type PossibleDuplicate = ReferralRecord['possibleDuplicates'][number];
export type PersonMatchReason = PossibleDuplicate['reason'];

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
export type ReferralState = z.output<typeof referralStateResponse>;
export type ContactResult = z.output<typeof contactResponse>;
export type PersonHistory = z.output<typeof historyResponse>;
export type HistoryReferral = PersonHistory['referrals'][number];
export type HistoryOnwardReferral = PersonHistory['onwardReferrals'][number];

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
  /** How many open cases a link worker has (the list's total; one row fetched). */
  openCaseloadOf: (linkWorkerId: string) =>
    api
      .get<ReferralList>('/api/referrals', { query: { view: 'caseload', linkWorkerId, limit: 1 } })
      .then((page) => page.total),
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
