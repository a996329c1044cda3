// An onward referral's status as an NHS tag, in words (never colour alone), with one colour per
// status wherever it is shown. The colours follow the design system's tag guidance: pink "Sent",
// blue "Pending" (accepted, not started yet), yellow "Delayed" (on a waiting list), aqua green
// "Active" (started), orange "Declined", the default tag for "Completed", and grey for the inactive
// endings (dropped out, withdrawn, expired with no reply).
// The words follow the reader: the provider's inbox calls a sent referral "New", the link worker's
// pages call it "Sent".
import { useTranslation } from 'react-i18next';
import type { OnwardReferralStatus } from '../api/referrals';
import { Tag, type TagColour } from './display';

const onwardColours: Record<OnwardReferralStatus, TagColour | undefined> = {
  sent: 'pink',
  accepted: 'blue',
  waitlisted: 'yellow',
  started: 'aqua-green',
  declined: 'orange',
  completed: undefined,
  dropped_out: 'grey',
  withdrawn: 'grey',
  expired: 'grey',
};

function isOnwardStatus(status: string): status is OnwardReferralStatus {
  return Object.hasOwn(onwardColours, status);
}

export function OnwardStatusTag({
  status,
  isProviderView = false,
}: {
  status: string;
  /** The provider's pages, whose words are the provider's ("New" for a referral just sent). */
  isProviderView?: boolean;
}) {
  const { t } = useTranslation();
  // A status this version does not know yet is still shown, in its own words.
  if (!isOnwardStatus(status)) return <Tag colour="grey">{status.replace(/_/g, ' ')}</Tag>;
  return (
    <Tag colour={onwardColours[status]}>
      {isProviderView ? t(`referrals.onwardStatus.${status}`) : t(`casework.onwardStatus.${status}`)}
    </Tag>
  );
}
