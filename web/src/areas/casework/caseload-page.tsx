// A link worker's caseload (/casework/caseload) and, for coordinators, the whole programme
// (/casework/all, filtered by status and link worker): each case's status, next task and whether
// it is overdue.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { casework, referralLink, type ReferralListItem } from '../../api/casework';
import { admin } from '../../api/endpoints';
import { Button } from '../../components/button';
import { Loading, NumberedPagination, Table, Tag } from '../../components/display';
import { Select } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { formatDay, formatNumber } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { describeAge } from './queue-page';
import { labelOf, needsText, personNameOf, referralStatusList, StatusTag, UrgencyTag } from './shared';

const pageSize = 50;

export function CaseloadPage({ view }: { view: 'caseload' | 'all' }) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '', 10) || 1);
  const status = params.get('status') ?? '';
  const linkWorkerId = params.get('linkWorkerId') ?? '';
  const isAll = view === 'all';
  const list = useApiData(
    () =>
      casework.list({
        view,
        status: isAll ? status || undefined : undefined,
        linkWorkerId: isAll ? linkWorkerId || undefined : undefined,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      }),
    [view, status, linkWorkerId, page],
  );
  const team = useApiData(
    async () =>
      isAll
        ? admin.listUsers({ programmeId: user.programmeId ?? undefined, role: 'link_worker', limit: 200 })
        : undefined,
    [isAll, user.programmeId],
  );
  const [draft, setDraft] = useState({ status, linkWorkerId });
  const filter = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.status) next.set('status', draft.status);
    if (draft.linkWorkerId) next.set('linkWorkerId', draft.linkWorkerId);
    setParams(next);
  };
  const linkWithPage = (to: string) => {
    const next = new URLSearchParams(params);
    if (to) next.set('page', to);
    else next.delete('page');
    const text = next.toString();
    return text ? `?${text}` : `/casework/${view}`;
  };

  const total = list.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const title = isAll ? t('casework.all.title') : t('casework.caseload.title');

  return (
    <Page title={title} breadcrumbs={[{ to: '/', text: t('nav.home') }]}>
      {isAll && (
        <form className="lw-filters" onSubmit={filter} aria-label={t('casework.all.filterLabel')} noValidate>
          <Select
            id="status"
            label={t('casework.columns.status')}
            value={draft.status}
            onChange={(value) => setDraft((current) => ({ ...current, status: value }))}
            options={[
              { value: '', text: t('casework.all.anyStatus') },
              ...referralStatusList.map((code) => ({ value: code, text: labelOf(t, 'status', code) })),
            ]}
          />
          <Select
            id="linkWorkerId"
            label={t('casework.columns.linkWorker')}
            value={draft.linkWorkerId}
            onChange={(value) => setDraft((current) => ({ ...current, linkWorkerId: value }))}
            options={[
              { value: '', text: t('casework.all.anyLinkWorker') },
              ...(team.data?.items ?? []).map((member) => ({ value: member.id, text: member.name })),
            ]}
          />
          <div className="nhsuk-form-group">
            <Button variant="secondary">{t('casework.all.filter')}</Button>
          </div>
        </form>
      )}
      {!isAll && <p>{t('casework.caseload.intro')}</p>}
      {list.isLoading && <Loading />}
      {Boolean(list.error) && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <p role="status">
            {t('casework.caseload.count', { count: total, formatted: formatNumber(total) })}
          </p>
          {list.data.items.length > 0 && (
            <Table
              caption={title}
              isCaptionHidden
              rows={list.data.items}
              rowKey={(item) => item.id}
              columns={[
                {
                  header: t('casework.columns.person'),
                  cell: (item) => (
                    <>
                      <Link to={referralLink(item.id)}>{personNameOf(item.person)}</Link>
                      <br />
                      <span className="nhsuk-body-s">
                        {item.reference}
                        {describeAge(t, item)}
                      </span>
                    </>
                  ),
                },
                {
                  header: t('casework.columns.status'),
                  cell: (item) => (
                    <>
                      <StatusTag status={item.status} />{' '}
                      {item.urgency === 'urgent' && <UrgencyTag urgency="urgent" />}
                    </>
                  ),
                },
                { header: t('casework.columns.needs'), cell: (item) => needsText(t, item.needs) },
                { header: t('casework.columns.nextTask'), cell: (item) => <NextTaskCell item={item} /> },
                ...(isAll
                  ? [
                      {
                        header: t('casework.columns.linkWorker'),
                        cell: (item: ReferralListItem) =>
                          item.assignedLinkWorker?.name ?? t('casework.unassigned'),
                      },
                    ]
                  : []),
                {
                  header: t('casework.columns.received'),
                  cell: (item) => (
                    <>
                      {formatDay(item.receivedAt)}
                      <br />
                      <span className="nhsuk-body-s">
                        {t('casework.daysAgo', { count: item.daysWaiting })}
                      </span>
                    </>
                  ),
                },
              ]}
            />
          )}
          <NumberedPagination page={page} pageCount={pageCount} linkToPage={linkWithPage} />
        </>
      )}
    </Page>
  );
}

function NextTaskCell({ item }: { item: ReferralListItem }) {
  const { t } = useTranslation();
  const task = item.nextTask;
  if (!task) return <>{t('casework.noTask')}</>;
  return (
    <>
      {labelOf(t, 'taskKinds', task.kind)}
      <br />
      <span className="nhsuk-body-s">{t('casework.dueOn', { date: formatDay(task.dueAt) })}</span>{' '}
      {task.isOverdue && <Tag colour="red">{t('casework.overdue')}</Tag>}
    </>
  );
}
