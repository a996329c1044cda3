// Abilities combine the policy (may this actor work on the referral) with the state machine (is the
// step possible now); the UI shows exactly these.
import { describe, expect, it } from 'vitest';
import { userActorFrom } from '../../access/actor';
import type { ReferralStatus } from '../../vocabulary/referral';
import { referralAbilities } from './abilities';

const programmeId = '00000000-0000-4000-8000-000000000001';
const me = userActorFrom({
  id: '00000000-0000-4000-8000-000000000002',
  role: 'link_worker',
  name: 'Me',
  email: 'me@example.test',
  programmeId,
  organisationId: null,
});
const colleague = { ...me, userId: '00000000-0000-4000-8000-000000000003' };
const coordinator = { ...me, userId: '00000000-0000-4000-8000-000000000004', role: 'coordinator' as const };
const rules = { maxFailedContactAttempts: 3 };
const referral = (
  status: ReferralStatus,
  assignedLinkWorkerId: string | null,
  failedContactAttempts = 0,
) => ({
  id: '00000000-0000-4000-8000-000000000009',
  programmeId,
  status,
  assignedLinkWorkerId,
  referringOrganisationId: null,
  failedContactAttempts,
});

describe('referralAbilities', () => {
  it('offers accept, reject and pick-up on a queued referral to any link worker of the programme', () => {
    expect(referralAbilities(colleague, referral('received', null), rules)).toMatchObject({
      canAccept: true,
      canReject: true,
      canAssign: true,
      canHold: false,
      canRecordContact: false,
    });
  });

  it('offers casework only to the assigned worker (and coordinators)', () => {
    const mine = referral('in_progress', me.userId);
    expect(referralAbilities(me, mine, rules)).toMatchObject({
      canHold: true,
      canClose: true,
      canRecordContact: true,
      canSaveAssessment: true,
      canAssign: false,
      canAddTask: true,
    });
    expect(Object.values(referralAbilities(colleague, mine, rules)).some(Boolean)).toBe(false);
    expect(referralAbilities(coordinator, mine, rules)).toMatchObject({ canHold: true, canAssign: true });
  });

  it('offers closing as unable to contact only after enough failed attempts', () => {
    expect(referralAbilities(me, referral('contacting', me.userId, 2), rules).canCloseAsUnableToContact).toBe(
      false,
    );
    expect(referralAbilities(me, referral('contacting', me.userId, 3), rules).canCloseAsUnableToContact).toBe(
      true,
    );
  });

  it('offers nothing on a closed referral', () => {
    expect(
      Object.values(referralAbilities(coordinator, referral('completed', me.userId), rules)).some(Boolean),
    ).toBe(false);
  });
});
