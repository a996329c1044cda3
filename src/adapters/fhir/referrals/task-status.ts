// How a Linkwell referral reads as a Gravity Project closed-loop Task, and an onward referral as a
// ServiceRequest. Pure: one table each, unit-tested, shared by reads, searches and notifications.
import type { ClosureReason, ReferralStatus, RejectionReason } from '../../../referrals/referral-state';
import { closureReasonLabels, rejectionReasonLabels } from '../../../referrals/labels';
import type { ServiceRequest, Task } from '../types';

type TaskStatus = Task['status'];

/**
 * Linkwell has no "requested" stage: a referral exists only once Linkwell has received it, so a
 * Task starts at "received". "Contacting" (accepted, the link worker is trying to reach the person)
 * is still "accepted" in FHIR; the finer state is in businessStatus.
 */
export const taskStatusByReferralStatus: Record<ReferralStatus, TaskStatus> = {
  received: 'received',
  accepted: 'accepted',
  contacting: 'accepted',
  in_progress: 'in-progress',
  on_hold: 'on-hold',
  completed: 'completed',
  rejected: 'rejected',
  cancelled: 'cancelled',
};

export const businessStatusLabels: Record<ReferralStatus, string> = {
  received: 'Waiting for the link worker team to review',
  accepted: 'Accepted; a link worker will contact the person',
  contacting: 'Link worker is trying to contact the person',
  in_progress: 'Working with a link worker',
  on_hold: 'Paused',
  completed: 'Closed',
  rejected: 'Not accepted',
  cancelled: 'Cancelled',
};

/** Which Linkwell states a FHIR Task status search matches (e.g. accepted → accepted + contacting). */
export function referralStatusesForTaskStatus(status: string): ReferralStatus[] {
  return (Object.entries(taskStatusByReferralStatus) as [ReferralStatus, TaskStatus][])
    .filter(([, taskStatus]) => taskStatus === status)
    .map(([referralStatus]) => referralStatus);
}

export function statusReasonText(
  status: ReferralStatus,
  rejectionReason: string | null,
  closureReason: string | null,
): string | undefined {
  if (status === 'rejected' && rejectionReason)
    return rejectionReasonLabels[rejectionReason as RejectionReason] ?? rejectionReason;
  if (status === 'completed' && closureReason)
    return closureReasonLabels[closureReason as ClosureReason] ?? closureReason;
  return undefined;
}

type ServiceRequestStatus = ServiceRequest['status'];

/** The referral itself, as the ServiceRequest the sender made. */
export const serviceRequestStatusByReferralStatus: Record<ReferralStatus, ServiceRequestStatus> = {
  received: 'active',
  accepted: 'active',
  contacting: 'active',
  in_progress: 'active',
  on_hold: 'on-hold',
  completed: 'completed',
  rejected: 'revoked',
  cancelled: 'revoked',
};

/** An onward referral to a directory service: ended without the service being used is "revoked". */
export const serviceRequestStatusByOnwardStatus: Record<string, ServiceRequestStatus> = {
  sent: 'active',
  accepted: 'active',
  waitlisted: 'on-hold',
  started: 'active',
  completed: 'completed',
  declined: 'revoked',
  dropped_out: 'revoked',
  withdrawn: 'revoked',
  expired: 'revoked',
};

export const onwardStatusLabels: Record<string, string> = {
  sent: 'Sent to the service',
  accepted: 'Accepted by the service',
  waitlisted: 'On the service’s waiting list',
  started: 'Started with the service',
  completed: 'Finished with the service',
  declined: 'Declined by the service',
  dropped_out: 'Stopped attending',
  withdrawn: 'Withdrawn by the link worker',
  expired: 'No answer from the service in time',
};
