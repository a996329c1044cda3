// The landing page of the commissioner and regional commissioner roles. It shows what Linkwell knows
// about where they work and leads to the Insight dashboards and the programmes' evaluation reports.
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
    <RoleHome title={t('home.commissioner.title')}>
      <p>{t('home.commissioner.intro')}</p>
      <SummaryList rows={[{ key: t('account.organisation'), value: user.organisationName ?? notSet }]} />
      <ul className="nhsuk-list">
        <li>
          <Link to="/insight">{t('insight.homeLink')}</Link>
        </li>
        {user.role === 'commissioner' && (
          <li>
            <Link to="/evaluation">{t('home.commissioner.evaluationLink')}</Link>
          </li>
        )}
      </ul>
    </RoleHome>
  );
}
