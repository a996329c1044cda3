// The landing page of the buddy role: where they volunteer. Buddy assignments are not in Linkwell
// yet (the volunteers issue), so the page says plainly where they come from today.
import { useTranslation } from 'react-i18next';
import { SummaryList } from '../../components/display';
import { useSignedIn } from '../../session/session';
import { RoleHome } from '../home/role-home';

export function BuddyHome() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const notSet = t('common.notSet');
  return (
    <RoleHome title={t('home.buddy.title')}>
      <p>{t('home.buddy.intro')}</p>
      <SummaryList rows={[{ key: t('account.programme'), value: user.programmeName ?? notSet }]} />
    </RoleHome>
  );
}
