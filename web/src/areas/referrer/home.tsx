// The landing page of the referrer role. It shows what Linkwell already knows about where they
// work; the lists this role works from arrive with later work, and the page says so.
import { useTranslation } from 'react-i18next';
import { SummaryList } from '../../components/display';
import { useSignedIn } from '../../session/session';
import { RoleHome } from '../home/role-home';

export function ReferrerHome() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const notSet = t('common.notSet');
  return (
    <RoleHome
      title={t('home.referrer.title')}
      comingNext={[t('home.referrer.next1'), t('home.referrer.next2')]}
    >
      <p>{t('home.referrer.intro')}</p>
      <SummaryList rows={[{ key: t('account.organisation'), value: user.organisationName ?? notSet }]} />
    </RoleHome>
  );
}
