// Platform administration: the numbers of organisations, programmes and users, and the way in
// to managing each.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { admin } from '../../api/endpoints';
import { LoadError } from '../../components/load-error';
import { useApiData } from '../../hooks/use-api-data';
import { RoleHome, StatList } from '../home/role-home';

export function PlatformAdminHome() {
  const { t } = useTranslation();
  const counts = useApiData(async () => {
    const [organisations, programmes, users] = await Promise.all([
      admin.listOrganisations({ limit: 1 }),
      admin.listProgrammes({ limit: 1 }),
      admin.listUsers({ limit: 1 }),
    ]);
    return { organisations: organisations.total, programmes: programmes.total, users: users.total };
  }, []);

  return (
    <RoleHome title={t('home.platform_admin.title')}>
      {Boolean(counts.error) && <LoadError error={counts.error} onRetry={counts.reload} />}
      <StatList
        label={t('home.platform_admin.statsLabel')}
        stats={[
          { label: t('home.platform_admin.organisations'), value: counts.data?.organisations },
          { label: t('home.platform_admin.programmes'), value: counts.data?.programmes },
          { label: t('home.platform_admin.users'), value: counts.data?.users },
        ]}
      />
      <h2 className="nhsuk-heading-m">{t('home.platform_admin.manageTitle')}</h2>
      <ul className="nhsuk-list">
        <li>
          <Link to="/admin/organisations">{t('nav.organisations')}</Link>
        </li>
        <li>
          <Link to="/admin/programmes">{t('nav.programmes')}</Link>
        </li>
        <li>
          <Link to="/insight">{t('home.platform_admin.insightLink')}</Link>
        </li>
        <li>
          <Link to="/admin/users">{t('nav.users')}</Link>
        </li>
        <li>
          <Link to="/admin/api-clients">{t('nav.apiClients')}</Link>
        </li>
        <li>
          <Link to="/admin/audit">{t('nav.auditLog')}</Link>
        </li>
      </ul>
    </RoleHome>
  );
}
