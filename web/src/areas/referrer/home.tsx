// The landing page of the referrer role: make a referral, and follow the organisation's referrals
// with a count of those sent and those still waiting to be accepted.
import { useTranslation } from 'react-i18next';
import { referralsApi } from '../../api/referrals';
import { SummaryList } from '../../components/display';
import { useApiData } from '../../hooks/use-api-data';
import { useSignedIn } from '../../session/session';
import { RoleHome, StatList } from '../home/role-home';
import { HomeLinks } from '../referrals/home-links';

export function ReferrerHome() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const notSet = t('common.notSet');
  // Two one-row pages: the totals are all the home page needs.
  const counts = useApiData(async () => {
    const [all, waiting] = await Promise.all([
      referralsApi.listSent({ limit: 1, offset: 0 }),
      referralsApi.listSent({ status: 'received', limit: 1, offset: 0 }),
    ]);
    return { all: all.total, waiting: waiting.total };
  }, []);
  return (
    <RoleHome title={t('home.referrer.title')}>
      <HomeLinks
        links={[
          {
            to: '/referrals/new',
            text: t('referrals.home.newReferral'),
            hint: t('referrals.home.newReferralHint'),
          },
          { to: '/referrals/sent', text: t('referrals.home.sent'), hint: t('referrals.home.sentHint') },
        ]}
      />
      {!counts.error && (
        <StatList
          label={t('referrals.home.statsLabel')}
          stats={[
            { label: t('referrals.home.sentCount'), value: counts.data?.all },
            { label: t('referrals.home.receivedCount'), value: counts.data?.waiting },
          ]}
        />
      )}
      <SummaryList rows={[{ key: t('account.organisation'), value: user.organisationName ?? notSet }]} />
    </RoleHome>
  );
}
