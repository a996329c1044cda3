// The landing page of the provider staff role. It shows what Linkwell already knows about where they
// work; the lists this role works from arrive with later work, and the page says so.
import { useTranslation } from 'react-i18next';
import { SummaryList } from '../../components/display';
import { useSignedIn } from '../../session/session';
import { RoleHome } from '../home/role-home';

export function ProviderHome() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const notSet = t('common.notSet');
  return (
    <RoleHome
      title={t('home.provider_staff.title')}
      comingNext={[t('home.provider_staff.next1'), t('home.provider_staff.next2')]}
    >
      <p>{t('home.provider_staff.intro')}</p>
      <SummaryList rows={[{ key: t('account.organisation'), value: user.organisationName ?? notSet }]} />
    </RoleHome>
  );
}
