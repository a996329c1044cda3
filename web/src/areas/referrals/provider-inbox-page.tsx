// The provider's inbox (/provider/referrals): onward referrals to the organisation's services,
// newest first, filtered by status.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { onwardReferralStatuses, providerApi } from '../../api/referrals';
import { Button } from '../../components/button';
import { Loading, NumberedPagination, Table } from '../../components/display';
import { Select } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { OnwardStatusTag } from '../../components/onward-status-tag';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime, formatNumber } from '../../i18n';
import { useUrlFilters } from '../admin/shared';
import { needLabel } from './shared';

const pageSize = 25;
const filterKeys = ['status', 'page'] as const;

export function ProviderInboxPage() {
  const { t } = useTranslation();
  const { values, apply, linkWith } = useUrlFilters(filterKeys);
  const page = Math.max(1, Number.parseInt(values.page, 10) || 1);
  const [status, setStatus] = useState(values.status);
  const inbox = useApiData(
    () =>
      providerApi.inbox({
        status: values.status || undefined,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      }),
    [values.status, page],
  );
  const filter = (event: FormEvent) => {
    event.preventDefault();
    apply({ status });
  };
  const total = inbox.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));

  return (
    <Page title={t('referrals.inbox.title')}>
      <p>{t('referrals.inbox.intro')}</p>
      <form
        className="lw-filters"
        role="search"
        onSubmit={filter}
        aria-label={t('referrals.inbox.filterLabel')}
      >
        <Select
          id="status"
          label={t('referrals.inbox.statusFilter')}
          value={status}
          onChange={setStatus}
          options={[
            { value: '', text: t('referrals.inbox.anyStatus') },
            ...onwardReferralStatuses.map((value) => ({ value, text: t(`referrals.onwardStatus.${value}`) })),
          ]}
        />
        <Button variant="secondary">{t('referrals.inbox.filter')}</Button>
      </form>
      {inbox.isLoading && <Loading />}
      {Boolean(inbox.error) && <LoadError error={inbox.error} onRetry={inbox.reload} />}
      {inbox.data && (
        <>
          <p role="status">{t('referrals.inbox.count', { count: total, formatted: formatNumber(total) })}</p>
          {inbox.data.items.length > 0 && (
            <Table
              caption={t('referrals.inbox.title')}
              isCaptionHidden
              rows={inbox.data.items}
              rowKey={(item) => item.id}
              columns={[
                {
                  header: t('referrals.inbox.person'),
                  cell: (item) => (
                    <Link to={`/provider/referrals/${item.id}`}>
                      {item.person.givenName}
                      <span className="nhsuk-u-visually-hidden">
                        {' '}
                        {t('referrals.inbox.toService', { service: item.service.name })}
                      </span>
                    </Link>
                  ),
                },
                { header: t('referrals.inbox.service'), cell: (item) => item.service.name },
                {
                  header: t('referrals.inbox.needs'),
                  cell: (item) => item.needs.map((need) => needLabel(t, need)).join(', '),
                },
                {
                  header: t('referrals.inbox.status'),
                  cell: (item) => <OnwardStatusTag status={item.status} isProviderView />,
                },
                { header: t('referrals.inbox.sentAt'), cell: (item) => formatDateTime(item.sentAt) },
                { header: t('referrals.inbox.reference'), cell: (item) => item.reference },
              ]}
            />
          )}
          <NumberedPagination page={page} pageCount={pageCount} linkToPage={(to) => linkWith({ page: to })} />
        </>
      )}
    </Page>
  );
}
