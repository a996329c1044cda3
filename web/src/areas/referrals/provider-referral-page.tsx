// One onward referral for the provider (/provider/referrals/:id), showing only what the server
// returns (what the person agreed to share), with the answers the provider can give now (accept,
// waiting list, decline with a reason, started, completed, dropped out) and attendance. Every
// change sends the version it was based on; a 409 says someone else changed it first.
import { useEffect, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  attendanceStatuses,
  declineReasons,
  providerApi,
  type AttendanceStatus,
  type OnwardReferral,
  type ProviderAction,
} from '../../api/referrals';
import { Button } from '../../components/button';
import {
  InsetText,
  Loading,
  NotificationBanner,
  SummaryList,
  Table,
  type SummaryRow,
} from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Textarea } from '../../components/fields';
import { LoadLatestButton } from '../../components/load-latest-button';
import { LoadError } from '../../components/load-error';
import { OnwardStatusTag } from '../../components/onward-status-tag';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors, type FieldMessages } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime, formatDay } from '../../i18n';
import { DateInput, type DateParts, emptyDate, needLabel, Radios, readDate, withFlatFields } from './shared';

type Translate = TFunction;
/** What a failed change says: a 409 is "someone else changed this", with a way to reload. */
function describeFailure(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    // A stale version, or a step no longer possible because someone else answered first.
    if (error.status === 409) return t('referrals.provider.conflict');
    if (error.status === 0) return t('errors.network');
    if (error.status >= 500) return t('errors.server', { reference: error.problem.requestId ?? '' });
    return error.problem.detail ?? error.problem.title;
  }
  return t('errors.unexpected');
}

export function ProviderReferralPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const onward = useApiData(() => providerApi.get(id), [id]);
  const [message, setMessage] = useState<string | undefined>();
  // Which of the page's forms show errors, so the document title starts with "Error:".
  const [formsWithErrors, setFormsWithErrors] = useState<Record<string, boolean>>({});
  const reportErrors = (form: string) => (hasErrors: boolean) =>
    setFormsWithErrors((current) =>
      current[form] === hasErrors ? current : { ...current, [form]: hasErrors },
    );
  const backLink = { to: '/provider/referrals', text: t('referrals.inbox.back') };

  if (!onward.data) {
    return (
      <Page title={t('referrals.provider.loadingTitle')} backLink={backLink}>
        {onward.isLoading ? <Loading /> : <LoadError error={onward.error} onRetry={onward.reload} />}
      </Page>
    );
  }
  const data = onward.data;
  const changed = (text: string) => {
    setMessage(text);
    onward.reload();
  };
  const canRespond = ['canAccept', 'canWaitlist', 'canDecline', 'canStart', 'canComplete', 'canDropOut'].some(
    (name) => data.abilities[name],
  );

  return (
    <Page
      title={t('referrals.provider.title', { name: data.person.givenName, service: data.service.name })}
      caption={data.reference}
      backLink={backLink}
      hasErrors={Object.values(formsWithErrors).some(Boolean)}
    >
      {message && (
        <NotificationBanner isSuccess key={message}>
          <p className="nhsuk-notification-banner__heading">{message}</p>
        </NotificationBanner>
      )}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ReferralSummary data={data} />
          <h2 className="nhsuk-heading-m">{t('referrals.provider.personHeading')}</h2>
          <PersonDetails data={data} />
          {canRespond && (
            <RespondForm
              key={`respond-${data.version}`}
              onErrors={reportErrors('respond')}
              data={data}
              onChanged={changed}
              onReload={onward.reload}
            />
          )}
          <h2 className="nhsuk-heading-m">{t('referrals.provider.attendanceHeading')}</h2>
          <AttendanceList data={data} />
          {data.abilities.canRecordAttendance && (
            <AttendanceForm
              key={`attendance-${data.version}-${data.attendance.length}`}
              onErrors={reportErrors('attendance')}
              data={data}
              onChanged={changed}
            />
          )}
        </div>
      </div>
    </Page>
  );
}

function ReferralSummary({ data }: { data: OnwardReferral }) {
  const { t } = useTranslation();
  const rows: SummaryRow[] = [
    { key: t('referrals.provider.status'), value: <OnwardStatusTag status={data.status} isProviderView /> },
    { key: t('referrals.provider.service'), value: data.service.name },
    { key: t('referrals.provider.reference'), value: data.reference },
    { key: t('referrals.provider.sentAt'), value: formatDateTime(data.sentAt) },
    { key: t('referrals.provider.needs'), value: data.needs.map((need) => needLabel(t, need)).join(', ') },
    {
      key: t('referrals.provider.noteToProvider'),
      value: data.noteToProvider || t('referrals.provider.noNote'),
    },
  ];
  if (data.expectedStartOn)
    rows.push({ key: t('referrals.provider.expectedStartOn'), value: formatDay(data.expectedStartOn) });
  if (data.declineReason) {
    const reason = declineReasons.find((known) => known === data.declineReason);
    rows.push({
      key: t('referrals.provider.declineReason'),
      value: reason ? t(`referrals.declineReasons.${reason}`) : data.declineReason,
    });
  }
  if (data.providerNote) rows.push({ key: t('referrals.provider.yourNote'), value: data.providerNote });
  return <SummaryList rows={rows} />;
}

function PersonDetails({ data }: { data: OnwardReferral }) {
  const { t } = useTranslation();
  const person = data.person;
  const rows: SummaryRow[] = [{ key: t('referrals.provider.givenName'), value: person.givenName }];
  if (person.dateOfBirth)
    rows.push({ key: t('referrals.provider.dateOfBirth'), value: formatDay(person.dateOfBirth) });
  if (person.phone) rows.push({ key: t('referrals.provider.phone'), value: person.phone });
  if (person.email) rows.push({ key: t('referrals.provider.email'), value: person.email });
  if (person.preferredChannel) {
    const channel = (['phone', 'sms', 'email', 'letter'] as const).find(
      (known) => known === person.preferredChannel,
    );
    rows.push({
      key: t('referrals.provider.preferredChannel'),
      value: channel ? t(`referrals.channels.${channel}`) : person.preferredChannel,
    });
  }
  const preferences = person.contactPreferences ?? {};
  if (typeof preferences.bestTimes === 'string' && preferences.bestTimes)
    rows.push({ key: t('referrals.provider.bestTimes'), value: preferences.bestTimes });
  if (typeof preferences.doNotContact === 'string' && preferences.doNotContact)
    rows.push({ key: t('referrals.provider.doNotContact'), value: preferences.doNotContact });
  if (typeof preferences.safeToLeaveMessage === 'boolean')
    rows.push({
      key: t('referrals.provider.safeToLeaveMessage'),
      value: preferences.safeToLeaveMessage ? t('referrals.form.yes') : t('referrals.form.no'),
    });
  if (person.addressLine || person.postcode)
    rows.push({
      key: t('referrals.provider.address'),
      value: [person.addressLine, person.postcode].filter(Boolean).join(', '),
    });
  if (person.language || person.needsInterpreter !== undefined)
    rows.push({
      key: t('referrals.provider.language'),
      value:
        [person.language, person.needsInterpreter ? t('referrals.provider.needsInterpreter') : undefined]
          .filter(Boolean)
          .join(', ') || t('common.notSet'),
    });
  if (person.referralNeeds && person.referralNeeds.length > 0)
    rows.push({
      key: t('referrals.provider.referralNeeds'),
      value: person.referralNeeds.map((need) => needLabel(t, need)).join(', '),
    });
  if (person.reasonText) rows.push({ key: t('referrals.provider.reasonText'), value: person.reasonText });
  return (
    <>
      <SummaryList rows={rows} />
      {data.sharedFields.length === 0 && (
        <InsetText>
          <p>{t('referrals.provider.notShared')}</p>
        </InsetText>
      )}
    </>
  );
}

const actionAbility: Record<ProviderAction, string> = {
  accept: 'canAccept',
  waitlist: 'canWaitlist',
  decline: 'canDecline',
  start: 'canStart',
  complete: 'canComplete',
  drop_out: 'canDropOut',
};
const respondFields = ['action', 'expectedStartOn', 'reason', 'note'] as const;

function RespondForm({
  data,
  onChanged,
  onReload,
  onErrors,
}: {
  data: OnwardReferral;
  onChanged: (message: string) => void;
  onReload: () => void;
  onErrors: (hasErrors: boolean) => void;
}) {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const [expectedStart, setExpectedStart] = useState<DateParts>(emptyDate);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [isConflict, setIsConflict] = useState(false);
  const form = useFormErrors(respondFields, { expectedStartOn: 'expectedStartOn-day' });
  const { isBusy, run } = useSubmit((error: unknown) => {
    if (error instanceof ApiError && error.status === 409) setIsConflict(true);
    const text = describeFailure(error, t);
    if (error instanceof ApiError && error.status === 400) form.showApiError(withFlatFields(error));
    else
      form.showApiError(
        new ApiError({
          title: text,
          status: 409,
          detail: text,
          errors: [{ field: 'general', detail: text }],
        }),
      );
  });
  useEffect(() => onErrors(form.hasErrors), [form.hasErrors]);
  const actions = (Object.keys(actionAbility) as ProviderAction[]).filter(
    (name) => data.abilities[actionAbility[name]],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    const chosen = actions.find((name) => name === action);
    const problems: FieldMessages = {};
    if (!chosen) problems.action = t('referrals.provider.errors.action');
    let expectedStartOn: string | undefined;
    if (chosen === 'waitlist') {
      const read = readDate(expectedStart, new Date(8_640_000_000_000));
      if ('date' in read) expectedStartOn = read.date;
      else if (read.problem !== 'missing')
        problems.expectedStartOn = t('referrals.provider.errors.expectedStartOn');
    }
    const declineReason = declineReasons.find((known) => known === reason);
    if (chosen === 'decline' && !declineReason) problems.reason = t('referrals.provider.errors.reason');
    if (!chosen || Object.keys(problems).length > 0) return form.showFieldErrors(problems);
    setIsConflict(false);
    await run(async () => {
      await providerApi.respond(data.id, {
        action: chosen,
        reason: chosen === 'decline' ? declineReason : undefined,
        expectedStartOn,
        note: note.trim() || undefined,
        version: data.version,
      });
      form.clear();
      onChanged(t(`referrals.provider.done.${chosen}`, { name: data.person.givenName }));
    });
  };

  return (
    <section aria-labelledby="respond-heading">
      <h2 className="nhsuk-heading-m" id="respond-heading">
        {t('referrals.provider.respondHeading')}
      </h2>
      <ErrorSummary errors={form.summary} />
      {isConflict && <LoadLatestButton onReload={onReload} />}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Radios
          id="action"
          legend={t('referrals.provider.action')}
          value={action}
          onChange={setAction}
          error={form.fieldError('action')}
          options={actions.map((name) => ({
            value: name,
            text: t(`referrals.provider.actions.${name}`),
            conditional:
              name === 'waitlist' ? (
                <DateInput
                  id="expectedStartOn"
                  legend={t('referrals.provider.expectedStartOn')}
                  hint={t('referrals.provider.expectedStartOnHint')}
                  value={expectedStart}
                  onChange={setExpectedStart}
                  error={form.fieldError('expectedStartOn')}
                />
              ) : name === 'decline' ? (
                <Radios
                  id="reason"
                  legend={t('referrals.provider.reason')}
                  value={reason}
                  onChange={setReason}
                  error={form.fieldError('reason')}
                  isSmall
                  options={declineReasons.map((value) => ({
                    value,
                    text: t(`referrals.declineReasons.${value}`),
                  }))}
                />
              ) : undefined,
          }))}
        />
        <Textarea
          id="note"
          label={t('referrals.provider.note')}
          hint={t('referrals.provider.noteHint')}
          value={note}
          onChange={setNote}
          error={form.fieldError('note')}
          rows={3}
        />
        <Button isBusy={isBusy}>{t('referrals.provider.respond')}</Button>
      </form>
    </section>
  );
}

function AttendanceList({ data }: { data: OnwardReferral }) {
  const { t } = useTranslation();
  if (data.attendance.length === 0) return <p>{t('referrals.provider.noAttendance')}</p>;
  return (
    <Table
      caption={t('referrals.provider.attendanceCaption')}
      isCaptionHidden
      rows={[...data.attendance].sort((a, b) => b.sessionOn.localeCompare(a.sessionOn))}
      rowKey={(row) => row.id}
      columns={[
        { header: t('referrals.provider.sessionOn'), cell: (row) => formatDay(row.sessionOn) },
        {
          header: t('referrals.provider.attendanceStatus'),
          cell: (row) => {
            const status = attendanceStatuses.find((known) => known === row.status);
            return status ? t(`referrals.attendance.${status}`) : row.status;
          },
        },
        { header: t('referrals.provider.attendanceNote'), cell: (row) => row.note },
      ]}
    />
  );
}

const attendanceFields = ['sessionOn', 'status', 'attendanceNote'] as const;

function AttendanceForm({
  data,
  onChanged,
  onErrors,
}: {
  data: OnwardReferral;
  onChanged: (message: string) => void;
  onErrors: (hasErrors: boolean) => void;
}) {
  const { t } = useTranslation();
  const [sessionOn, setSessionOn] = useState<DateParts>(emptyDate);
  const [status, setStatus] = useState('');
  const [note, setNote] = useState('');
  const form = useFormErrors(attendanceFields, { sessionOn: 'sessionOn-day' });
  const { isBusy, run } = useSubmit((error: unknown) => {
    if (error instanceof ApiError && error.status === 400) {
      const flat = withFlatFields(error);
      form.showApiError(
        flat instanceof ApiError && flat.problem.errors
          ? new ApiError({
              ...flat.problem,
              errors: flat.problem.errors.map((item) =>
                item.field === 'note' ? { ...item, field: 'attendanceNote' } : item,
              ),
            })
          : flat,
      );
    } else {
      const text = describeFailure(error, t);
      form.showApiError(
        new ApiError({
          title: text,
          status: 409,
          detail: text,
          errors: [{ field: 'general', detail: text }],
        }),
      );
    }
  });
  useEffect(() => onErrors(form.hasErrors), [form.hasErrors]);

  const useToday = () => {
    const today = new Date();
    setSessionOn({
      day: String(today.getDate()),
      month: String(today.getMonth() + 1),
      year: String(today.getFullYear()),
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    const problems: FieldMessages = {};
    const read = readDate(sessionOn);
    if ('problem' in read) problems.sessionOn = t(`referrals.provider.errors.sessionOn.${read.problem}`);
    const chosen = attendanceStatuses.find((known): known is AttendanceStatus => known === status);
    if (!chosen) problems.status = t('referrals.provider.errors.attendanceStatus');
    if (!chosen || 'problem' in read) return form.showFieldErrors(problems);
    await run(async () => {
      await providerApi.recordAttendance(data.id, {
        sessionOn: read.date,
        status: chosen,
        note: note.trim() || undefined,
      });
      form.clear();
      onChanged(t('referrals.provider.done.attendance', { date: formatDay(read.date) }));
    });
  };

  return (
    <section aria-labelledby="attendance-form-heading">
      <h3 className="nhsuk-heading-s" id="attendance-form-heading">
        {t('referrals.provider.recordAttendance')}
      </h3>
      <ErrorSummary errors={form.summary} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DateInput
          id="sessionOn"
          legend={t('referrals.provider.sessionOn')}
          hint={t('referrals.provider.sessionOnHint')}
          value={sessionOn}
          onChange={setSessionOn}
          error={form.fieldError('sessionOn')}
        />
        <p>
          <button type="button" className="lw-link-button" onClick={useToday}>
            {t('referrals.provider.today')}
          </button>
        </p>
        <Radios
          id="status"
          legend={t('referrals.provider.attendanceStatus')}
          value={status}
          onChange={setStatus}
          error={form.fieldError('status')}
          options={attendanceStatuses.map((value) => ({ value, text: t(`referrals.attendance.${value}`) }))}
        />
        <Textarea
          id="attendanceNote"
          label={t('referrals.provider.attendanceNoteLabel')}
          value={note}
          onChange={setNote}
          error={form.fieldError('attendanceNote')}
          rows={2}
        />
        <Button isBusy={isBusy}>{t('referrals.provider.saveAttendance')}</Button>
      </form>
    </section>
  );
}
