// The coordinator's view of the programme's casework: live counts, each link worker's caseload and
// overdue tasks, and how long referrals in the triage queue have waited. The list endpoints count
// (`total`), so each figure is one small request rather than a download of every referral.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { casework, type ReferralStatus } from '../../api/casework';
import type { AdminUser } from '../../api/types';
import { Loading, SummaryList, Table } from '../../components/display';
import { LoadError } from '../../components/load-error';
import { useApiData } from '../../hooks/use-api-data';
import { formatNumber, formatPercent } from '../../i18n';
import { WorkCounts } from './work-counts';

const openStatuses: ReferralStatus[] = ['accepted', 'contacting', 'in_progress', 'on_hold'];
const countOf = (promise: Promise<{ total: number }>) => promise.then((page) => page.total);

export function CaseworkOverview({
  linkWorkers,
  isTeamLoaded,
}: {
  linkWorkers: AdminUser[];
  isTeamLoaded: boolean;
}) {
  const { t } = useTranslation();
  const figures = useApiData(async () => {
    const [waiting, overdue, ...open] = await Promise.all([
      casework.waitingTimes(90),
      countOf(casework.tasks({ scope: 'programme', when: 'overdue', limit: 1 })),
      ...openStatuses.map((status) => countOf(casework.list({ view: 'all', status, limit: 1 }))),
    ]);
    return {
      queueSize: waiting.queue.count,
      waiting,
      overdue,
      open: open.reduce((sum, value) => sum + value, 0),
    };
  }, []);
  const workerIds = linkWorkers.map((worker) => worker.id).join(',');
  const caseloads = useApiData(
    () =>
      Promise.all(
        linkWorkers.map(async (worker) => ({
          worker,
          open: await casework.openCaseloadOf(worker.id),
          overdue: await countOf(
            casework.tasks({ scope: 'programme', when: 'overdue', linkWorkerId: worker.id, limit: 1 }),
          ),
        })),
      ),
    [workerIds],
  );
  // "0 days" reads as a mistake ("half have waited 0 days or more"): under a day says what it means.
  const days = (value: number | null) =>
    value === null
      ? t('casework.home.noFigure')
      : Math.round(value) === 0
        ? t('casework.home.lessThanADay')
        : t('casework.daysCount', { count: Math.round(value) });
  const waiting = figures.data?.waiting;

  return (
    <>
      <WorkCounts
        label={t('casework.home.programmeStatsLabel')}
        error={figures.error}
        counts={[
          { label: t('casework.home.queue'), value: figures.data?.queueSize, to: '/casework/queue' },
          { label: t('casework.home.programmeOpen'), value: figures.data?.open, to: '/casework/all' },
          {
            label: t('casework.home.programmeOverdue'),
            value: figures.data?.overdue,
            to: '/casework/tasks?scope=programme&when=overdue',
          },
        ]}
      />
      <ul className="nhsuk-list">
        <li>
          <Link to="/casework/queue">{t('casework.home.queueLink')}</Link>
        </li>
        <li>
          <Link to="/casework/all">{t('casework.home.allLink')}</Link>
        </li>
        <li>
          <Link to="/casework/tasks?scope=programme">{t('casework.home.tasksLink')}</Link>
        </li>
      </ul>

      <h2 className="nhsuk-heading-m">{t('casework.home.waitingTitle')}</h2>
      {waiting && (
        <>
          <p>
            {waiting.queue.count === 0
              ? t('casework.home.waitingQueueEmpty')
              : t('casework.home.waitingQueue', {
                  count: waiting.queue.count,
                  oldest: days(waiting.queue.oldestDays),
                  median: days(waiting.queue.medianDays),
                })}
          </p>
          <SummaryList
            rows={[
              {
                key: t('casework.home.toAcceptance'),
                value: t('casework.home.medianOf', {
                  median: days(waiting.acceptance.medianDays),
                  count: waiting.acceptance.count,
                }),
              },
              {
                key: t('casework.home.toFirstContact'),
                value: t('casework.home.medianOf', {
                  median: days(waiting.firstContact.medianDays),
                  count: waiting.firstContact.count,
                }),
              },
              {
                key: t('casework.home.withinTarget', { days: waiting.firstContact.targetWorkingDays }),
                value:
                  waiting.firstContact.withinTargetShare === null
                    ? t('casework.home.noFigure')
                    : formatPercent(waiting.firstContact.withinTargetShare),
              },
            ]}
          />
        </>
      )}
      <p className="nhsuk-body-s">{t('casework.home.waitingNote', { days: waiting?.periodDays ?? 90 })}</p>

      <h2 className="nhsuk-heading-m">{t('casework.home.caseloadsTitle')}</h2>
      {(!isTeamLoaded || caseloads.isLoading) && <Loading />}
      {Boolean(caseloads.error) && <LoadError error={caseloads.error} onRetry={caseloads.reload} />}
      {isTeamLoaded && linkWorkers.length === 0 && <p>{t('casework.home.noLinkWorkers')}</p>}
      {caseloads.data && caseloads.data.length > 0 && (
        <Table
          caption={t('casework.home.caseloadsCaption')}
          isCaptionHidden
          rows={caseloads.data}
          rowKey={(row) => row.worker.id}
          columns={[
            {
              header: t('casework.columns.linkWorker'),
              cell: (row) => (
                <Link to={`/casework/all?linkWorkerId=${encodeURIComponent(row.worker.id)}`}>
                  {row.worker.name}
                </Link>
              ),
            },
            { header: t('casework.home.openColumn'), cell: (row) => formatNumber(row.open), isNumeric: true },
            {
              header: t('casework.home.overdueColumn'),
              cell: (row) => formatNumber(row.overdue),
              isNumeric: true,
            },
          ]}
        />
      )}
    </>
  );
}
