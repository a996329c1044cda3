// The middle of a case's record: contacts, the assessment, onward referrals and unmet needs.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReferralRecord } from '../../api/casework';
import { SummaryList, Table, Tag } from '../../components/display';
import { OnwardStatusTag } from '../../components/onward-status-tag';
import { formatDateTime, formatDay } from '../../i18n';
import { labelOf, needLabel, needsText } from './shared';

export function CaseSections({ record }: { record: ReferralRecord }) {
  const { t } = useTranslation();
  const contacts = record.contactAttempts;
  const onward = record.onwardReferrals;
  const unmet = record.unmetNeeds;
  return (
    <>
      <h2 className="nhsuk-heading-m">{t('casework.record.contactsTitle')}</h2>
      {contacts.length === 0 ? (
        <p>{t('casework.record.noContacts')}</p>
      ) : (
        <Table
          caption={t('casework.record.contactsTitle')}
          isCaptionHidden
          rows={contacts}
          rowKey={(contact) => contact.id}
          columns={[
            { header: t('casework.columns.when'), cell: (contact) => formatDateTime(contact.occurredAt) },
            { header: t('casework.columns.mode'), cell: (contact) => labelOf(t, 'modes', contact.mode) },
            {
              header: t('casework.columns.outcome'),
              cell: (contact) => labelOf(t, 'outcomes', contact.outcome),
            },
            {
              header: t('casework.columns.duration'),
              cell: (contact) =>
                contact.durationMinutes === null || contact.durationMinutes === undefined
                  ? ''
                  : t('casework.minutes', { count: contact.durationMinutes }),
            },
            { header: t('casework.columns.note'), cell: (contact) => contact.note },
          ]}
        />
      )}

      <h2 className="nhsuk-heading-m">{t('casework.record.assessmentTitle')}</h2>
      {record.assessment ? (
        <SummaryList
          rows={[
            { key: t('casework.assessment.whatMatters'), value: record.assessment.whatMatters },
            {
              key: t('casework.assessment.needsLegend'),
              value: (
                <ul className="nhsuk-list">
                  {record.assessment.needs.map((need) => (
                    <li key={need.domain}>
                      {needLabel(t, need.domain)} – {labelOf(t, 'priorities', need.priority)}
                      {need.detail ? `: ${need.detail}` : ''}
                    </li>
                  ))}
                </ul>
              ),
            },
            {
              key: t('casework.assessment.goalsLegend'),
              value:
                record.assessment.goals.length === 0 ? (
                  t('casework.assessment.noGoals')
                ) : (
                  <ul className="nhsuk-list">
                    {record.assessment.goals.map((goal, index) => (
                      <li key={goal.id ?? index}>
                        {goal.text}{' '}
                        <Tag
                          colour={
                            goal.status === 'achieved' ? 'green' : goal.status === 'dropped' ? 'grey' : 'blue'
                          }
                        >
                          {labelOf(t, 'goalStatuses', goal.status)}
                        </Tag>
                      </li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
      ) : (
        <p>{t('casework.record.noAssessment')}</p>
      )}

      <h2 className="nhsuk-heading-m">{t('casework.record.onwardTitle')}</h2>
      {onward.length === 0 ? (
        <p>{t('casework.record.noOnward')}</p>
      ) : (
        <Table
          caption={t('casework.record.onwardTitle')}
          isCaptionHidden
          rows={onward}
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
            { header: t('casework.columns.needs'), cell: (row) => needsText(t, row.needs) },
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
            { header: t('casework.columns.sent'), cell: (row) => formatDay(row.sentAt) },
          ]}
        />
      )}
      {unmet.length > 0 && (
        <>
          <h3 className="nhsuk-heading-s">{t('casework.record.unmetTitle')}</h3>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {unmet.map((need) => (
              <li key={need.id}>
                {needLabel(t, need.need)}: {labelOf(t, 'unmetReasons', need.reason)}
                {need.detail ? ` – ${need.detail}` : ''} ({formatDay(need.createdAt)})
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
