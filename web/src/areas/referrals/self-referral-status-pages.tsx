// After a self-referral: /refer/done (the reference and the secret code to write down) and
// /refer/status (reference + secret code → where the referral is up to). No account needed.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { selfReferralApi, type SelfReferralCreated, type SelfReferralStatus } from '../../api/referrals';
import { Button } from '../../components/button';
import { NotificationBanner, SummaryList, WarningCallout } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { Page } from '../../components/page';
import { useFormErrors, type FieldMessages } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime } from '../../i18n';

export function SelfReferralDonePage() {
  const { t } = useTranslation();
  const location = useLocation();
  const created = (location.state as { created?: SelfReferralCreated } | null)?.created;
  if (!created) {
    return (
      <Page title={t('referrals.self.done.missingTitle')} width="two-thirds">
        <p>{t('referrals.self.done.missingBody')}</p>
        <p>
          <Link to="/refer/status">{t('referrals.self.done.checkStatus')}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('referrals.self.done.title')} width="two-thirds">
      <p className="nhsuk-lede-text">{t('referrals.self.done.intro')}</p>
      <WarningCallout heading={t('referrals.self.done.writeDown')}>
        <p>{t('referrals.self.done.writeDownBody')}</p>
        <SummaryList
          rows={[
            {
              key: t('referrals.self.done.reference'),
              value: <strong className="lw-secret">{created.reference}</strong>,
            },
            ...(created.statusSecret
              ? [
                  {
                    key: t('referrals.self.done.secret'),
                    value: <strong className="lw-secret">{created.statusSecret}</strong>,
                  },
                ]
              : []),
          ]}
        />
        {!created.statusSecret && <p>{t('referrals.self.done.secretNotShown')}</p>}
      </WarningCallout>
      <h2 className="nhsuk-heading-m">{t('referrals.self.done.nextHeading')}</h2>
      <p>{t('referrals.self.done.next')}</p>
      <p>
        <Link to={`/refer/status?reference=${encodeURIComponent(created.reference)}`}>
          {t('referrals.self.done.checkStatus')}
        </Link>
      </p>
    </Page>
  );
}

const statusFields = ['reference', 'secret'] as const;

export function SelfReferralStatusPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [reference, setReference] = useState(searchParams.get('reference') ?? '');
  const [secret, setSecret] = useState('');
  const [result, setResult] = useState<SelfReferralStatus | undefined>();
  const form = useFormErrors(statusFields);
  const { isBusy, run } = useSubmit((failure: unknown) => {
    if (failure instanceof ApiError && failure.status === 429) {
      const text = t('referrals.self.status.errors.rateLimited');
      form.showApiError(
        new ApiError({
          title: text,
          status: 429,
          detail: text,
          errors: [{ field: 'general', detail: text }],
        }),
      );
    } else if (failure instanceof ApiError && failure.status === 404) {
      form.showFieldErrors({ reference: t('referrals.self.status.errors.notFound') });
    } else {
      form.showApiError(failure);
    }
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    const problems: FieldMessages = {};
    if (!reference.trim()) problems.reference = t('referrals.self.status.errors.reference');
    if (!secret.trim()) problems.secret = t('referrals.self.status.errors.secret');
    if (Object.keys(problems).length > 0) return form.showFieldErrors(problems);
    setResult(undefined);
    await run(
      () => selfReferralApi.status({ reference: reference.trim().toUpperCase(), secret: secret.trim() }),
      (found) => {
        form.clear();
        setResult(found);
      },
    );
  };

  return (
    <Page title={t('referrals.self.status.title')} hasErrors={form.hasErrors} width="two-thirds">
      <ErrorSummary errors={form.summary} />
      {result && (
        <NotificationBanner isSuccess title={t('referrals.self.status.foundTitle')} key={result.lastUpdate}>
          <p className="nhsuk-notification-banner__heading">{result.status}</p>
          <SummaryList
            rows={[
              { key: t('referrals.self.done.reference'), value: result.reference },
              { key: t('referrals.self.status.receivedAt'), value: formatDateTime(result.receivedAt) },
              { key: t('referrals.self.status.lastUpdate'), value: formatDateTime(result.lastUpdate) },
            ]}
          />
        </NotificationBanner>
      )}
      <p>{t('referrals.self.status.intro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput
          id="reference"
          label={t('referrals.self.done.reference')}
          hint={t('referrals.self.status.referenceHint')}
          value={reference}
          onChange={setReference}
          error={form.fieldError('reference')}
          width={10}
          inputProps={{ autoComplete: 'off', spellCheck: false, autoCapitalize: 'characters' }}
        />
        <TextInput
          id="secret"
          label={t('referrals.self.done.secret')}
          value={secret}
          onChange={setSecret}
          error={form.fieldError('secret')}
          width={20}
          inputProps={{ autoComplete: 'off', spellCheck: false, autoCapitalize: 'none' }}
        />
        <Button isBusy={isBusy}>{t('referrals.self.status.submit')}</Button>
      </form>
      <p>
        <Link to="/refer">{t('referrals.self.status.referLink')}</Link>
      </p>
    </Page>
  );
}
