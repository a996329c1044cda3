// "My referrals" (/referrals/sent): the referrals the signed-in referrer's organisation made, with
// their live status in plain words, searchable by name or reference; and one referral
// (/referrals/sent/:id), the page flowback emails link to: status, why it was not accepted, what
// happened (with each event's SNOMED CT code, for filing in a clinical system), the kinds of service
// the person was connected to, the outcome, and "Cancel referral" before it is accepted.
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  closureReasons,
  referralStatuses,
  referralsApi,
  rejectionReasons,
  type SentReferral,
} from '../../api/referrals';
import { Button, ButtonLink } from '../../components/button';
import {
  InsetText,
  Loading,
  NotificationBanner,
  NumberedPagination,
  SummaryList,
  Table,
  WarningCallout,
} from '../../components/display';
import { ErrorSummary, type ErrorItem } from '../../components/error-summary';
import { Select, TextInput, Textarea } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime, formatDay, formatNumber } from '../../i18n';
import { useUrlFilters } from '../admin/shared';
import { ReferralStatusTag, needLabel } from './shared';

const pageSize = 25;
const filterKeys = ['q', 'status', 'page'] as const;

export function SentReferralsPage() {
  const { t } = useTranslation();
  const { values, apply, linkWith } = useUrlFilters(filterKeys);
  const page = Math.max(1, Number.parseInt(values.page, 10) || 1);
  const [q, setQ] = useState(values.q);
  const [status, setStatus] = useState(values.status);
  const list = useApiData(
    () =>
      referralsApi.listSent({
        q: values.q || undefined,
        status: values.status || undefined,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      }),
    [values.q, values.status, page],
  );
  const search = (event: FormEvent) => {
    event.preventDefault();
    apply({ q: q.trim(), status });
  };
  const total = list.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));

  return (
    <Page title={t('referrals.sent.title')}>
      <ButtonLink to="/referrals/new">{t('referrals.sent.new')}</ButtonLink>
      <form
        className="lw-filters"
        role="search"
        onSubmit={search}
        aria-label={t('referrals.sent.searchLabel')}
      >
        <TextInput
          id="q"
          type="search"
          label={t('referrals.sent.search')}
          hint={t('referrals.sent.searchHint')}
          value={q}
          onChange={setQ}
          width={20}
        />
        <Select
          id="status"
          label={t('referrals.sent.statusFilter')}
          value={status}
          onChange={setStatus}
          options={[
            { value: '', text: t('referrals.sent.anyStatus') },
            ...referralStatuses.map((value) => ({ value, text: t(`referrals.status.${value}`) })),
          ]}
        />
        <Button variant="secondary">{t('common.search')}</Button>
      </form>
      {list.isLoading && <Loading />}
      {Boolean(list.error) && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <p role="status">{t('referrals.sent.count', { count: total, formatted: formatNumber(total) })}</p>
          {list.data.items.length > 0 && (
            <Table
              caption={t('referrals.sent.title')}
              isCaptionHidden
              rows={list.data.items}
              rowKey={(item) => item.id}
              columns={[
                {
                  header: t('referrals.sent.person'),
                  cell: (item) => (
                    <>
                      <Link to={`/referrals/sent/${item.id}`}>
                        {item.person.givenName} {item.person.familyName}
                      </Link>
                      {item.person.dateOfBirth && (
                        <>
                          <br />
                          <span className="nhsuk-body-s">
                            {t('referrals.sent.born', { date: formatDay(item.person.dateOfBirth) })}
                          </span>
                        </>
                      )}
                    </>
                  ),
                },
                { header: t('referrals.sent.reference'), cell: (item) => item.reference },
                {
                  header: t('referrals.sent.status'),
                  cell: (item) => <ReferralStatusTag status={item.status} />,
                },
                {
                  header: t('referrals.sent.lastUpdate'),
                  cell: (item) =>
                    item.lastUpdate ? (
                      <>
                        {eventLabel(item.lastUpdate, t)}
                        <br />
                        <span className="nhsuk-body-s">{formatDateTime(item.lastUpdate.occurredAt)}</span>
                      </>
                    ) : (
                      formatDateTime(item.receivedAt)
                    ),
                },
              ]}
            />
          )}
          <NumberedPagination page={page} pageCount={pageCount} linkToPage={(to) => linkWith({ page: to })} />
        </>
      )}
    </Page>
  );
}

export function SentReferralPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const referral = useApiData(() => referralsApi.getSent(id), [id]);
  const [message, setMessage] = useState<string | undefined>();
  const backLink = { to: '/referrals/sent', text: t('referrals.sent.back') };

  if (!referral.data) {
    return (
      <Page title={t('referrals.detail.loadingTitle')} backLink={backLink}>
        {referral.isLoading ? <Loading /> : <LoadError error={referral.error} onRetry={referral.reload} />}
      </Page>
    );
  }
  const data = referral.data;
  const name = `${data.person.givenName} ${data.person.familyName}`;
  return (
    <Page title={t('referrals.detail.title', { name })} caption={data.reference} backLink={backLink}>
      {message && (
        <NotificationBanner isSuccess key={message}>
          <p className="nhsuk-notification-banner__heading">{message}</p>
        </NotificationBanner>
      )}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              {
                key: t('referrals.detail.status'),
                value: (
                  <>
                    <ReferralStatusTag status={data.status} />
                    <p className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                      {statusDetail(data, t)}
                    </p>
                  </>
                ),
              },
              { key: t('referrals.detail.reference'), value: data.reference },
              {
                key: t('referrals.detail.dateOfBirth'),
                value: data.person.dateOfBirth ? formatDay(data.person.dateOfBirth) : t('common.notSet'),
              },
              { key: t('referrals.detail.receivedAt'), value: formatDateTime(data.receivedAt) },
              {
                key: t('referrals.detail.urgency'),
                value:
                  data.urgency === 'urgent' ? t('referrals.urgency.urgent') : t('referrals.urgency.routine'),
              },
              {
                key: t('referrals.detail.needs'),
                value: data.needs.map((need) => needLabel(t, need)).join(', '),
              },
              ...(data.rejectionReasonLabel || data.rejectionReason
                ? [
                    {
                      key: t('referrals.detail.rejectionReason'),
                      value: rejectionLabel(data, t),
                    },
                  ]
                : []),
              ...(data.connectedServiceKinds.length > 0
                ? [{ key: t('referrals.detail.connectedTo'), value: data.connectedServiceKinds.join(', ') }]
                : []),
              ...(data.closureReasonLabel || data.closureReason
                ? [
                    {
                      key: t('referrals.detail.closureReason'),
                      value: closureLabel(data, t),
                    },
                  ]
                : []),
              ...(data.outcomeSummary
                ? [{ key: t('referrals.detail.outcomeSummary'), value: data.outcomeSummary }]
                : []),
            ]}
          />
        </div>
      </div>

      <h2 className="nhsuk-heading-m">{t('referrals.detail.timeline')}</h2>
      <Timeline events={data.events} />

      {data.abilities.canCancel && (
        <CancelReferral
          referral={data}
          onCancelled={() => {
            setMessage(t('referrals.cancel.done', { reference: data.reference }));
            referral.reload();
          }}
        />
      )}
    </Page>
  );
}

type EventKey =
  'received' | 'accepted' | 'rejected' | 'cancelled' | 'firstContact' | 'connected' | 'completed';
const eventKeys: Record<string, EventKey> = {
  'referral.received': 'received',
  'referral.accepted': 'accepted',
  'referral.rejected': 'rejected',
  'referral.cancelled': 'cancelled',
  'referral.contacting': 'firstContact',
  'referral.in_progress': 'firstContact',
  'contact.recorded': 'firstContact',
  'referral.connected': 'connected',
  'referral.completed': 'completed',
};

/** An event in the reader's language; a type the web app does not know keeps the server's words. */
function eventLabel(event: { type: string; label: string }, t: TFunction): string {
  const key = eventKeys[event.type];
  return key ? t(`referrals.events.${key}`) : event.label;
}

function statusDetail(data: SentReferral, t: TFunction): string {
  const status = referralStatuses.find((known) => known === data.status);
  return status ? t(`referrals.statusDetail.${status}`) : data.statusLabel;
}

function rejectionLabel(data: SentReferral, t: TFunction): string | null {
  const code = rejectionReasons.find((known) => known === data.rejectionReason);
  return code ? t(`referrals.rejectionReasons.${code}`) : (data.rejectionReasonLabel ?? data.rejectionReason);
}

function closureLabel(data: SentReferral, t: TFunction): string | null {
  const code = closureReasons.find((known) => known === data.closureReason);
  return code ? t(`referrals.closureReasons.${code}`) : (data.closureReasonLabel ?? data.closureReason);
}

function Timeline({ events }: { events: SentReferral['events'] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p>{t('referrals.detail.noEvents')}</p>;
  return (
    <ol className="nhsuk-list lw-referral-timeline">
      {events.map((event, index) => (
        <li key={`${event.type}-${event.occurredAt}-${index}`} className="nhsuk-u-margin-bottom-4">
          <p className="nhsuk-u-margin-bottom-1">
            <strong>{eventLabel(event, t)}</strong>
            {event.serviceKinds && event.serviceKinds.length > 0 && <> ({event.serviceKinds.join(', ')})</>}
          </p>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
            <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
            {event.snomed && (
              <>
                {' · '}
                <span className="lw-id">
                  {t('referrals.detail.snomed', { code: event.snomed.code, display: event.snomed.display })}
                </span>
              </>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}

function CancelReferral({ referral, onCancelled }: { referral: SentReferral; onCancelled: () => void }) {
  const { t } = useTranslation();
  const [isConfirming, setIsConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const { isBusy, run } = useSubmit((error: unknown) => {
    const isConflict = error instanceof ApiError && error.status === 409;
    setErrors([
      {
        text: isConflict
          ? t('referrals.cancel.conflict')
          : error instanceof ApiError
            ? (error.problem.detail ?? error.problem.title)
            : t('errors.unexpected'),
      },
    ]);
  });

  const cancel = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    setErrors([]);
    await run(async () => {
      await referralsApi.cancelSent(referral.id, {
        reason: reason.trim() || undefined,
        version: referral.version,
      });
      setIsConfirming(false);
      onCancelled();
    });
  };

  if (!isConfirming) {
    return (
      <>
        <h2 className="nhsuk-heading-m">{t('referrals.cancel.heading')}</h2>
        <InsetText>
          <p>{t('referrals.cancel.explain')}</p>
        </InsetText>
        <Button variant="secondary" type="button" onClick={() => setIsConfirming(true)}>
          {t('referrals.cancel.start')}
        </Button>
      </>
    );
  }
  return (
    <section aria-labelledby="cancel-heading">
      <ErrorSummary errors={errors} />
      <WarningCallout heading={t('referrals.cancel.confirmHeading')}>
        <p id="cancel-heading">{t('referrals.cancel.confirmBody', { reference: referral.reference })}</p>
      </WarningCallout>
      <form onSubmit={(event) => void cancel(event)} noValidate>
        <Textarea
          id="cancel-reason"
          label={t('referrals.cancel.reason')}
          value={reason}
          onChange={setReason}
          rows={2}
        />
        <div className="nhsuk-button-group">
          <Button variant="warning" isBusy={isBusy}>
            {t('referrals.cancel.confirm')}
          </Button>
          <Button variant="secondary" type="button" onClick={() => setIsConfirming(false)}>
            {t('referrals.cancel.keep')}
          </Button>
        </div>
      </form>
    </section>
  );
}
