// Record a contact (/casework/referrals/:id/contact): how (telephone first: the mode starts on
// phone, nothing assumes a meeting), what happened, how long, and a note. After the programme's
// number of failed attempts the case offers closing as "unable to contact".
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  casework,
  contactModes,
  contactOutcomes,
  referralLink,
  type ContactMode,
  type ContactOutcome,
  type ReferralRecord,
} from '../../api/casework';
import { Button } from '../../components/button';
import { InsetText } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput, Textarea } from '../../components/fields';
import { Page } from '../../components/page';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { Radios } from './radios';
import { labelOf, personNameOf } from './shared';
import { ReferralGate, useReferralCase } from './use-referral';

export function ContactPage() {
  const { t } = useTranslation();
  const referralCase = useReferralCase();
  return (
    <ReferralGate referralCase={referralCase} title={t('casework.contact.title')}>
      {(record) => <ContactForm record={record} reason={referralCase.reason} />}
    </ReferralGate>
  );
}

const fields = ['mode', 'outcome', 'durationMinutes', 'occurredAt', 'note'];

/** A local date and time as the datetime-local input shows it (no seconds). */
function localNow(): string {
  const now = new Date();
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 16);
}

function ContactForm({ record, reason }: { record: ReferralRecord; reason: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [mode, setMode] = useState<ContactMode>('phone');
  const [outcome, setOutcome] = useState<ContactOutcome | ''>('');
  const [duration, setDuration] = useState('');
  const [occurredAt, setOccurredAt] = useState(localNow);
  // Left as it was, "when" means now: the server stamps it to the second.
  const [isWhenChanged, setIsWhenChanged] = useState(false);
  const [note, setNote] = useState('');
  const errors = useFormErrors(fields);
  const { isBusy, run } = useSubmit(errors.showApiError);
  const back = referralLink(record.id, '', reason);
  const preferences = record.contactPreferences;
  const phone = record.person.phone;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!outcome) problems.outcome = t('casework.contact.outcomeMissing');
    const minutes = duration.trim() === '' ? undefined : Number(duration.trim());
    if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 0 || minutes > 600))
      problems.durationMinutes = t('casework.contact.durationInvalid');
    const when = occurredAt ? new Date(occurredAt) : undefined;
    if (when && Number.isNaN(when.getTime())) problems.occurredAt = t('casework.contact.whenInvalid');
    else if (when && when.getTime() > Date.now() + 60_000)
      problems.occurredAt = t('casework.contact.whenFuture');
    if (Object.keys(problems).length || !outcome) return errors.showFieldErrors(problems);
    await run(async () => {
      const result = await casework.recordContact(record.id, {
        mode,
        outcome,
        durationMinutes: minutes,
        note: note.trim() || undefined,
        occurredAt: isWhenChanged ? when?.toISOString() : undefined,
        version: record.version,
      });
      const flash = result.canCloseAsUnableToContact
        ? t('casework.contact.doneUnable')
        : t('casework.contact.done', { outcome: labelOf(t, 'outcomes', outcome) });
      void navigate(back, { state: { flash } });
    });
  };

  return (
    <Page
      title={t('casework.contact.title')}
      caption={`${personNameOf(record.person)} – ${record.reference}`}
      backLink={{ to: back, text: t('casework.backToCase') }}
      hasErrors={errors.hasErrors}
      width="two-thirds"
    >
      <ErrorSummary errors={errors.summary} />
      <InsetText>
        <p className="nhsuk-u-margin-bottom-1">
          {t('casework.contact.phone', { phone: phone || t('common.notSet') })}
        </p>
        {preferences.bestTimes && (
          <p className="nhsuk-u-margin-bottom-1">
            {t('casework.contact.bestTimes', { times: preferences.bestTimes })}
          </p>
        )}
        {preferences.doNotContact && (
          <p className="nhsuk-u-margin-bottom-1">
            {t('casework.contact.doNotContact', { when: preferences.doNotContact })}
          </p>
        )}
        {preferences.safeToLeaveMessage === false && (
          <p className="nhsuk-u-margin-bottom-0">{t('casework.contact.noMessages')}</p>
        )}
      </InsetText>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Radios
          id="mode"
          legend={t('casework.contact.modeLegend')}
          value={mode}
          onChange={(value) => setMode(value as ContactMode)}
          error={errors.fieldError('mode')}
          options={contactModes.map((code) => ({ value: code, text: labelOf(t, 'modes', code) }))}
        />
        <Radios
          id="outcome"
          legend={t('casework.contact.outcomeLegend')}
          value={outcome}
          onChange={(value) => setOutcome(value as ContactOutcome)}
          error={errors.fieldError('outcome')}
          options={contactOutcomes.map((code) => ({ value: code, text: labelOf(t, 'outcomes', code) }))}
        />
        <TextInput
          id="durationMinutes"
          label={t('casework.contact.durationLabel')}
          hint={t('casework.contact.durationHint')}
          value={duration}
          onChange={setDuration}
          error={errors.fieldError('durationMinutes')}
          width={3}
          inputProps={{ inputMode: 'numeric', pattern: '[0-9]*' }}
        />
        <TextInput
          id="occurredAt"
          label={t('casework.contact.whenLabel')}
          hint={t('casework.contact.whenHint')}
          value={occurredAt}
          onChange={(value) => {
            setOccurredAt(value);
            setIsWhenChanged(true);
          }}
          error={errors.fieldError('occurredAt')}
          inputProps={{ type: 'datetime-local', max: localNow() }}
        />
        <Textarea
          id="note"
          label={t('casework.contact.noteLabel')}
          hint={t('casework.contact.noteHint')}
          value={note}
          onChange={setNote}
          error={errors.fieldError('note')}
        />
        <Button isBusy={isBusy}>{t('casework.contact.submit')}</Button>
      </form>
    </Page>
  );
}
