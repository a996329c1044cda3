// The landing page of the link worker role. It shows what Linkwell already knows about where they
// work; the lists this role works from arrive with later work, and the page says so.
import { useTranslation } from 'react-i18next';
import { SummaryList } from '../../components/display';
import { useSignedIn } from '../../session/session';
import { RoleHome } from '../home/role-home';

export function LinkWorkerHome() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const notSet = t('common.notSet');
  return (
    <RoleHome
      title={t('home.link_worker.title')}
      comingNext={[t('home.link_worker.next1'), t('home.link_worker.next2')]}
    >
      <p>{t('home.link_worker.intro')}</p>
      <SummaryList rows={[{ key: t('account.programme'), value: user.programmeName ?? notSet }]} />
    </RoleHome>
  );
}
