// The triage queue (/casework/queue): the programme's new, unassigned referrals, urgent first and
// then oldest first, with how long each has waited. A link worker picks one up (it becomes theirs);
// a coordinator can also give it to a link worker of their choosing.
import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { casework, referralLink, type ReferralListItem } from '../../api/casework';
import { Loading, NotificationBanner, NumberedPagination, Table } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { formatDay, formatNumber } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { ageFrom, needsText, personNameOf, UrgencyTag } from './shared';

const pageSize = 50;

export function QueuePage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const [params] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '', 10) || 1);
  const list = useApiData(
    () => casework.list({ view: 'queue', limit: pageSize, offset: (page - 1) * pageSize }),
    [page],
  );
  const errors = useFormErrors([]);
  const [busyId, setBusyId] = useState<string>();
  const isCoordinator = user.role === 'coordinator';

  const pickUp = async (item: ReferralListItem) => {
    setBusyId(item.id);
    errors.clear();
    try {
      // The list does not carry the version; the record does (queue items are open to link workers).
      const { version } = await casework.get(item.id);
      await casework.assign(item.id, user.id, version);
      void navigate(referralLink(item.id), {
        state: { flash: t('casework.queue.pickedUp', { reference: item.reference }) },
      });
    } catch (error) {
      errors.showApiError(error);
      list.reload();
    } finally {
      setBusyId(undefined);
    }
  };

  const total = list.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));

  return (
    <Page
      title={t('casework.queue.title')}
      breadcrumbs={[{ to: '/', text: t('nav.home') }]}
      hasErrors={errors.hasErrors}
    >
      {flash && <NotificationBanner isSuccess>{flash}</NotificationBanner>}
      <ErrorSummary errors={errors.summary} />
      <p>{t('casework.queue.intro')}</p>
      {list.isLoading && <Loading />}
      {Boolean(list.error) && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <p role="status">{t('casework.queue.count', { count: total, formatted: formatNumber(total) })}</p>
          {list.data.items.length > 0 && (
            <Table
              caption={t('casework.queue.caption')}
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
                        {item.person.postcode ? ` · ${item.person.postcode}` : ''}
                      </span>
                    </>
                  ),
                },
                {
                  header: t('casework.columns.urgency'),
                  cell: (item) => <UrgencyTag urgency={item.urgency} />,
                },
                { header: t('casework.columns.needs'), cell: (item) => needsText(t, item.needs) },
                {
                  header: t('casework.columns.waiting'),
                  cell: (item) => (
                    <>
                      {t('casework.daysCount', { count: item.daysWaiting })}
                      <br />
                      <span className="nhsuk-body-s">
                        {t('casework.receivedOn', { date: formatDay(item.receivedAt) })}
                      </span>
                    </>
                  ),
                },
                {
                  header: t('common.actions'),
                  cell: (item) => (
                    <>
                      {!isCoordinator && (
                        <button
                          type="button"
                          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-1"
                          aria-disabled={busyId ? true : undefined}
                          onClick={() => {
                            if (!busyId) void pickUp(item);
                          }}
                        >
                          {t('casework.queue.pickUp')}
                          <span className="nhsuk-u-visually-hidden">: {personNameOf(item.person)}</span>
                        </button>
                      )}
                      {isCoordinator && (
                        <>
                          <Link to={referralLink(item.id, '/assign')}>
                            {t('casework.queue.assign')}
                            <span className="nhsuk-u-visually-hidden">: {personNameOf(item.person)}</span>
                          </Link>
                        </>
                      )}
                    </>
                  ),
                },
              ]}
            />
          )}
          <NumberedPagination
            page={page}
            pageCount={pageCount}
            linkToPage={(to) => (to ? `?page=${to}` : '/casework/queue')}
          />
        </>
      )}
    </Page>
  );
}

export function describeAge(t: TFunction, item: Pick<ReferralListItem, 'person'>): string {
  const age = item.person.age ?? ageFrom(item.person.dateOfBirth);
  return age === undefined || age === null ? '' : ` · ${t('casework.age', { count: age })}`;
}
