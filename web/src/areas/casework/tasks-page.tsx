// Tasks (/casework/tasks): deadlines due within a week and those already overdue, or everything
// upcoming. Link workers see their own; coordinators can switch to the whole programme. A task is
// marked done here or on the case.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../api/client';
import { casework, referralLink, type TaskListItem, type TaskQuery } from '../../api/casework';
import { Loading, NotificationBanner, NumberedPagination, Table, Tag } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { formatDay, formatNumber } from '../../i18n';
import { useSignedIn } from '../../session/session';

const pageSize = 50;
const measureTaskTimepoints: Record<string, string> = {
  baseline_measure: 'baseline',
  review_measure: 'review',
  discharge_measure: 'discharge',
  follow_up_6m_measure: 'follow_up_6m',
  follow_up_12m_measure: 'follow_up_12m',
};
const whenChoices = ['due', 'overdue', 'upcoming', 'all'] as const;

export function TasksPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const [params] = useSearchParams();
  const when = (whenChoices as readonly string[]).includes(params.get('when') ?? '')
    ? (params.get('when') as TaskQuery['when'])
    : 'due';
  const isCoordinator = user.role === 'coordinator';
  const scope: TaskQuery['scope'] =
    isCoordinator && params.get('scope') === 'programme' ? 'programme' : 'mine';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '', 10) || 1);
  const list = useApiData(
    () => casework.tasks({ scope, when, limit: pageSize, offset: (page - 1) * pageSize }),
    [scope, when, page],
  );
  const errors = useFormErrors([]);
  const [done, setDone] = useState<string>();
  const [busyId, setBusyId] = useState<string>();

  const link = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    next.delete('page');
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const text = next.toString();
    return text ? `?${text}` : '/casework/tasks';
  };

  const complete = async (task: TaskListItem) => {
    setBusyId(task.id);
    errors.clear();
    setDone(undefined);
    try {
      await casework.completeTask(task.id, task.version);
      setDone(t('casework.tasks.completed', { title: task.title }));
      list.reload();
    } catch (error) {
      errors.showApiError(error);
    } finally {
      setBusyId(undefined);
    }
  };

  const total = list.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));

  return (
    <Page
      title={t('casework.tasks.title')}
      breadcrumbs={[{ to: '/', text: t('nav.home') }]}
      hasErrors={errors.hasErrors}
    >
      {done && <NotificationBanner isSuccess>{done}</NotificationBanner>}
      <ErrorSummary errors={errors.summary} />
      {isCoordinator && (
        <nav aria-label={t('casework.tasks.scopeLabel')}>
          <ul className="nhsuk-list lw-casework-tabs">
            {(['mine', 'programme'] as const).map((choice) => (
              <li key={choice}>
                <Link
                  to={link({ scope: choice === 'mine' ? '' : choice })}
                  aria-current={scope === choice ? 'true' : undefined}
                >
                  {t(`casework.tasks.scope.${choice}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <nav aria-label={t('casework.tasks.whenLabel')}>
        <ul className="nhsuk-list lw-casework-tabs">
          {whenChoices.map((choice) => (
            <li key={choice}>
              <Link
                to={link({ when: choice === 'due' ? '' : choice })}
                aria-current={when === choice ? 'true' : undefined}
              >
                {t(`casework.tasks.when.${choice}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {list.isLoading && <Loading />}
      {Boolean(list.error) && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <p role="status">{t('casework.tasks.count', { count: total, formatted: formatNumber(total) })}</p>
          {list.data.items.length > 0 && (
            <Table
              caption={t('casework.tasks.title')}
              isCaptionHidden
              rows={list.data.items}
              rowKey={(task) => task.id}
              columns={[
                {
                  header: t('casework.columns.due'),
                  cell: (task) => (
                    <>
                      {formatDay(task.dueAt)}{' '}
                      {task.isOverdue && <Tag colour="red">{t('casework.overdue')}</Tag>}
                    </>
                  ),
                },
                {
                  header: t('casework.columns.task'),
                  cell: (task) => {
                    // A due measure links straight to recording it, its timepoint already chosen.
                    const timepoint = measureTaskTimepoints[task.kind];
                    return timepoint ? (
                      <Link to={withQuery(referralLink(task.referralId, '/measures/new'), { timepoint })}>
                        {task.title}
                      </Link>
                    ) : (
                      task.title
                    );
                  },
                },
                {
                  header: t('casework.columns.person'),
                  cell: (task) => (
                    <>
                      <Link to={referralLink(task.referralId)}>{task.person.name}</Link>
                      <br />
                      <span className="nhsuk-body-s">{task.referralReference}</span>
                    </>
                  ),
                },
                {
                  header: t('common.actions'),
                  cell: (task) => (
                    <button
                      type="button"
                      className="lw-link-button"
                      aria-disabled={busyId ? true : undefined}
                      onClick={() => {
                        if (!busyId) void complete(task);
                      }}
                    >
                      {t('casework.tasks.markDone')}
                      <span className="nhsuk-u-visually-hidden">: {task.title}</span>
                    </button>
                  ),
                },
              ]}
            />
          )}
          <NumberedPagination page={page} pageCount={pageCount} linkToPage={(to) => link({ page: to })} />
        </>
      )}
    </Page>
  );
}
