// Programme overview for a coordinator: the work waiting (triage queue, open cases, overdue tasks),
// caseloads per link worker and how long referrals wait to be picked up, then the team they manage.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { admin } from '../../api/endpoints';
import type { AdminUser } from '../../api/types';
import { Loading, Table, Tag } from '../../components/display';
import { LoadError } from '../../components/load-error';
import { useApiData } from '../../hooks/use-api-data';
import { useSignedIn } from '../../session/session';
import { RoleHome, StatList } from '../home/role-home';
import { CaseworkOverview } from '../casework/programme-overview';

export function CoordinatorHome() {
  const { t } = useTranslation();
  const { user, abilities } = useSignedIn();
  const team = useApiData(
    () => admin.listUsers({ programmeId: user.programmeId ?? undefined, limit: 200 }),
    [user.programmeId],
  );
  const members = team.data?.items ?? [];
  const countOf = (role: AdminUser['role']) =>
    team.data ? members.filter((member) => member.role === role).length : undefined;

  return (
    <RoleHome title={t('home.coordinator.title')}>
      <CaseworkOverview
        linkWorkers={members.filter((member) => member.role === 'link_worker' && !member.isDisabled)}
        isTeamLoaded={Boolean(team.data)}
      />
      {user.programmeId && (
        <p>
          <Link to={`/admin/programmes/${user.programmeId}`}>{t('home.coordinator.programmeDetails')}</Link>
        </p>
      )}
      <StatList
        label={t('home.coordinator.statsLabel')}
        stats={[
          { label: t('home.coordinator.coordinators'), value: countOf('coordinator') },
          { label: t('home.coordinator.linkWorkers'), value: countOf('link_worker') },
          { label: t('home.coordinator.buddies'), value: countOf('buddy') },
        ]}
      />
      <h2 className="nhsuk-heading-m">{t('home.coordinator.teamTitle')}</h2>
      {team.isLoading && <Loading />}
      {Boolean(team.error) && <LoadError error={team.error} onRetry={team.reload} />}
      {team.data && members.length === 0 && <p>{t('home.coordinator.noTeam')}</p>}
      {members.length > 0 && (
        <Table
          caption={t('home.coordinator.teamCaption')}
          isCaptionHidden
          rowKey={(member) => member.id}
          rows={members}
          columns={[
            {
              header: t('users.name'),
              cell: (member) =>
                abilities.canManageUsers ? (
                  <Link to={`/admin/users/${member.id}`}>{member.name}</Link>
                ) : (
                  member.name
                ),
            },
            { header: t('users.role'), cell: (member) => t(`roles.${member.role}`) },
            {
              header: t('users.email'),
              cell: (member) => <span className="lw-wrap-anywhere">{member.email}</span>,
            },
            {
              header: t('users.status'),
              cell: (member) =>
                member.isDisabled ? (
                  <Tag colour="grey">{t('users.disabled')}</Tag>
                ) : (
                  <Tag colour="green">{t('users.active')}</Tag>
                ),
            },
          ]}
        />
      )}
      {abilities.canManageUsers && (
        <p>
          <Link to="/admin/users/new">{t('home.coordinator.addMember')}</Link>
        </p>
      )}
    </RoleHome>
  );
}
