// Sign in with email and password. The server then says whether the account needs its second
// factor (an authenticator code) or must set one up first (platform admins).
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, setCsrfToken } from '../../api/client';
import { auth } from '../../api/endpoints';
import { Button } from '../../components/button';
import { NotificationBanner } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { SessionLoading } from '../../components/guards';
import { Page } from '../../components/page';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { useSession, type SessionState } from '../../session/session';

const fields = ['email', 'password'] as const;

type LocationState = { from?: string; message?: string } | null;

/** Where to go once a sign-in step is done. */
export function nextStepPath(state: SessionState, from: string | undefined): string | undefined {
  switch (state.status) {
    case 'signed_in':
      return from && from.startsWith('/') && !from.startsWith('/sign-in') ? from : '/';
    case 'totp_required':
      return '/sign-in/code';
    case 'totp_enrolment_required':
      return '/sign-in/set-up-authenticator';
    case 'loading':
    case 'anonymous':
    case 'unavailable':
      return undefined;
  }
}

export function SignInPage() {
  const { t } = useTranslation();
  const { state, refresh } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const locationState = location.state as LocationState;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormErrors(fields);
  const { isBusy, run } = useSubmit((error: unknown) => {
    setPassword('');
    if (error instanceof ApiError && error.status === 401 && Object.keys(error.fieldErrors).length === 0) {
      // Say which fields to check without telling which one was wrong.
      form.showFieldErrors({ email: error.problem.detail ?? t('signIn.errors.wrongCredentials') });
    } else {
      form.showApiError(error);
    }
  });

  if (state.status === 'loading') return <SessionLoading />;
  const alreadyDone = !isBusy ? nextStepPath(state, locationState?.from) : undefined;
  if (alreadyDone) return <Navigate to={alreadyDone} replace state={locationState} />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = t('signIn.errors.emailMissing');
    if (!password) missing.password = t('signIn.errors.passwordMissing');
    if (Object.keys(missing).length) return form.showFieldErrors(missing);
    await run(async () => {
      const result = await auth.signIn(email.trim(), password);
      setCsrfToken(result.csrfToken);
      form.clear();
      const next = await refresh();
      const path = nextStepPath(next, locationState?.from);
      if (path) await navigate(path, { replace: true, state: { from: locationState?.from } });
    });
  };

  const reason = state.status === 'anonymous' ? state.reason : undefined;
  const notice = locationState?.message ?? (reason ? t(`signIn.notice.${reason}`) : undefined);

  return (
    <Page title={t('signIn.title')} hasErrors={form.hasErrors} width="two-thirds">
      {notice && !form.hasErrors && <NotificationBanner>{notice}</NotificationBanner>}
      <ErrorSummary errors={form.summary} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput
          id="email"
          label={t('signIn.email')}
          type="email"
          value={email}
          onChange={setEmail}
          error={form.fieldError('email')}
          inputProps={{ autoComplete: 'username', spellCheck: false, autoCapitalize: 'none' }}
        />
        <TextInput
          id="password"
          label={t('signIn.password')}
          type="password"
          value={password}
          onChange={setPassword}
          error={form.fieldError('password')}
          inputProps={{ autoComplete: 'current-password' }}
        />
        <Button isBusy={isBusy}>{t('signIn.submit')}</Button>
      </form>
      <p>
        <Link to="/forgot-password">{t('signIn.forgotPassword')}</Link>
      </p>
    </Page>
  );
}
