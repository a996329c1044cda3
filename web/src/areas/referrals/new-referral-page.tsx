// The quick referral form (/referrals/new): a referrer (or programme staff taking a phone referral)
// refers a person in one page. The form carries one Idempotency-Key for its whole life, so a
// double click or a retry after a dropped connection never makes two referrals. The confirmation
// is its own page (/referrals/new/done) so focus and the title move with it.
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  consentMethods,
  contactChannels,
  needDomainCodes,
  newIdempotencyKey,
  referralsApi,
  sharedFieldNames,
  type ConsentMethod,
  type NeedDomain,
  type NotifyChoice,
  type ReferralInput,
  type SharedField,
} from '../../api/referrals';
import { Button } from '../../components/button';
import {
  emptyDemographics,
  EqualityMonitoringFields,
  givenDemographics,
  type DemographicsDraft,
} from '../../components/equality-monitoring';
import { ErrorSummary } from '../../components/error-summary';
import { Checkbox, Checkboxes, Select, TextInput, Textarea } from '../../components/fields';
import { Page } from '../../components/page';
import { useFormErrors, type FieldMessages } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { useSignedIn } from '../../session/session';
import {
  DateInput,
  Radios,
  emptyDate,
  needLabel,
  optionalText,
  readDate,
  withFlatFields,
  type DateParts,
} from './shared';

/** The form's fields in page order, named as the server names them (dots flattened). */
const fields = [
  'sourceType',
  'person_givenName',
  'person_familyName',
  'person_dateOfBirth',
  'person_nhsNumber',
  'person_postcode',
  'person_phone',
  'person_email',
  'person_preferredChannel',
  'needs',
  'reasonText',
  'urgency',
  'contactPreferences_bestTimes',
  'contactPreferences_doNotContact',
  'contactPreferences_safeToLeaveMessage',
  'person_language',
  'person_needsInterpreter',
  'person_sex',
  'person_genderIdentitySame',
  'person_genderIdentity',
  'person_ethnicity',
  'person_disability',
  'person_carer',
  'consent_toReferral',
  'consent_toShare',
  'consent_sharedFields',
  'consent_method',
  'referrer_notifyBy',
  'referrer_email',
  'referrer_phone',
] as const;
const fieldIds = { person_dateOfBirth: 'person_dateOfBirth-day' };

/** Where a referral taken by programme staff (e.g. on the phone) came from. */
const staffSourceTypes = [
  'self',
  'gp_practice',
  'hospital',
  'community_health',
  'adult_social_care',
  'housing',
  'vcse',
  'other',
] as const;

type Draft = {
  sourceType: string;
  givenName: string;
  familyName: string;
  dateOfBirth: DateParts;
  nhsNumber: string;
  postcode: string;
  phone: string;
  email: string;
  preferredChannel: string;
  needs: string[];
  reasonText: string;
  urgency: 'routine' | 'urgent';
  bestTimes: string;
  doNotContact: string;
  safeToLeaveMessage: '' | 'yes' | 'no';
  language: string;
  needsInterpreter: boolean;
  demographics: DemographicsDraft;
  consentToReferral: boolean;
  consentToShare: '' | 'yes' | 'no';
  sharedFields: string[];
  consentMethod: ConsentMethod;
  notifyBy: NotifyChoice;
  referrerEmail: string;
  referrerPhone: string;
};

const emptyDraft: Draft = {
  sourceType: '',
  givenName: '',
  familyName: '',
  dateOfBirth: emptyDate,
  nhsNumber: '',
  postcode: '',
  phone: '',
  email: '',
  preferredChannel: '',
  needs: [],
  reasonText: '',
  urgency: 'routine',
  bestTimes: '',
  doNotContact: '',
  safeToLeaveMessage: '',
  language: '',
  needsInterpreter: false,
  demographics: emptyDemographics,
  consentToReferral: false,
  consentToShare: '',
  sharedFields: [],
  consentMethod: 'verbal',
  notifyBy: 'email',
  referrerEmail: '',
  referrerPhone: '',
};

type Translate = TFunction;

/** Checks a person would otherwise wait for the server to make; returns the body or the problems. */
function readDraft(
  draft: Draft,
  t: Translate,
  isStaff: boolean,
): { input: ReferralInput } | { problems: FieldMessages } {
  const problems: FieldMessages = {};
  const sourceType = staffSourceTypes.find((known) => known === draft.sourceType);
  if (isStaff && !sourceType) problems.sourceType = t('referrals.form.errors.sourceType');
  if (!draft.givenName.trim()) problems.person_givenName = t('referrals.form.errors.givenName');
  if (!draft.familyName.trim()) problems.person_familyName = t('referrals.form.errors.familyName');
  const dateOfBirth = readDate(draft.dateOfBirth);
  if ('problem' in dateOfBirth)
    problems.person_dateOfBirth = t(`referrals.form.errors.dateOfBirth.${dateOfBirth.problem}`);
  if (!draft.postcode.trim()) problems.person_postcode = t('referrals.form.errors.postcode');
  if (draft.needs.length === 0) problems.needs = t('referrals.form.errors.needs');
  if (!draft.reasonText.trim()) problems.reasonText = t('referrals.form.errors.reasonText');
  if (!draft.consentToReferral) problems.consent_toReferral = t('referrals.form.errors.consentToReferral');
  if (!draft.consentToShare) problems.consent_toShare = t('referrals.form.errors.consentToShare');
  if (draft.consentToShare === 'yes' && draft.sharedFields.length === 0)
    problems.consent_sharedFields = t('referrals.form.errors.sharedFields');
  if (draft.notifyBy === 'sms' && !draft.referrerPhone.trim())
    problems.referrer_phone = t('referrals.form.errors.referrerPhone');
  if (Object.keys(problems).length > 0 || 'problem' in dateOfBirth) return { problems };

  const isSharing = draft.consentToShare === 'yes';
  return {
    input: {
      ...(isStaff && sourceType ? { sourceType } : {}),
      person: {
        givenName: draft.givenName.trim(),
        familyName: draft.familyName.trim(),
        dateOfBirth: dateOfBirth.date,
        nhsNumber: optionalText(draft.nhsNumber.replace(/\s+/g, '')),
        postcode: draft.postcode.trim(),
        phone: optionalText(draft.phone),
        email: optionalText(draft.email),
        preferredChannel: contactChannels.find((channel) => channel === draft.preferredChannel),
        language: optionalText(draft.language),
        needsInterpreter: draft.needsInterpreter || undefined,
        ...givenDemographics(draft.demographics),
      },
      needs: draft.needs as NeedDomain[],
      reasonText: draft.reasonText.trim(),
      urgency: draft.urgency,
      contactPreferences: {
        bestTimes: optionalText(draft.bestTimes),
        doNotContact: optionalText(draft.doNotContact),
        safeToLeaveMessage: draft.safeToLeaveMessage ? draft.safeToLeaveMessage === 'yes' : undefined,
      },
      consent: {
        toReferral: true,
        toShare: isSharing,
        sharedFields: isSharing ? (draft.sharedFields as SharedField[]) : [],
        method: draft.consentMethod,
      },
      referrer: {
        notifyBy: draft.notifyBy,
        email: draft.notifyBy === 'email' ? optionalText(draft.referrerEmail) : undefined,
        phone: draft.notifyBy === 'sms' ? optionalText(draft.referrerPhone) : undefined,
      },
    },
  };
}

export function NewReferralPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  // Programme staff take referrals for their own programme (e.g. on the phone): they say where it
  // came from, and need no messages about their own team's work.
  const isStaff = user.role === 'link_worker' || user.role === 'coordinator';
  const [draft, setDraft] = useState<Draft>(() => ({ ...emptyDraft, notifyBy: isStaff ? 'none' : 'email' }));
  // One key for this form: every send of it, including retries, is the same referral.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useFormErrors(fields, fieldIds);
  const { isBusy, run } = useSubmit((error: unknown) => {
    form.showApiError(withFlatFields(error));
  });
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const error = (field: (typeof fields)[number]) => form.fieldError(field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    const read = readDraft(draft, t, isStaff);
    if ('problems' in read) return form.showFieldErrors(read.problems);
    await run(async () => {
      const created = await referralsApi.create(read.input, idempotencyKey);
      await navigate('/referrals/new/done', { state: { created } });
    });
  };

  const needOptions = needDomainCodes.map((code) => ({ value: code, text: needLabel(t, code) }));
  const yesNo = [
    { value: 'yes', text: t('referrals.form.yes') },
    { value: 'no', text: t('referrals.form.no') },
  ];

  return (
    <Page title={t('referrals.form.title')} hasErrors={form.hasErrors} width="two-thirds">
      <ErrorSummary errors={form.summary} />
      <p className="nhsuk-lede-text">{t('referrals.form.intro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {isStaff && (
          <Select
            id="sourceType"
            label={t('referrals.form.sourceType')}
            hint={t('referrals.form.sourceTypeHint')}
            value={draft.sourceType}
            onChange={set('sourceType')}
            error={error('sourceType')}
            options={[
              { value: '', text: t('common.choose') },
              ...staffSourceTypes.map((value) => ({ value, text: t(`referrals.sourceTypes.${value}`) })),
            ]}
          />
        )}
        <h2 className="nhsuk-heading-m">{t('referrals.form.personHeading')}</h2>
        <TextInput
          id="person_givenName"
          label={t('referrals.form.givenName')}
          value={draft.givenName}
          onChange={set('givenName')}
          error={error('person_givenName')}
          width={20}
          inputProps={{ autoComplete: 'off', spellCheck: false }}
        />
        <TextInput
          id="person_familyName"
          label={t('referrals.form.familyName')}
          value={draft.familyName}
          onChange={set('familyName')}
          error={error('person_familyName')}
          width={20}
          inputProps={{ autoComplete: 'off', spellCheck: false }}
        />
        <DateInput
          id="person_dateOfBirth"
          legend={t('referrals.form.dateOfBirth')}
          hint={t('referrals.form.dateOfBirthHint')}
          value={draft.dateOfBirth}
          onChange={set('dateOfBirth')}
          error={error('person_dateOfBirth')}
        />
        <TextInput
          id="person_nhsNumber"
          label={t('referrals.form.nhsNumber')}
          hint={t('referrals.form.nhsNumberHint')}
          value={draft.nhsNumber}
          onChange={set('nhsNumber')}
          error={error('person_nhsNumber')}
          width={10}
          inputProps={{ autoComplete: 'off', inputMode: 'numeric', spellCheck: false }}
        />
        <TextInput
          id="person_postcode"
          label={t('referrals.form.postcode')}
          hint={t('referrals.form.postcodeHint')}
          value={draft.postcode}
          onChange={set('postcode')}
          error={error('person_postcode')}
          width={10}
          inputProps={{ autoComplete: 'off', spellCheck: false }}
        />
        <TextInput
          id="person_phone"
          type="tel"
          label={t('referrals.form.phone')}
          value={draft.phone}
          onChange={set('phone')}
          error={error('person_phone')}
          width={20}
          inputProps={{ autoComplete: 'off' }}
        />
        <TextInput
          id="person_email"
          type="email"
          label={t('referrals.form.email')}
          value={draft.email}
          onChange={set('email')}
          error={error('person_email')}
          width={30}
          inputProps={{ autoComplete: 'off', spellCheck: false }}
        />
        <Radios
          id="person_preferredChannel"
          legend={t('referrals.form.preferredChannel')}
          value={draft.preferredChannel}
          onChange={set('preferredChannel')}
          error={error('person_preferredChannel')}
          isSmall
          options={[
            ...contactChannels.map((channel) => ({
              value: channel,
              text: t(`referrals.channels.${channel}`),
            })),
            { value: '', text: t('referrals.form.noPreference') },
          ]}
        />

        <h2 className="nhsuk-heading-m">{t('referrals.form.needsHeading')}</h2>
        <Checkboxes
          id="needs"
          label={t('referrals.form.needs')}
          hint={t('referrals.form.needsHint')}
          values={draft.needs}
          onChange={set('needs')}
          options={needOptions}
          error={error('needs')}
          isSmall
        />
        <Textarea
          id="reasonText"
          label={t('referrals.form.reasonText')}
          hint={t('referrals.form.reasonTextHint')}
          value={draft.reasonText}
          onChange={set('reasonText')}
          error={error('reasonText')}
          rows={4}
        />
        <Radios
          id="urgency"
          legend={t('referrals.form.urgency')}
          value={draft.urgency}
          onChange={(value) => set('urgency')(value === 'urgent' ? 'urgent' : 'routine')}
          error={error('urgency')}
          isInline
          options={[
            { value: 'routine', text: t('referrals.urgency.routine') },
            { value: 'urgent', text: t('referrals.urgency.urgent') },
          ]}
        />

        <h2 className="nhsuk-heading-m">{t('referrals.form.contactHeading')}</h2>
        <TextInput
          id="contactPreferences_bestTimes"
          label={t('referrals.form.bestTimes')}
          hint={t('referrals.form.bestTimesHint')}
          value={draft.bestTimes}
          onChange={set('bestTimes')}
          error={error('contactPreferences_bestTimes')}
        />
        <TextInput
          id="contactPreferences_doNotContact"
          label={t('referrals.form.doNotContact')}
          hint={t('referrals.form.doNotContactHint')}
          value={draft.doNotContact}
          onChange={set('doNotContact')}
          error={error('contactPreferences_doNotContact')}
        />
        <Radios
          id="contactPreferences_safeToLeaveMessage"
          legend={t('referrals.form.safeToLeaveMessage')}
          value={draft.safeToLeaveMessage}
          onChange={(value) =>
            set('safeToLeaveMessage')(value === 'yes' ? 'yes' : value === 'no' ? 'no' : '')
          }
          error={error('contactPreferences_safeToLeaveMessage')}
          isInline
          options={yesNo}
        />
        <TextInput
          id="person_language"
          label={t('referrals.form.language')}
          hint={t('referrals.form.languageHint')}
          value={draft.language}
          onChange={set('language')}
          error={error('person_language')}
          width={20}
        />
        <Checkbox
          id="person_needsInterpreter"
          label={t('referrals.form.needsInterpreter')}
          checked={draft.needsInterpreter}
          onChange={set('needsInterpreter')}
          error={error('person_needsInterpreter')}
        />

        <EqualityMonitoringFields
          draft={draft.demographics}
          onChange={set('demographics')}
          idPrefix="person_"
          error={(id) => form.fieldError(id)}
        />

        <h2 className="nhsuk-heading-m">{t('referrals.form.consentHeading')}</h2>
        <Checkbox
          id="consent_toReferral"
          label={t('referrals.form.consentToReferral')}
          hint={t('referrals.form.consentToReferralHint')}
          checked={draft.consentToReferral}
          onChange={set('consentToReferral')}
          error={error('consent_toReferral')}
        />
        <Radios
          id="consent_toShare"
          legend={t('referrals.form.consentToShare')}
          hint={t('referrals.form.consentToShareHint')}
          value={draft.consentToShare}
          onChange={(value) => set('consentToShare')(value === 'yes' ? 'yes' : value === 'no' ? 'no' : '')}
          error={error('consent_toShare')}
          options={[
            {
              value: 'yes',
              text: t('referrals.form.yes'),
              conditional: (
                <Checkboxes
                  id="consent_sharedFields"
                  label={t('referrals.form.sharedFields')}
                  values={draft.sharedFields}
                  onChange={set('sharedFields')}
                  error={error('consent_sharedFields')}
                  isSmall
                  options={sharedFieldNames.map((name) => ({
                    value: name,
                    text: t(`referrals.sharedFields.${name}`),
                  }))}
                />
              ),
            },
            { value: 'no', text: t('referrals.form.consentToShareNo') },
          ]}
        />
        <Radios
          id="consent_method"
          legend={t('referrals.form.consentMethod')}
          value={draft.consentMethod}
          onChange={(value) => set('consentMethod')(consentMethods.find((m) => m === value) ?? 'verbal')}
          error={error('consent_method')}
          isInline
          options={consentMethods.map((method) => ({
            value: method,
            text: t(`referrals.consentMethods.${method}`),
          }))}
        />

        <h2 className="nhsuk-heading-m">{t('referrals.form.updatesHeading')}</h2>
        <Radios
          id="referrer_notifyBy"
          legend={t('referrals.form.notifyBy')}
          hint={t('referrals.form.notifyByHint')}
          value={draft.notifyBy}
          onChange={(value) => set('notifyBy')(value === 'sms' ? 'sms' : value === 'none' ? 'none' : 'email')}
          error={error('referrer_notifyBy')}
          options={[
            {
              value: 'email',
              text: t('referrals.form.notifyEmail'),
              conditional: (
                <TextInput
                  id="referrer_email"
                  type="email"
                  label={t('referrals.form.referrerEmail')}
                  hint={t('referrals.form.referrerEmailHint', { email: user.email })}
                  value={draft.referrerEmail}
                  onChange={set('referrerEmail')}
                  error={error('referrer_email')}
                  width={30}
                  inputProps={{ autoComplete: 'email', spellCheck: false }}
                />
              ),
            },
            {
              value: 'sms',
              text: t('referrals.form.notifySms'),
              conditional: (
                <TextInput
                  id="referrer_phone"
                  type="tel"
                  label={t('referrals.form.referrerPhone')}
                  value={draft.referrerPhone}
                  onChange={set('referrerPhone')}
                  error={error('referrer_phone')}
                  width={20}
                  inputProps={{ autoComplete: 'tel' }}
                />
              ),
            },
            { value: 'none', text: t('referrals.form.notifyNone') },
          ]}
        />
        <Button isBusy={isBusy}>{t('referrals.form.submit')}</Button>
      </form>
    </Page>
  );
}
