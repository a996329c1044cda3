// The landing page of the link worker role: live counts of the work waiting (the triage queue,
// their open cases, tasks overdue and due this week), each a link to the list behind it.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { casework } from '../../api/casework';
import { SummaryList } from '../../components/display';
import { useApiData } from '../../hooks/use-api-data';
import { useSignedIn } from '../../session/session';
import { RoleHome } from '../home/role-home';
import { WorkCounts } from '../casework/work-counts';

export function LinkWorkerHome() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const notSet = t('common.notSet');
  const counts = useApiData(
    () =>
      Promise.all([
        casework.list({ view: 'queue', limit: 1 }).then((page) => page.total),
        casework.list({ view: 'caseload', limit: 1 }).then((page) => page.total),
        casework.tasks({ scope: 'mine', when: 'overdue', limit: 1 }).then((page) => page.total),
        casework.tasks({ scope: 'mine', when: 'due', limit: 1 }).then((page) => page.total),
      ]),
    [],
  );
  const [queue, open, overdue, due] = counts.data ?? [];
  return (
    <RoleHome title={t('home.link_worker.title')}>
      <p>{t('home.link_worker.intro')}</p>
      <WorkCounts
        label={t('casework.home.statsLabel')}
        counts={[
          { label: t('casework.home.queue'), value: queue, to: '/casework/queue' },
          { label: t('casework.home.openCases'), value: open, to: '/casework/caseload' },
          { label: t('casework.home.overdueTasks'), value: overdue, to: '/casework/tasks?when=overdue' },
          { label: t('casework.home.dueTasks'), value: due, to: '/casework/tasks' },
        ]}
        error={counts.error}
      />
      <h2 className="nhsuk-heading-m">{t('casework.home.linksTitle')}</h2>
      <ul className="nhsuk-list">
        <li>
          <Link to="/casework/queue">{t('casework.home.queueLink')}</Link>
        </li>
        <li>
          <Link to="/casework/caseload">{t('casework.home.caseloadLink')}</Link>
        </li>
        <li>
          <Link to="/casework/tasks">{t('casework.home.tasksLink')}</Link>
        </li>
        <li>
          <Link to="/directory">{t('casework.home.directoryLink')}</Link>
        </li>
      </ul>
      <SummaryList rows={[{ key: t('account.programme'), value: user.programmeName ?? notSet }]} />
    </RoleHome>
  );
}
