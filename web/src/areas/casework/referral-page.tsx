// One referral's record (/casework/referrals/:id): who the person is and how to reach them, the
// consent they gave, what can be done now (only what the server's abilities allow), contacts,
// assessment, onward referrals, unmet needs, tasks, and the timeline of every event.
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { casework, referralLink, type ActionInput, type ReferralRecord } from '../../api/casework';
import { Button } from '../../components/button';
import {
  InsetText,
  NotificationBanner,
  SummaryList,
  Table,
  Tag,
  WarningCallout,
} from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Page } from '../../components/page';
import { useFormErrors } from '../../hooks/use-form-errors';
import { formatDateTime, formatDay } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { EqualityMonitoringSummary } from './equality-monitoring';
import { ageFrom, labelOf, needsText, personNameOf, StatusTag, UrgencyTag } from './shared';
import { AddTaskForm } from './add-task-form';
import { PossibleDuplicateWarning, ReferredDetails, referredDetailsId } from './duplicate-review';
import { CaseSections } from './record-sections';
import { MeasuresSection } from '../outcomes/measures-section';
import { Timeline } from './timeline';
import { ReferralGate, useReferralCase } from './use-referral';
import './casework.scss';

export function ReferralPage() {
  const { t } = useTranslation();
  const referralCase = useReferralCase();
  return (
    <ReferralGate
      referralCase={referralCase}
      title={t('casework.record.loadingTitle')}
      breadcrumbs={[{ to: '/casework/caseload', text: t('casework.caseload.title') }]}
    >
      {(record) => (
        <ReferralRecordView
          record={record}
          reason={referralCase.reason}
          reload={referralCase.record.reload}
        />
      )}
    </ReferralGate>
  );
}

function ReferralRecordView({
  record,
  reason,
  reload,
}: {
  record: ReferralRecord;
  reason: string | undefined;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const location = useLocation();
  const [message, setMessage] = useState<string | undefined>(
    (location.state as { flash?: string } | null)?.flash,
  );
  const [busy, setBusy] = useState<string>();
  const errors = useFormErrors([]);
  const abilities = record.abilities;
  const name = personNameOf(record.person);
  const link = (suffix: string) => referralLink(record.id, suffix, reason);
  const isCoordinator = user.role === 'coordinator';

  const run = async (key: string, doIt: () => Promise<unknown>, success: string) => {
    if (busy) return;
    setBusy(key);
    errors.clear();
    setMessage(undefined);
    try {
      await doIt();
      setMessage(success);
      reload();
    } catch (error) {
      errors.showApiError(error);
      reload();
    } finally {
      setBusy(undefined);
    }
  };
  const act = (action: ActionInput['action'], success: string) =>
    run(action, () => casework.act(record.id, { action, version: record.version }), success);

  const canPickUp = !isCoordinator && !record.assignedLinkWorker && abilities.canAssign;
  const person = record.person;
  const age = person.age ?? ageFrom(person.dateOfBirth) ?? undefined;
  const preferences = record.contactPreferences;
  const consent = record.consent;
  const notSet = t('common.notSet');
  const openTasks = record.tasks.open;
  const doneTasks = record.tasks.done;

  return (
    <Page
      title={name}
      caption={t('casework.record.caption', { reference: record.reference })}
      breadcrumbs={[
        { to: '/', text: t('nav.home') },
        { to: '/casework/caseload', text: t('casework.caseload.title') },
      ]}
      hasErrors={errors.hasErrors}
    >
      {message && <NotificationBanner isSuccess>{message}</NotificationBanner>}
      <ErrorSummary errors={errors.summary} />
      <p className="lw-casework-tags">
        <StatusTag status={record.status} />
        <UrgencyTag urgency={record.urgency} />
        {person.needsInterpreter && <Tag colour="purple">{t('casework.record.interpreter')}</Tag>}
      </p>

      <PossibleDuplicateWarning record={record} />

      {abilities.canCloseAsUnableToContact && (
        <WarningCallout heading={t('casework.record.unableHeading')}>
          <p>{t('casework.record.unableBody', { count: record.failedContactAttempts })}</p>
          <p>
            <Link to={withClosure(link('/close'))}>{t('casework.record.unableLink')}</Link>
          </p>
        </WarningCallout>
      )}

      <h2 className="nhsuk-heading-m">{t('casework.record.actionsTitle')}</h2>
      <div className="lw-casework-actions">
        {canPickUp && record.status === 'received' && (
          <Button
            isBusy={Boolean(busy)}
            type="button"
            onClick={() =>
              void run(
                'assign',
                () => casework.assign(record.id, user.id, record.version),
                t('casework.record.pickedUp'),
              )
            }
          >
            {t('casework.queue.pickUp')}
          </Button>
        )}
        {abilities.canAccept && (
          <Button
            isBusy={Boolean(busy)}
            type="button"
            onClick={() => void act('accept', t('casework.record.accepted'))}
          >
            {t('casework.actions.accept')}
          </Button>
        )}
        {abilities.canResume && (
          <Button
            isBusy={Boolean(busy)}
            type="button"
            onClick={() => void act('resume', t('casework.record.resumed'))}
          >
            {t('casework.actions.resume')}
          </Button>
        )}
        {abilities.canHold && (
          <Button
            isBusy={Boolean(busy)}
            type="button"
            variant="secondary"
            onClick={() => void act('hold', t('casework.record.held'))}
          >
            {t('casework.actions.hold')}
          </Button>
        )}
      </div>
      <ul className="nhsuk-list">
        {abilities.canAccept && record.personDetailsFromReferral.length > 0 && (
          <li>
            <a href={`#${referredDetailsId}`}>{t('casework.referredDetails.checkFirst')}</a>
          </li>
        )}
        {abilities.canRecordContact && (
          <li>
            <Link to={link('/contact')}>{t('casework.actions.recordContact')}</Link>
          </li>
        )}
        {abilities.canSaveAssessment && (
          <li>
            <Link to={link('/assessment')}>
              {record.assessment ? t('casework.actions.updateAssessment') : t('casework.actions.assess')}
            </Link>
          </li>
        )}
        <li>
          <Link to={link('/plan')}>{t('casework.actions.plan')}</Link>
        </li>
        {abilities.canReject && (
          <li>
            <Link to={link('/reject')}>{t('casework.actions.reject')}</Link>
          </li>
        )}
        {abilities.canClose && (
          <li>
            <Link to={link('/close')}>{t('casework.actions.close')}</Link>
          </li>
        )}
        {isCoordinator && abilities.canAssign && (
          <li>
            <Link to={link('/assign')}>
              {record.assignedLinkWorker ? t('casework.actions.reassign') : t('casework.actions.assign')}
            </Link>
          </li>
        )}
      </ul>

      <h2 className="nhsuk-heading-m">{t('casework.record.referralTitle')}</h2>
      <SummaryList
        rows={[
          { key: t('casework.fields.reference'), value: record.reference },
          { key: t('casework.fields.status'), value: labelOf(t, 'status', record.status) },
          { key: t('casework.fields.urgency'), value: labelOf(t, 'urgency', record.urgency) },
          { key: t('casework.fields.received'), value: formatDateTime(record.receivedAt) },
          { key: t('casework.fields.needs'), value: needsText(t, record.needs) },
          { key: t('casework.fields.reasonText'), value: record.reasonText || notSet },
          {
            key: t('casework.fields.referrer'),
            value:
              [record.referrer.name, record.referrer.organisationName].filter(Boolean).join(', ') ||
              labelOf(t, 'sourceTypes', record.sourceType) ||
              notSet,
          },
          // The routing sentence (referrals/intake/routing.ts); referrals before migration 0015 have none.
          ...(record.route.explanation
            ? [{ key: t('casework.fields.route'), value: record.route.explanation }]
            : []),
          {
            key: t('casework.fields.linkWorker'),
            value: record.assignedLinkWorker?.name ?? t('casework.unassigned'),
          },
          ...(record.rejectionReason
            ? [
                {
                  key: t('casework.fields.rejectionReason'),
                  value: labelOf(t, 'reasons', record.rejectionReason),
                },
              ]
            : []),
          ...(record.closureReason
            ? [
                {
                  key: t('casework.fields.closureReason'),
                  value: labelOf(t, 'reasons', record.closureReason),
                },
              ]
            : []),
          ...(record.outcomeSummary
            ? [{ key: t('casework.fields.outcomeSummary'), value: record.outcomeSummary }]
            : []),
        ]}
      />

      <h2 className="nhsuk-heading-m">{t('casework.record.personTitle')}</h2>
      <SummaryList
        rows={[
          {
            key: t('casework.fields.dateOfBirth'),
            value: person.dateOfBirth
              ? `${formatDay(person.dateOfBirth)}${age !== undefined ? ` (${t('casework.age', { count: age })})` : ''}`
              : notSet,
          },
          { key: t('casework.fields.phone'), value: person.phone || notSet },
          {
            key: t('casework.fields.email'),
            value: person.email ? <span className="lw-wrap-anywhere">{person.email}</span> : notSet,
          },
          {
            key: t('casework.fields.preferredChannel'),
            value: labelOf(t, 'channels', person.preferredChannel) || notSet,
          },
          {
            key: t('casework.fields.address'),
            value: [person.addressLine, person.postcode].filter(Boolean).join(', ') || notSet,
          },
          {
            key: t('casework.fields.language'),
            value: `${person.language || notSet}${person.needsInterpreter ? ` – ${t('casework.record.interpreter')}` : ''}`,
          },
          { key: t('casework.fields.bestTimes'), value: preferences.bestTimes || notSet },
          ...(preferences.doNotContact
            ? [{ key: t('casework.fields.doNotContact'), value: preferences.doNotContact }]
            : []),
          {
            key: t('casework.fields.safeToLeaveMessage'),
            value:
              preferences.safeToLeaveMessage === undefined
                ? notSet
                : preferences.safeToLeaveMessage
                  ? t('casework.yes')
                  : t('casework.no'),
          },
        ]}
      />

      <EqualityMonitoringSummary person={person} changeHref={person.canUpdate ? link('/equality') : null} />

      <ReferredDetails record={record} />

      {
        <>
          <h2 className="nhsuk-heading-m">{t('casework.record.consentTitle')}</h2>
          <SummaryList
            rows={[
              {
                key: t('casework.fields.consentToReferral'),
                value: t('casework.record.consentGiven', {
                  answer: consent.toReferral ? t('casework.yes') : t('casework.no'),
                  method: labelOf(t, 'consentMethods', consent.method),
                  by: consent.recordedBy,
                  date: formatDateTime(consent.recordedAt),
                }),
              },
              {
                key: t('casework.fields.consentToShare'),
                value: consent.toShare
                  ? consent.sharedFields.length
                    ? consent.sharedFields.map((field) => labelOf(t, 'sharedFields', field)).join(', ')
                    : t('casework.yes')
                  : t('casework.record.shareNothing'),
              },
            ]}
          />
        </>
      }

      <CaseSections record={record} />

      <MeasuresSection record={record} reason={reason} />

      <h2 className="nhsuk-heading-m">{t('casework.record.tasksTitle')}</h2>
      {openTasks.length === 0 ? (
        <p>{t('casework.record.noTasks')}</p>
      ) : (
        <Table
          caption={t('casework.record.tasksTitle')}
          isCaptionHidden
          rows={openTasks}
          rowKey={(task) => task.id}
          columns={[
            {
              header: t('casework.columns.due'),
              cell: (task) => (
                <>
                  {formatDay(task.dueAt)} {task.isOverdue && <Tag colour="red">{t('casework.overdue')}</Tag>}
                </>
              ),
            },
            { header: t('casework.columns.task'), cell: (task) => task.title },
            {
              header: t('common.actions'),
              cell: (task) => (
                <button
                  type="button"
                  className="lw-link-button"
                  aria-disabled={busy ? true : undefined}
                  onClick={() =>
                    void run(
                      `task-${task.id}`,
                      () => casework.completeTask(task.id, task.version),
                      t('casework.tasks.completed', { title: task.title }),
                    )
                  }
                >
                  {t('casework.tasks.markDone')}
                  <span className="nhsuk-u-visually-hidden">: {task.title}</span>
                </button>
              ),
            },
          ]}
        />
      )}
      {abilities.canAddTask && (
        <AddTaskForm
          referralId={record.id}
          onAdded={(title) => {
            errors.clear();
            setMessage(t('casework.addTask.done', { title }));
            reload();
          }}
        />
      )}
      {doneTasks.length > 0 && (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              {t('casework.record.doneTasks', { count: doneTasks.length })}
            </span>
          </summary>
          <div className="nhsuk-details__text">
            <ul className="nhsuk-list">
              {doneTasks.map((task) => (
                <li key={task.id}>
                  {task.title} – {t('casework.record.doneOn', { date: formatDay(task.completedAt) })}
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}

      <h2 className="nhsuk-heading-m" id="timeline-heading">
        {t('casework.record.timelineTitle')}
      </h2>
      {reason && <InsetText>{t('casework.record.openedWithReason', { reason })}</InsetText>}
      <Timeline events={record.timeline} />
    </Page>
  );
}

function withClosure(path: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}closure=unable_to_contact`;
}
