// The case's decisions that need words: rejecting a referral (the reason goes back to the
// referrer), closing it with a closure reason and an outcome summary written for the referrer,
// and a coordinator assigning it to a link worker. Each sends the version the page was based on.
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { casework, referralLink, type ReferralRecord } from '../../api/casework';
import { admin } from '../../api/endpoints';
import { Button } from '../../components/button';
import { InsetText, Loading } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Select, Textarea } from '../../components/fields';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { useSignedIn } from '../../session/session';
import { closureReasons, rejectionReasons } from '../../../../src/vocabulary/referral';
import { Radios } from './radios';
import { labelOf, personNameOf } from './shared';
import { ReferralGate, useReferralCase } from './use-referral';

/** Closure reasons that make sense before the person was engaged (the server's state machine agrees). */
const closuresBeforeEngagement = [
  'unable_to_contact',
  'declined_further_support',
  'moved_away',
  'deceased',
  'escalated_to_clinical_care',
];

export function ReasonActionPage({ action }: { action: 'reject' | 'close' }) {
  const { t } = useTranslation();
  const referralCase = useReferralCase();
  return (
    <ReferralGate referralCase={referralCase} title={t(`casework.${action}.title`)}>
      {(record) => <ReasonActionForm action={action} record={record} reason={referralCase.reason} />}
    </ReferralGate>
  );
}

function ReasonActionForm({
  action,
  record,
  reason: accessReason,
}: {
  action: 'reject' | 'close';
  record: ReferralRecord;
  reason: string | undefined;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const isClose = action === 'close';
  const isEngaged = record.status === 'in_progress' || record.status === 'on_hold';
  const choices: readonly string[] = isClose
    ? isEngaged
      ? closureReasons
      : closureReasons.filter((code) => closuresBeforeEngagement.includes(code))
    : rejectionReasons;
  const [reason, setReason] = useState(params.get('closure') ?? '');
  const [note, setNote] = useState('');
  const [outcomeSummary, setOutcomeSummary] = useState('');
  const errors = useFormErrors(['reason', 'outcomeSummary', 'note']);
  const { isBusy, run } = useSubmit(errors.showApiError);
  const back = referralLink(record.id, '', accessReason);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!reason) problems.reason = t(`casework.${action}.reasonMissing`);
    if (isClose && outcomeSummary.length > 500) problems.outcomeSummary = t('casework.close.summaryTooLong');
    if (Object.keys(problems).length) return errors.showFieldErrors(problems);
    await run(async () => {
      await casework.act(record.id, {
        action,
        reason,
        note: note.trim() || undefined,
        outcomeSummary: isClose ? outcomeSummary.trim() || undefined : undefined,
        version: record.version,
      });
      // A referral not accepted leaves the queue; link workers no longer see it without a reason.
      void navigate(isClose ? back : '/casework/queue', {
        state: { flash: t(`casework.${action}.done`, { reference: record.reference }) },
      });
    });
  };

  return (
    <Page
      title={t(`casework.${action}.title`)}
      caption={`${personNameOf(record.person)} – ${record.reference}`}
      backLink={{ to: back, text: t('casework.backToCase') }}
      hasErrors={errors.hasErrors}
      width="two-thirds"
    >
      <ErrorSummary errors={errors.summary} />
      {isClose && !isEngaged && <InsetText>{t('casework.close.notEngaged')}</InsetText>}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Radios
          id="reason"
          legend={t(`casework.${action}.reasonLegend`)}
          hint={isClose ? undefined : t('casework.reject.reasonHint')}
          value={reason}
          onChange={setReason}
          error={errors.fieldError('reason')}
          options={choices.map((code) => ({ value: code, text: labelOf(t, 'reasons', code) }))}
        />
        {isClose && (
          <Textarea
            id="outcomeSummary"
            label={t('casework.close.summaryLabel')}
            hint={t('casework.close.summaryHint')}
            value={outcomeSummary}
            onChange={setOutcomeSummary}
            error={errors.fieldError('outcomeSummary')}
            rows={4}
          />
        )}
        <Textarea
          id="note"
          label={t('casework.actions.noteLabel')}
          hint={t('casework.actions.noteHint')}
          value={note}
          onChange={setNote}
          error={errors.fieldError('note')}
          rows={3}
        />
        <Button variant={isClose ? 'primary' : 'warning'} isBusy={isBusy}>
          {t(`casework.${action}.submit`)}
        </Button>
      </form>
    </Page>
  );
}

export function AssignPage() {
  const { t } = useTranslation();
  const referralCase = useReferralCase();
  return (
    <ReferralGate referralCase={referralCase} title={t('casework.assign.title')}>
      {(record) => <AssignForm record={record} reason={referralCase.reason} />}
    </ReferralGate>
  );
}

function AssignForm({ record, reason }: { record: ReferralRecord; reason: string | undefined }) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const team = useApiData(
    () => admin.listUsers({ programmeId: user.programmeId ?? undefined, role: 'link_worker', limit: 200 }),
    [user.programmeId],
  );
  const [linkWorkerId, setLinkWorkerId] = useState(record.assignedLinkWorker?.id ?? '');
  const errors = useFormErrors(['linkWorkerId']);
  const { isBusy, run } = useSubmit(errors.showApiError);
  const back = referralLink(record.id, '', reason);
  const members = (team.data?.items ?? []).filter((member) => !member.isDisabled);
  // Each link worker's open cases beside their name, so the coordinator can spread the work.
  const memberIds = members.map((member) => member.id).join(',');
  const caseloads = useApiData(
    async () =>
      new Map(
        await Promise.all(
          members.map(async (member) => [member.id, await casework.openCaseloadOf(member.id)] as const),
        ),
      ),
    [memberIds],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!linkWorkerId) return errors.showFieldErrors({ linkWorkerId: t('casework.assign.missing') });
    await run(async () => {
      await casework.assign(record.id, linkWorkerId, record.version);
      const name = members.find((member) => member.id === linkWorkerId)?.name ?? '';
      void navigate(back, { state: { flash: t('casework.assign.done', { name }) } });
    });
  };

  return (
    <Page
      title={t('casework.assign.title')}
      caption={`${personNameOf(record.person)} – ${record.reference}`}
      backLink={{ to: back, text: t('casework.backToCase') }}
      hasErrors={errors.hasErrors}
      width="two-thirds"
    >
      <ErrorSummary errors={errors.summary} />
      {team.isLoading && <Loading />}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Select
          id="linkWorkerId"
          label={t('casework.assign.label')}
          value={linkWorkerId}
          onChange={setLinkWorkerId}
          error={errors.fieldError('linkWorkerId')}
          options={[
            { value: '', text: t('common.choose') },
            ...members.map((member) => {
              const open = caseloads.data?.get(member.id);
              return {
                value: member.id,
                text:
                  open === undefined
                    ? member.name
                    : t('casework.assign.memberWithCaseload', { name: member.name, count: open }),
              };
            }),
          ]}
        />
        <Button isBusy={isBusy}>{t('casework.assign.submit')}</Button>
      </form>
    </Page>
  );
}
