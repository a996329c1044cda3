// Self-referral without an account, built for a phone: /refer, one well-structured page of plain
// questions. Spam resistance, without third-party services: the form asks the server for a signed
// token when it opens and sends it back; a field people never see (`website`) catches simple bots.
// A person who fills the form in faster than the server's minimum simply waits a moment while it sends.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  contactChannels,
  needDomainCodes,
  newIdempotencyKey,
  selfReferralApi,
  type NeedDomain,
  type SelfReferralInput,
} from '../../api/referrals';
import { Button } from '../../components/button';
import { InsetText, WarningCallout } from '../../components/display';
import {
  emptyDemographics,
  EqualityMonitoringFields,
  givenDemographics,
  type DemographicsDraft,
} from '../../components/equality-monitoring';
import { ErrorSummary } from '../../components/error-summary';
import { Checkbox, Checkboxes, TextInput, Textarea } from '../../components/fields';
import { Page } from '../../components/page';
import { useFormErrors, type FieldMessages } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
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

const fields = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'postcode',
  'needs',
  'helpWith',
  'phone',
  'email',
  'preferredChannel',
  'bestTimes',
  'safeToLeaveMessage',
  'language',
  'needsInterpreter',
  'sex',
  'genderIdentitySame',
  'genderIdentity',
  'ethnicity',
  'disability',
  'carer',
  'consentToReferral',
  'consentToShare',
] as const;
const fieldIds = { dateOfBirth: 'dateOfBirth-day' };

type Token = { value: string; receivedAt: number; minimumMs: number };

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function SelfReferralPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [token, setToken] = useState<Token | undefined>();
  const [tokenFailed, setTokenFailed] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState<DateParts>(emptyDate);
  const [postcode, setPostcode] = useState('');
  const [needs, setNeeds] = useState<string[]>([]);
  const [helpWith, setHelpWith] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [preferredChannel, setPreferredChannel] = useState('');
  const [bestTimes, setBestTimes] = useState('');
  const [safeToLeaveMessage, setSafeToLeaveMessage] = useState('');
  const [language, setLanguage] = useState('');
  const [needsInterpreter, setNeedsInterpreter] = useState(false);
  const [demographics, setDemographics] = useState<DemographicsDraft>(emptyDemographics);
  const [consentToReferral, setConsentToReferral] = useState(false);
  const [consentToShare, setConsentToShare] = useState('');
  const [website, setWebsite] = useState('');
  const form = useFormErrors(fields, fieldIds);
  const error = (field: (typeof fields)[number]) => form.fieldError(field);

  const fetchToken = async (): Promise<Token | undefined> => {
    try {
      const issued = await selfReferralApi.formToken();
      const next = {
        value: issued.formToken,
        receivedAt: Date.now(),
        minimumMs: issued.minimumSeconds * 1000,
      };
      setToken(next);
      setTokenFailed(false);
      return next;
    } catch {
      setTokenFailed(true);
      return undefined;
    }
  };

  useEffect(() => {
    void fetchToken();
    // Once, when the form opens.
  }, []);

  const check = (): { input: Omit<SelfReferralInput, 'formToken'> } | { problems: FieldMessages } => {
    const problems: FieldMessages = {};
    if (!givenName.trim()) problems.givenName = t('referrals.self.errors.givenName');
    if (!familyName.trim()) problems.familyName = t('referrals.self.errors.familyName');
    const dob = readDate(dateOfBirth);
    if ('problem' in dob) problems.dateOfBirth = t(`referrals.self.errors.dateOfBirth.${dob.problem}`);
    if (!postcode.trim()) problems.postcode = t('referrals.self.errors.postcode');
    if (needs.length === 0) problems.needs = t('referrals.self.errors.needs');
    if (!helpWith.trim()) problems.helpWith = t('referrals.self.errors.helpWith');
    if (!phone.trim() && !email.trim()) problems.phone = t('referrals.self.errors.phoneOrEmail');
    if (preferredChannel === 'email' && !email.trim())
      problems.email = t('referrals.self.errors.emailForChannel');
    if ((preferredChannel === 'phone' || preferredChannel === 'sms') && !phone.trim())
      problems.phone = t('referrals.self.errors.phoneForChannel');
    if (!consentToReferral) problems.consentToReferral = t('referrals.self.errors.consentToReferral');
    if (!consentToShare) problems.consentToShare = t('referrals.self.errors.consentToShare');
    if (Object.keys(problems).length > 0 || 'problem' in dob) return { problems };
    return {
      input: {
        givenName: givenName.trim(),
        familyName: familyName.trim(),
        dateOfBirth: dob.date,
        postcode: postcode.trim(),
        phone: optionalText(phone),
        email: optionalText(email),
        preferredChannel: contactChannels.find((channel) => channel === preferredChannel),
        bestTimes: optionalText(bestTimes),
        safeToLeaveMessage: safeToLeaveMessage ? safeToLeaveMessage === 'yes' : undefined,
        language: optionalText(language),
        needsInterpreter: needsInterpreter || undefined,
        ...givenDemographics(demographics),
        needs: needs as NeedDomain[],
        helpWith: helpWith.trim(),
        consentToReferral: true,
        consentToShare: consentToShare === 'yes',
        ...(website ? { website } : {}),
      },
    };
  };

  /** Refusals a person cannot fix field by field, said kindly. */
  const describeRefusal = (failure: unknown): string | undefined => {
    if (!(failure instanceof ApiError)) return undefined;
    if (failure.status === 429) return t('referrals.self.errors.rateLimited');
    if (failure.problem.errors?.some((item) => item.field === 'website'))
      return t('referrals.self.errors.honeypot');
    return undefined;
  };

  // A message not tied to one field, in the error summary (useFormErrors shows unknown fields there).
  const showGeneral = (text: string) =>
    form.showApiError(
      new ApiError({ title: text, status: 400, detail: text, errors: [{ field: 'general', detail: text }] }),
    );

  const showRefusal = async (failure: unknown) => {
    const isTokenProblem =
      failure instanceof ApiError && failure.problem.errors?.some((item) => item.field === 'formToken');
    if (isTokenProblem) {
      // An expired or unreadable token: get a new one and ask the person to press send again.
      await fetchToken();
      return showGeneral(t('referrals.self.errors.formExpired'));
    }
    const refusal = describeRefusal(failure);
    if (refusal) return showGeneral(refusal);
    form.showApiError(withFlatFields(failure));
  };
  const { isBusy, run } = useSubmit(showRefusal, { isLeavingOnSuccess: true });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    const read = check();
    if ('problems' in read) return form.showFieldErrors(read.problems);
    await run(
      async () => {
        const current = token ?? (await fetchToken());
        if (!current) throw new ApiError({ title: 'network', status: 0, code: 'network_error' });
        // A person quicker than the server's minimum form time waits here rather than being refused.
        const remaining = current.receivedAt + current.minimumMs + 300 - Date.now();
        if (remaining > 0) await wait(remaining);
        return selfReferralApi.create({ ...read.input, formToken: current.value }, idempotencyKey);
      },
      (created) => navigate('/refer/done', { state: { created } }),
    );
  };

  const yesNo = [
    { value: 'yes', text: t('referrals.form.yes') },
    { value: 'no', text: t('referrals.form.no') },
  ];

  return (
    <Page title={t('referrals.self.title')} hasErrors={form.hasErrors}>
      <ErrorSummary errors={form.summary} />
      <p className="nhsuk-lede-text">{t('referrals.self.intro')}</p>
      <InsetText>
        <p>{t('referrals.self.emergency')}</p>
      </InsetText>
      {tokenFailed && (
        <WarningCallout heading={t('referrals.self.tokenFailedHeading')}>
          <p>{t('referrals.self.tokenFailed')}</p>
        </WarningCallout>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('referrals.self.formLabel')}>
        <h2 className="nhsuk-heading-m">{t('referrals.self.aboutYou')}</h2>
        <TextInput
          id="givenName"
          label={t('referrals.self.givenName')}
          value={givenName}
          onChange={setGivenName}
          error={error('givenName')}
          inputProps={{ autoComplete: 'given-name', spellCheck: false }}
        />
        <TextInput
          id="familyName"
          label={t('referrals.self.familyName')}
          value={familyName}
          onChange={setFamilyName}
          error={error('familyName')}
          inputProps={{ autoComplete: 'family-name', spellCheck: false }}
        />
        <DateInput
          id="dateOfBirth"
          legend={t('referrals.self.dateOfBirth')}
          hint={t('referrals.form.dateOfBirthHint')}
          value={dateOfBirth}
          onChange={setDateOfBirth}
          error={error('dateOfBirth')}
          autoCompletePrefix="bday"
        />
        <TextInput
          id="postcode"
          label={t('referrals.self.postcode')}
          hint={t('referrals.self.postcodeHint')}
          value={postcode}
          onChange={setPostcode}
          error={error('postcode')}
          width={10}
          inputProps={{ autoComplete: 'postal-code', spellCheck: false }}
        />

        <EqualityMonitoringFields
          draft={demographics}
          onChange={setDemographics}
          error={(id) => form.fieldError(id)}
          isSelf
        />

        <h2 className="nhsuk-heading-m">{t('referrals.self.helpHeading')}</h2>
        <Checkboxes
          id="needs"
          label={t('referrals.self.needs')}
          hint={t('referrals.self.needsHint')}
          values={needs}
          onChange={setNeeds}
          error={error('needs')}
          options={needDomainCodes.map((code) => ({ value: code, text: needLabel(t, code) }))}
        />
        <Textarea
          id="helpWith"
          label={t('referrals.self.helpWith')}
          hint={t('referrals.self.helpWithHint')}
          value={helpWith}
          onChange={setHelpWith}
          error={error('helpWith')}
          rows={4}
        />

        <h2 className="nhsuk-heading-m">{t('referrals.self.contactHeading')}</h2>
        <p>{t('referrals.self.contactIntro')}</p>
        <TextInput
          id="phone"
          type="tel"
          label={t('referrals.self.phone')}
          value={phone}
          onChange={setPhone}
          error={error('phone')}
          width={20}
          inputProps={{ autoComplete: 'tel' }}
        />
        <TextInput
          id="email"
          type="email"
          label={t('referrals.self.email')}
          value={email}
          onChange={setEmail}
          error={error('email')}
          inputProps={{ autoComplete: 'email', spellCheck: false }}
        />
        <Radios
          id="preferredChannel"
          legend={t('referrals.self.preferredChannel')}
          value={preferredChannel}
          onChange={setPreferredChannel}
          error={error('preferredChannel')}
          options={[
            ...contactChannels.map((channel) => ({
              value: channel,
              text: t(`referrals.channels.${channel}`),
            })),
            { value: '', text: t('referrals.form.noPreference') },
          ]}
        />
        <TextInput
          id="bestTimes"
          label={t('referrals.self.bestTimes')}
          hint={t('referrals.form.bestTimesHint')}
          value={bestTimes}
          onChange={setBestTimes}
          error={error('bestTimes')}
        />
        <Radios
          id="safeToLeaveMessage"
          legend={t('referrals.self.safeToLeaveMessage')}
          value={safeToLeaveMessage}
          onChange={setSafeToLeaveMessage}
          error={error('safeToLeaveMessage')}
          isInline
          options={yesNo}
        />
        <TextInput
          id="language"
          label={t('referrals.self.language')}
          hint={t('referrals.self.languageHint')}
          value={language}
          onChange={setLanguage}
          error={error('language')}
          width={20}
        />
        <Checkbox
          id="needsInterpreter"
          label={t('referrals.self.needsInterpreter')}
          checked={needsInterpreter}
          onChange={setNeedsInterpreter}
          error={error('needsInterpreter')}
        />

        <h2 className="nhsuk-heading-m">{t('referrals.self.consentHeading')}</h2>
        <Checkbox
          id="consentToReferral"
          label={t('referrals.self.consentToReferral')}
          hint={t('referrals.self.consentToReferralHint')}
          checked={consentToReferral}
          onChange={setConsentToReferral}
          error={error('consentToReferral')}
        />
        <Radios
          id="consentToShare"
          legend={t('referrals.self.consentToShare')}
          hint={t('referrals.self.consentToShareHint')}
          value={consentToShare}
          onChange={setConsentToShare}
          error={error('consentToShare')}
          options={[
            { value: 'yes', text: t('referrals.self.shareYes') },
            { value: 'no', text: t('referrals.self.shareNo') },
          ]}
        />
        {/* People never see this field; a bot filling every field in gives itself away. */}
        <div className="nhsuk-u-visually-hidden" aria-hidden="true">
          <label htmlFor="website">{t('referrals.self.website')}</label>
          <input
            id="website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(event) => setWebsite(event.target.value)}
          />
        </div>
        <Button isBusy={isBusy}>{isBusy ? t('referrals.self.sending') : t('referrals.self.submit')}</Button>
      </form>
      <p>
        <Link to="/refer/status">{t('referrals.self.alreadyReferred')}</Link>
      </p>
    </Page>
  );
}
