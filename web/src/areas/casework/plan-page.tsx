// The plan (/casework/referrals/:id/plan). First what the person has already tried (their history
// across the programme), so nobody is sent again to what did not work; then a directory search
// pre-filled with their needs, postcode and language, from which the link worker refers them to a
// service; and, when nothing fits, an unmet need recorded for the programme's gap analysis.
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { casework, type ReferralRecord } from '../../api/casework';
import { Loading, NotificationBanner, Table, Tag } from '../../components/display';
import { LoadError } from '../../components/load-error';
import { OnwardStatusTag } from '../../components/onward-status-tag';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { formatDay } from '../../i18n';
import { referralLink } from '../../api/casework';
import { PlanSearch } from './plan-search';
import { UnmetNeedForm } from './unmet-need-form';
import { labelOf, needsText, personNameOf, StatusTag } from './shared';
import { ReferralGate, useReferralCase } from './use-referral';
import './casework.scss';

export function PlanPage() {
  const { t } = useTranslation();
  const referralCase = useReferralCase();
  return (
    <ReferralGate referralCase={referralCase} title={t('casework.plan.title')}>
      {(record) => (
        <PlanView record={record} reason={referralCase.reason} reload={referralCase.record.reload} />
      )}
    </ReferralGate>
  );
}

function PlanView({
  record,
  reason,
  reload,
}: {
  record: ReferralRecord;
  reason: string | undefined;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string>();
  const name = personNameOf(record.person);
  const back = referralLink(record.id, '', reason);
  const canRefer = record.status === 'in_progress';
  // The plan starts from the assessment's needs when there is one, else the referral's.
  const needs = record.assessment?.needs.length
    ? record.assessment.needs.map((need) => need.domain)
    : record.needs;

  return (
    <Page
      title={t('casework.plan.title')}
      caption={`${name} – ${record.reference}`}
      backLink={{ to: back, text: t('casework.backToCase') }}
    >
      {message && <NotificationBanner isSuccess>{message}</NotificationBanner>}
      <PersonHistory record={record} reason={reason} />

      <h2 className="nhsuk-heading-m">{t('casework.plan.currentTitle')}</h2>
      {record.onwardReferrals.length === 0 ? (
        <p>{t('casework.record.noOnward')}</p>
      ) : (
        <ul className="nhsuk-list">
          {record.onwardReferrals.map((onward) => (
            <li key={onward.id}>
              {onward.serviceName} ({onward.providerOrganisationName}){' '}
              <OnwardStatusTag status={onward.status} />
            </li>
          ))}
        </ul>
      )}

      <h2 className="nhsuk-heading-m" id="search-heading">
        {t('casework.plan.searchTitle')}
      </h2>
      {!canRefer && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">{t('common.information')}: </span>
          <p>
            {t('casework.plan.notInProgress', { status: labelOf(t, 'status', record.status) })}{' '}
            <StatusTag status={record.status} />
          </p>
        </div>
      )}
      <PlanSearch record={record} needs={needs} canRefer={canRefer} reason={reason} />

      <h2 className="nhsuk-heading-m" id="unmet">
        {t('casework.unmet.title')}
      </h2>
      <p>{t('casework.unmet.intro')}</p>
      <UnmetNeedForm
        record={record}
        needs={needs}
        onRecorded={(text) => {
          setMessage(text);
          reload();
        }}
      />
      {record.unmetNeeds.length > 0 && (
        <>
          <h3 className="nhsuk-heading-s">{t('casework.record.unmetTitle')}</h3>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {record.unmetNeeds.map((need) => (
              <li key={need.id}>
                {labelOf(t, 'needs', need.need)}: {labelOf(t, 'unmetReasons', need.reason)}
                {need.detail ? ` – ${need.detail}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

/** Everything the person was referred to before, and how it went (docs/DESIGN.md §3 rule 3). */
function PersonHistory({ record, reason }: { record: ReferralRecord; reason: string | undefined }) {
  const { t } = useTranslation();
  const history = useApiData(() => casework.history(record.person.id, reason), [record.person.id, reason]);
  const earlier = history.data?.referrals.filter((referral) => referral.id !== record.id) ?? [];
  return (
    <section aria-labelledby="history-heading">
      <h2 className="nhsuk-heading-m" id="history-heading">
        {t('casework.history.title', { name: personNameOf(record.person) })}
      </h2>
      {history.isLoading && <Loading />}
      {Boolean(history.error) && <LoadError error={history.error} onRetry={history.reload} />}
      {history.data && (
        <>
          {history.data.onwardReferrals.length === 0 ? (
            <p>{t('casework.history.noOnward')}</p>
          ) : (
            <Table
              caption={t('casework.history.onwardCaption')}
              rows={history.data.onwardReferrals}
              rowKey={(row) => row.id}
              columns={[
                {
                  header: t('casework.columns.service'),
                  cell: (row) => (
                    <>
                      <Link to={`/directory/services/${row.serviceId}`}>{row.serviceName}</Link>
                      <br />
                      <span className="nhsuk-body-s">{row.providerOrganisationName}</span>
                    </>
                  ),
                },
                {
                  header: t('casework.columns.status'),
                  cell: (row) => (
                    <>
                      <OnwardStatusTag status={row.status} />
                      {row.declineReason && (
                        <>
                          <br />
                          <span className="nhsuk-body-s">{labelOf(t, 'reasons', row.declineReason)}</span>
                        </>
                      )}
                    </>
                  ),
                },
                {
                  header: t('casework.columns.attendance'),
                  cell: (row) =>
                    t('casework.history.attendance', {
                      attended: row.attendance.attended,
                      missed: row.attendance.didNotAttend,
                    }),
                },
                { header: t('casework.columns.sent'), cell: (row) => formatDay(row.sentAt) },
              ]}
            />
          )}
          {earlier.length === 0 ? (
            <p>{t('casework.history.noReferrals')}</p>
          ) : (
            <Table
              caption={t('casework.history.referralsCaption')}
              rows={earlier}
              rowKey={(row) => row.id}
              columns={[
                { header: t('casework.columns.reference'), cell: (row) => row.reference },
                { header: t('casework.columns.received'), cell: (row) => formatDay(row.receivedAt) },
                { header: t('casework.columns.needs'), cell: (row) => needsText(t, row.needs) },
                {
                  header: t('casework.columns.status'),
                  cell: (row) => (
                    <>
                      {row.isOpen ? (
                        <Tag colour="blue">{t('casework.history.open')}</Tag>
                      ) : (
                        labelOf(t, 'status', row.status)
                      )}
                      {(row.closureReason || row.rejectionReason) && (
                        <>
                          <br />
                          <span className="nhsuk-body-s">
                            {labelOf(t, 'reasons', row.closureReason ?? row.rejectionReason)}
                          </span>
                        </>
                      )}
                    </>
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
