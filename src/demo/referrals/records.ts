// Row builders for the demo history. Every state change goes through the same pure state machines
// the API uses (transitionReferral, transitionOnwardReferral) and writes the event row the API
// would write, with the SNOMED concept and referrer visibility the machine decides, at the
// historical time. Nothing here touches the database: rows are collected and inserted in bulk.
import { addWorkingDays } from '../../referrals/deadlines';
import { randomUUID } from 'node:crypto';
import type {
  assessments,
  attendances,
  contactAttempts,
  onwardReferrals,
  people,
  referralEvents,
  referrals,
  tasks,
  unmetNeeds,
} from '../../db/schema';
import {
  transitionOnwardReferral,
  type OnwardActor,
  type OnwardReferralAction,
  type OnwardReferralStatus,
} from '../../referrals/onward-referral-state';
import {
  transitionReferral,
  type ReferralAction,
  type ReferralSnapshot,
  type ReferralStatus,
} from '../../referrals/referral-state';
import type { SnomedConcept } from '../../referrals/snomed';
import type { HealthUseRow, MeasureRow } from './measures';
import { taskTitles, type TaskKind } from '../../referrals/tasks';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];
export type ReferralRow = Insert<typeof referrals> & { id: string };
export type OnwardRow = Insert<typeof onwardReferrals> & { id: string };
export type EventRow = Omit<Insert<typeof referralEvents>, 'id'>;
export type TaskRow = Insert<typeof tasks>;

/** All rows of one programme's history, inserted table by table in chunks. */
export type SeedRows = {
  people: Insert<typeof people>[];
  referrals: ReferralRow[];
  events: EventRow[];
  contacts: Insert<typeof contactAttempts>[];
  assessments: Insert<typeof assessments>[];
  onwardReferrals: OnwardRow[];
  attendances: Insert<typeof attendances>[];
  unmetNeeds: Insert<typeof unmetNeeds>[];
  tasks: TaskRow[];
  measures: MeasureRow[];
  healthUse: HealthUseRow[];
};

export function emptySeedRows(): SeedRows {
  return {
    people: [],
    referrals: [],
    events: [],
    contacts: [],
    assessments: [],
    onwardReferrals: [],
    attendances: [],
    unmetNeeds: [],
    tasks: [],
    measures: [],
    healthUse: [],
  };
}

/** Who did it, as the timeline shows it. */
export type EventActor = { userId: string | null; label: string };

/** Linkwell's own background jobs, as the timeline names them (src/referrals/store.ts actorLabel). */
export const linkwellJob: EventActor = { userId: null, label: 'Linkwell' };

/** One referral's life: its row, its events and its tasks, kept in step with the state machine. */
export class ReferralRecord {
  private readonly snapshot: ReferralSnapshot = {
    status: 'received',
    failedContactAttempts: 0,
    hasFirstContact: false,
  };
  private readonly ownTasks: TaskRow[] = [];

  constructor(
    private readonly rows: SeedRows,
    readonly row: ReferralRow,
    private readonly maxFailedContactAttempts: number,
  ) {
    rows.referrals.push(row);
  }

  get status(): ReferralStatus {
    return this.snapshot.status;
  }

  get failedContactAttempts(): number {
    return this.snapshot.failedContactAttempts;
  }

  event(at: Date, actor: EventActor, fields: Omit<EventRow, 'programmeId' | 'referralId' | 'actorLabel'>) {
    this.rows.events.push({
      programmeId: this.row.programmeId,
      referralId: this.row.id,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      occurredAt: at,
      ...fields,
    });
    this.touch(at);
  }

  private touch(at: Date) {
    if (!this.row.updatedAt || at > this.row.updatedAt) this.row.updatedAt = at;
  }

  /** Applies one action as applyReferralAction would; a refusal is a bug in the seed, so it throws. */
  transition(
    at: Date,
    action: ReferralAction,
    actor: EventActor,
    extra: { note?: string; outcomeSummary?: string; details?: Record<string, unknown> } = {},
  ) {
    const from = this.snapshot.status;
    const outcome = transitionReferral(this.snapshot, action, {
      maxFailedContactAttempts: this.maxFailedContactAttempts,
    });
    if (!outcome.ok) throw new Error(`Demo referral ${this.row.reference}: ${outcome.reason}`);
    this.snapshot.status = outcome.to;
    this.snapshot.failedContactAttempts = outcome.failedContactAttempts;
    if (outcome.isFirstContact) {
      this.snapshot.hasFirstContact = true;
      this.row.firstContactAt = at;
    }
    this.row.status = outcome.to;
    this.row.failedContactAttempts = outcome.failedContactAttempts;
    if (action.type === 'accept') this.row.acceptedAt = at;
    if (action.type === 'reject') this.row.rejectionReason = action.reason;
    if (action.type === 'close') {
      this.row.closureReason = action.reason;
      this.row.outcomeSummary = extra.outcomeSummary ?? null;
    }
    if (outcome.to === 'completed' || outcome.to === 'rejected' || outcome.to === 'cancelled')
      this.row.closedAt = at;
    if (action.type === 'reject' || action.type === 'cancel' || action.type === 'hold')
      this.row.statusNote = extra.note ?? null;
    this.row.version = (this.row.version ?? 1) + 1;
    this.event(at, actor, {
      type: outcome.event,
      fromStatus: from,
      toStatus: outcome.to,
      reason: action.type === 'reject' || action.type === 'close' ? action.reason : null,
      note: extra.note ?? null,
      ...snomedColumns(outcome.snomed),
      isVisibleToReferrer: outcome.flowback !== undefined,
      details: extra.details ?? {},
    });
  }

  assign(at: Date, linkWorker: EventActor & { userId: string }, by: EventActor) {
    this.row.assignedLinkWorkerId = linkWorker.userId;
    this.row.version = (this.row.version ?? 1) + 1;
    this.event(at, by, {
      type: 'referral.assigned',
      isVisibleToReferrer: false,
      details: { linkWorkerId: linkWorker.userId, linkWorkerName: linkWorker.label },
    });
  }

  scheduleTask(kind: Exclude<TaskKind, 'custom'>, createdAt: Date, dueAt: Date) {
    const task: TaskRow = {
      id: randomUUID(),
      programmeId: this.row.programmeId,
      referralId: this.row.id,
      kind,
      title: taskTitles[kind],
      dueAt,
      assignedUserId: this.row.assignedLinkWorkerId ?? null,
      createdAt,
      updatedAt: createdAt,
    };
    this.ownTasks.push(task);
    this.rows.tasks.push(task);
  }

  completeTasks(kinds: readonly TaskKind[], at: Date, byUserId: string | null) {
    for (const task of this.openTasks().filter((t) => kinds.includes(t.kind))) {
      task.completedAt = at;
      task.completedByUserId = byUserId;
      task.updatedAt = at;
      task.version = 2;
    }
  }

  /** Closing, rejecting or cancelling: what was still due no longer is. */
  cancelOpenTasks(at: Date) {
    for (const task of this.openTasks()) {
      task.cancelledAt = at;
      task.updatedAt = at;
      task.version = 2;
    }
  }

  hasOpenTask(kind: TaskKind): boolean {
    return this.openTasks().some((t) => t.kind === kind);
  }

  private openTasks(): TaskRow[] {
    return this.ownTasks.filter((t) => !t.completedAt && !t.cancelledAt);
  }
}

/** One onward referral: its row and its events (on the parent referral's timeline). */
export class OnwardRecord {
  private current: OnwardReferralStatus = 'sent';

  constructor(
    private readonly parent: ReferralRecord,
    readonly row: OnwardRow,
    sentBy: EventActor,
    extra: { snomed?: SnomedConcept; note?: string } = {},
  ) {
    parent.event(row.sentAt as Date, sentBy, {
      onwardReferralId: row.id,
      type: 'onward.sent',
      fromStatus: null,
      toStatus: 'sent',
      note: extra.note ?? null,
      ...snomedColumns(extra.snomed),
      isVisibleToReferrer: false,
      details: { serviceId: row.serviceId },
    });
  }

  get status(): OnwardReferralStatus {
    return this.current;
  }

  transition(
    at: Date,
    action: OnwardReferralAction,
    by: OnwardActor,
    actor: EventActor,
    note?: string,
  ): boolean {
    const from = this.current;
    const outcome = transitionOnwardReferral(from, action, by);
    if (!outcome.ok) throw new Error(`Demo onward referral ${this.row.id}: ${outcome.reason}`);
    this.current = outcome.to;
    this.row.status = outcome.to;
    this.row.version = (this.row.version ?? 1) + 1;
    this.row.updatedAt = at;
    if (['accept', 'waitlist', 'decline'].includes(action.type) && !this.row.respondedAt)
      this.row.respondedAt = at;
    if (action.type === 'waitlist') this.row.expectedStartOn = action.expectedStartOn ?? null;
    if (action.type === 'decline') this.row.declineReason = action.reason;
    if (action.type === 'start') this.row.startedAt = at;
    if (['completed', 'dropped_out', 'declined', 'withdrawn', 'expired'].includes(outcome.to))
      this.row.endedAt = at;
    this.row.statusNote = note ?? this.row.statusNote ?? null;
    this.parent.event(at, actor, {
      onwardReferralId: this.row.id,
      type: outcome.event,
      fromStatus: from,
      toStatus: outcome.to,
      reason: action.type === 'decline' ? action.reason : null,
      note: note ?? null,
      isVisibleToReferrer: false,
      details: { serviceId: this.row.serviceId },
    });
    // Like the response-window job: an expired referral goes back to the link worker as a task.
    if (outcome.to === 'expired')
      this.parent.scheduleTask('choose_another_service', at, addWorkingDays(at, 2));
    return outcome.isConnected;
  }

  /** The response-window job's reminder to the provider (no state change). */
  nudge(at: Date, expiresAt: Date) {
    this.row.nudgedAt = at;
    this.row.version = (this.row.version ?? 1) + 1;
    this.row.updatedAt = at;
    this.parent.event(at, linkwellJob, {
      onwardReferralId: this.row.id,
      type: 'onward.nudged',
      fromStatus: this.current,
      toStatus: this.current,
      isVisibleToReferrer: false,
      details: { serviceId: this.row.serviceId, expiresAt: expiresAt.toISOString() },
    });
  }
}

function snomedColumns(concept: SnomedConcept | undefined) {
  return { snomedCode: concept?.code ?? null, snomedDisplay: concept?.display ?? null };
}
