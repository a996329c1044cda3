// The landing page of the provider staff role: the inbox of onward referrals to the organisation's
// services (with how many are new or waiting), its directory entries, and referring someone back.
import { useTranslation } from 'react-i18next';
import { providerApi } from '../../api/referrals';
import { SummaryList } from '../../components/display';
import { useApiData } from '../../hooks/use-api-data';
import { useSignedIn } from '../../session/session';
import { RoleHome, StatList } from '../home/role-home';
import { HomeLinks } from '../referrals/home-links';

export function ProviderHome() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const notSet = t('common.notSet');
  // One-row pages: the totals are all the home page needs.
  const counts = useApiData(async () => {
    const [fresh, waitlisted] = await Promise.all([
      providerApi.inbox({ status: 'sent', limit: 1, offset: 0 }),
      providerApi.inbox({ status: 'waitlisted', limit: 1, offset: 0 }),
    ]);
    return { fresh: fresh.total, waitlisted: waitlisted.total };
  }, []);
  return (
    <RoleHome title={t('home.provider_staff.title')}>
      <HomeLinks
        links={[
          { to: '/provider/referrals', text: t('referrals.home.inbox'), hint: t('referrals.home.inboxHint') },
          {
            to: '/curation/services',
            text: t('referrals.home.services'),
            hint: t('referrals.home.servicesHint'),
          },
          {
            to: '/referrals/new',
            text: t('referrals.home.referBack'),
            hint: t('referrals.home.referBackHint'),
          },
          {
            to: '/referrals/sent',
            text: t('referrals.home.sentBack'),
            hint: t('referrals.home.sentBackHint'),
          },
        ]}
      />
      {!counts.error && (
        <StatList
          label={t('referrals.home.inboxStatsLabel')}
          stats={[
            { label: t('referrals.home.newCount'), value: counts.data?.fresh },
            { label: t('referrals.home.waitlistedCount'), value: counts.data?.waitlisted },
          ]}
        />
      )}
      <SummaryList rows={[{ key: t('account.organisation'), value: user.organisationName ?? notSet }]} />
    </RoleHome>
  );
}
