// The landing page of the commissioner role. It shows what Linkwell already knows about where they
// work and leads to the programmes' evaluation reports; the figures still to come are listed.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SummaryList } from '../../components/display';
import { useSignedIn } from '../../session/session';
import { RoleHome } from '../home/role-home';

export function CommissionerHome() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const notSet = t('common.notSet');
  return (
    <RoleHome
      title={t('home.commissioner.title')}
      comingNext={[t('home.commissioner.next1'), t('home.commissioner.next2')]}
    >
      <p>{t('home.commissioner.intro')}</p>
      <SummaryList rows={[{ key: t('account.organisation'), value: user.organisationName ?? notSet }]} />
      <p>
        <Link to="/evaluation">{t('home.commissioner.evaluationLink')}</Link>
      </p>
    </RoleHome>
  );
}
