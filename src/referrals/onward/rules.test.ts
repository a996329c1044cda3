import { describe, expect, it } from 'vitest';
import type { Actor } from '../../access/actor';
import { declineReasons } from '../onward-referral-state';
import { referralStatuses } from '../referral-state';
import {
  conflictingOnwardReferrals,
  fieldsSharedWithProvider,
  onwardActorFor,
  referrerEventLabel,
  referrerStatusLabels,
  unmetNeedReasonForDecline,
  type PreviousOnwardReferral,
} from './rules';

const user = (role: string): Actor => ({
  type: 'user',
  userId: 'u',
  role: role as never,
  name: 'Test',
  email: 't@example.test',
  programmeId: 'p',
  organisationId: 'o',
  sessionTokenHash: '',
});

describe('onwardActorFor', () => {
  it('maps provider staff and system clients to the provider side, programme staff to the link worker', () => {
    expect(onwardActorFor(user('provider_staff'))).toBe('provider');
    expect(
      onwardActorFor({
        type: 'api_client',
        clientId: 'c',
        name: 'GP system',
        organisationId: 'o',
        scopes: [],
      }),
    ).toBe('provider');
    expect(onwardActorFor(user('link_worker'))).toBe('link_worker');
    expect(onwardActorFor(user('coordinator'))).toBe('link_worker');
  });

  it('gives Linkwell’s own jobs the system side (expiring unanswered referrals)', () => {
    expect(onwardActorFor({ type: 'system', job: 'onward-response-window' })).toBe('system');
  });

  it('gives no side to anyone else', () => {
    for (const role of ['referrer', 'buddy', 'commissioner', 'platform_admin'])
      expect(onwardActorFor(user(role))).toBeUndefined();
    expect(onwardActorFor({ type: 'anonymous' })).toBeUndefined();
  });
});

describe('fieldsSharedWithProvider', () => {
  it('shares nothing without consent, whatever fields are listed', () => {
    expect(
      fieldsSharedWithProvider({ consentToShare: false, sharedFields: ['contact_details', 'address'] }),
    ).toEqual([]);
  });

  it('shares only the listed, known fields when the person consented', () => {
    expect(
      fieldsSharedWithProvider({ consentToShare: true, sharedFields: ['contact_details', 'nhs_number'] }),
    ).toEqual(['contact_details']);
    expect(
      fieldsSharedWithProvider({
        consentToShare: true,
        sharedFields: ['reason', 'date_of_birth', 'address', 'language', 'needs', 'contact_details'],
      }),
    ).toEqual(['contact_details', 'date_of_birth', 'address', 'language', 'needs', 'reason']);
  });
});

describe('conflictingOnwardReferrals (re-referral guard)', () => {
  const row = (status: PreviousOnwardReferral['status'], declineReason: string | null = null) => ({
    id: `${status}-${declineReason ?? ''}`,
    status,
    declineReason,
    sentAt: new Date('2026-01-05T10:00:00Z'),
  });

  it('flags open referrals, "not for them" declines and drop-outs', () => {
    const conflicts = conflictingOnwardReferrals([
      row('sent'),
      row('accepted'),
      row('waitlisted'),
      row('started'),
      row('declined', 'not_eligible'),
      row('declined', 'not_appropriate'),
      row('dropped_out'),
    ]);
    expect(conflicts.map((c) => c.why)).toEqual([
      'already_open',
      'already_open',
      'already_open',
      'already_open',
      'declined_before',
      'declined_before',
      'dropped_out_before',
    ]);
    expect(conflicts[0]!.sentAt).toBe('2026-01-05T10:00:00.000Z');
  });

  it('lets a person be referred again after completion, withdrawal or a temporary decline', () => {
    expect(
      conflictingOnwardReferrals([
        row('completed'),
        row('withdrawn'),
        row('declined', 'at_capacity'),
        row('declined', 'service_closed'),
        row('declined', 'person_declined'),
      ]),
    ).toEqual([]);
  });
});

describe('unmetNeedReasonForDecline', () => {
  it('maps the declines that show a gap, and not the person’s own choice', () => {
    expect(Object.fromEntries(declineReasons.map((r) => [r, unmetNeedReasonForDecline(r)]))).toEqual({
      at_capacity: 'no_capacity',
      not_eligible: 'not_eligible',
      service_closed: 'no_service',
      not_appropriate: 'other',
      person_declined: undefined,
    });
  });
});

it('labels every referral status in plain words for the referrer', () => {
  for (const status of referralStatuses) expect(referrerStatusLabels[status]).toMatch(/^[A-Z]/);
});

describe('referrerEventLabel', () => {
  it('names every event the referrer sees, including the first one', () => {
    expect(referrerEventLabel('referral.received')).toBe('Referral received');
    expect(referrerEventLabel('referral.accepted')).toBe('Accepted by the link worker team');
    expect(referrerEventLabel('contact.recorded')).toBe('First contact with a link worker');
    expect(referrerEventLabel('referral.connected')).toBe('Connected to a service');
    expect(referrerEventLabel('referral.completed')).toBe('Closed');
  });
});
