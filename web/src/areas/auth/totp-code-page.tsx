// The second sign-in step: a 6-digit code from the authenticator app.
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { setCsrfToken } from '../../api/client';
import { auth } from '../../api/endpoints';
import { Button } from '../../components/button';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { SessionLoading } from '../../components/guards';
import { Page } from '../../components/page';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { useSession } from '../../session/session';
import { nextStepPath } from './sign-in-page';

const fields = ['code'] as const;

export function normaliseCode(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function TotpCodePage() {
  const { t } = useTranslation();
  const { state, refresh, end } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const from = (location.state as { from?: string } | null)?.from;
  const [code, setCode] = useState('');
  const form = useFormErrors(fields);
  const { isBusy, run } = useSubmit(async (error: unknown) => {
    setCode('');
    form.showApiError(error);
    // A 401 here means the half-finished session expired: start again.
    const next = await refresh();
    if (next.status === 'anonymous') await navigate('/sign-in', { replace: true });
  });

  if (state.status === 'loading') return <SessionLoading />;
  if (state.status !== 'totp_required' && !isBusy) {
    return <Navigate to={nextStepPath(state, from) ?? '/sign-in'} replace />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = normaliseCode(code);
    if (!value) return form.showFieldErrors({ code: t('totp.errors.codeMissing') });
    if (!/^\d{6}$/.test(value)) return form.showFieldErrors({ code: t('totp.errors.codeFormat') });
    await run(
      () => auth.submitTotp(value),
      async (result) => {
        setCsrfToken(result.csrfToken);
        const next = await refresh();
        await navigate(nextStepPath(next, from) ?? '/', { replace: true });
      },
    );
  };

  const cancel = async () => {
    await auth.signOut().catch(() => undefined);
    end('signed_out');
    await navigate('/sign-in', { replace: true });
  };

  return (
    <Page title={t('totp.codeTitle')} hasErrors={form.hasErrors} width="two-thirds">
      <ErrorSummary errors={form.summary} />
      <p>{t('totp.codeIntro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput
          id="code"
          label={t('totp.codeLabel')}
          hint={t('totp.codeHint')}
          value={code}
          onChange={setCode}
          width={10}
          error={form.fieldError('code')}
          inputProps={{ autoComplete: 'one-time-code', inputMode: 'numeric', spellCheck: false }}
        />
        <div className="lw-button-group">
          <Button isBusy={isBusy}>{t('common.continue')}</Button>
          <Button type="button" variant="secondary" onClick={() => void cancel()}>
            {t('totp.cancel')}
          </Button>
        </div>
      </form>
    </Page>
  );
}
