import { describe, expect, it } from 'vitest';
import { referralStatuses } from '../../../referrals/referral-state';
import {
  businessStatusLabels,
  referralStatusesForTaskStatus,
  serviceRequestStatusByReferralStatus,
  statusReasonText,
  taskStatusByReferralStatus,
} from './task-status';

describe('referral status as a Gravity closed-loop Task', () => {
  it('maps every Linkwell state, with a business status label', () => {
    for (const status of referralStatuses) {
      expect(taskStatusByReferralStatus[status]).toBeDefined();
      expect(businessStatusLabels[status]).toBeTruthy();
      expect(serviceRequestStatusByReferralStatus[status]).toBeDefined();
    }
    expect(taskStatusByReferralStatus.contacting).toBe('accepted');
    expect(taskStatusByReferralStatus.in_progress).toBe('in-progress');
    expect(taskStatusByReferralStatus.on_hold).toBe('on-hold');
  });

  it('finds the Linkwell states behind a Task status search', () => {
    expect(referralStatusesForTaskStatus('accepted').sort()).toEqual(['accepted', 'contacting']);
    expect(referralStatusesForTaskStatus('requested')).toEqual([]);
  });

  it('gives the reason for a rejection or closure in words', () => {
    expect(statusReasonText('rejected', 'out_of_area', null)).toMatch(/area/i);
    expect(statusReasonText('completed', null, 'goals_met')).toBeTruthy();
    expect(statusReasonText('in_progress', null, null)).toBeUndefined();
  });
});
