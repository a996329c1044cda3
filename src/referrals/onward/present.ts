// Presenters: rows → API JSON. The provider's view of a person is built field by field from what
// the person agreed to share, so a new column on people never leaks to providers by default.
import type { z } from 'zod';
import type { Actor } from '../../access/actor';
import { decide } from '../../access/policy';
import { onwardReferralResource } from '../access';
import { onwardReferralTransitions, type OnwardReferralAction } from '../onward-referral-state';
import type { OnwardContext, OnwardReferralRow } from './queries';
import { attendanceOpenStatuses, fieldsSharedWithProvider, onwardActorFor, shareableFields } from './rules';
import type { ShareableField } from './rules';
import type { onwardReferralResponse } from './schemas';

type OnwardView = z.infer<typeof onwardReferralResponse>;

/** The provider sees what was consented to; programme staff on the case see the whole person. */
export function fieldsVisibleTo(actor: Actor, context: OnwardContext): ShareableField[] {
  return onwardActorFor(actor) === 'link_worker'
    ? [...shareableFields]
    : fieldsSharedWithProvider(context.referral);
}

function personView(context: OnwardContext, fields: readonly ShareableField[]): OnwardView['person'] {
  const { person, referral } = context;
  const view: OnwardView['person'] = { givenName: person.givenName };
  for (const field of fields) {
    switch (field) {
      case 'contact_details':
        Object.assign(view, {
          phone: person.phone,
          email: person.email,
          preferredChannel: person.preferredChannel,
          contactPreferences: (referral.contactPreferences ?? {}) as Record<string, unknown>,
        });
        break;
      case 'date_of_birth':
        view.dateOfBirth = person.dateOfBirth;
        break;
      case 'address':
        Object.assign(view, { addressLine: person.addressLine, postcode: person.postcode });
        break;
      case 'language':
        Object.assign(view, { language: person.language, needsInterpreter: person.needsInterpreter });
        break;
      case 'needs':
        view.referralNeeds = referral.needs;
        break;
      case 'reason':
        view.reasonText = referral.reasonText;
        break;
    }
  }
  return view;
}

const abilityActions: Record<string, OnwardReferralAction['type']> = {
  canAccept: 'accept',
  canWaitlist: 'waitlist',
  canDecline: 'decline',
  canStart: 'start',
  canComplete: 'complete',
  canDropOut: 'drop_out',
  canWithdraw: 'withdraw',
};

/** What the actor may do now: the state machine and the policy together, so the UI derives nothing. */
export function onwardAbilities(
  actor: Actor,
  onward: OnwardReferralRow,
  assignedLinkWorkerId: string | null,
): Record<string, boolean> {
  const side = onwardActorFor(actor);
  const resource = onwardReferralResource(onward, assignedLinkWorkerId);
  const mayUpdate = decide(actor, 'update', resource).allowed;
  const status = onward.status;
  const abilities: Record<string, boolean> = {};
  for (const [name, action] of Object.entries(abilityActions)) {
    const row = onwardReferralTransitions[action];
    abilities[name] = mayUpdate && side !== undefined && row.by.includes(side) && row.from.includes(status);
  }
  abilities.canRecordAttendance = mayUpdate && attendanceOpenStatuses.includes(status);
  return abilities;
}

export function presentAttendance(row: OnwardContext['attendance'][number]) {
  return {
    id: row.id,
    sessionOn: row.sessionOn,
    status: row.status,
    note: row.note,
    recordedAt: row.createdAt.toISOString(),
  };
}

export function presentOnwardReferral(
  onward: OnwardReferralRow,
  context: OnwardContext,
  actor: Actor,
  fields: readonly ShareableField[],
): OnwardView {
  return {
    id: onward.id,
    referralId: onward.referralId,
    reference: context.referral.reference,
    service: context.service,
    providerOrganisationId: onward.providerOrganisationId,
    needs: onward.needs,
    noteToProvider: onward.noteToProvider,
    status: onward.status,
    declineReason: onward.declineReason,
    providerNote: onward.statusNote,
    expectedStartOn: onward.expectedStartOn,
    sentAt: onward.sentAt.toISOString(),
    respondedAt: onward.respondedAt?.toISOString() ?? null,
    startedAt: onward.startedAt?.toISOString() ?? null,
    endedAt: onward.endedAt?.toISOString() ?? null,
    sharedFields: [...fields],
    person: personView(context, fields),
    attendance: context.attendance.map(presentAttendance),
    version: onward.version,
    abilities: onwardAbilities(actor, onward, context.referral.assignedLinkWorkerId),
  };
}
