// Setting up or turning off the authenticator app from the account page.
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { account } from '../../api/endpoints';
import { Button } from '../../components/button';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { Page } from '../../components/page';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { useSession, useSignedIn } from '../../session/session';
import { TotpEnrolment } from '../auth/totp-enrolment';

export function SetUpAuthenticatorPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [hasErrors, setHasErrors] = useState(false);
  const [isDone, setIsDone] = useState(false);

  if (session.user.hasTotp && !isDone) return <Navigate to="/account" replace />;

  const confirmed = async () => {
    setIsDone(true);
    await refresh();
    await navigate('/account', { state: { flash: t('totp.enrolledFlash') } });
  };

  return (
    <Page
      title={t('totp.setUpTitle')}
      hasErrors={hasErrors}
      backLink={{ to: '/account', text: t('account.backToAccount') }}
      width="two-thirds"
    >
      <TotpEnrolment onConfirmed={confirmed} onErrorsChange={setHasErrors} />
    </Page>
  );
}

const disableFields = ['password'] as const;

export function TurnOffAuthenticatorPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const form = useFormErrors(disableFields);
  const { isBusy, run } = useSubmit((error: unknown) => {
    setPassword('');
    form.showApiError(error);
  });

  if (!session.user.hasTotp && !isBusy) return <Navigate to="/account" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) return form.showFieldErrors({ password: t('totp.errors.passwordMissing') });
    await run(async () => {
      await account.disableTotp(password);
      await refresh();
      await navigate('/account', { state: { flash: t('totp.disabledFlash') } });
    });
  };

  return (
    <Page
      title={t('totp.disableTitle')}
      hasErrors={form.hasErrors}
      backLink={{ to: '/account', text: t('account.backToAccount') }}
      width="two-thirds"
    >
      <ErrorSummary errors={form.summary} />
      <p>{t('totp.disableBody')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput
          id="password"
          label={t('totp.disablePassword')}
          type="password"
          value={password}
          onChange={setPassword}
          error={form.fieldError('password')}
          inputProps={{ autoComplete: 'current-password' }}
        />
        <Button variant="warning" isBusy={isBusy}>
          {t('totp.disableSubmit')}
        </Button>
      </form>
    </Page>
  );
}
