// Choosing a new password from the link in a reset email (/reset-password?token=…).
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { auth } from '../../api/endpoints';
import { Button } from '../../components/button';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { Page } from '../../components/page';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';

const fields = ['password', 'confirmPassword'] as const;

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [isDone, setIsDone] = useState(false);
  const form = useFormErrors(fields);
  const { isBusy, run } = useSubmit(form.showApiError);

  if (!token) {
    return (
      <Page title={t('resetPassword.noTokenTitle')} width="two-thirds">
        <p>{t('resetPassword.noTokenBody')}</p>
        <p>
          <Link to="/forgot-password">{t('resetPassword.requestNewLink')}</Link>
        </p>
      </Page>
    );
  }

  if (isDone) {
    return (
      <Page title={t('resetPassword.doneTitle')} width="two-thirds">
        <div className="nhsuk-panel">
          <p>{t('resetPassword.doneBody')}</p>
        </div>
        <p>
          <Link to="/sign-in" state={{ message: t('resetPassword.doneSignIn') }}>
            {t('resetPassword.signIn')}
          </Link>
        </p>
      </Page>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!password) problems.password = t('resetPassword.errors.passwordMissing');
    else if (password !== confirmPassword) problems.confirmPassword = t('resetPassword.errors.mismatch');
    if (Object.keys(problems).length) return form.showFieldErrors(problems);
    await run(async () => {
      await auth.completePasswordReset(token, password);
      setIsDone(true);
    });
  };

  return (
    <Page title={t('resetPassword.title')} hasErrors={form.hasErrors} width="two-thirds">
      <ErrorSummary errors={form.summary} />
      {form.errors.general.length > 0 && (
        <p>
          <Link to="/forgot-password">{t('resetPassword.requestNewLink')}</Link>
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput
          id="password"
          label={t('resetPassword.password')}
          hint={t('common.passwordHint')}
          type="password"
          value={password}
          onChange={setPassword}
          error={form.fieldError('password')}
          inputProps={{ autoComplete: 'new-password' }}
        />
        <TextInput
          id="confirmPassword"
          label={t('resetPassword.confirmPassword')}
          type="password"
          value={confirmPassword}
          onChange={setConfirmPassword}
          error={form.fieldError('confirmPassword')}
          inputProps={{ autoComplete: 'new-password' }}
        />
        <Button isBusy={isBusy}>{t('resetPassword.submit')}</Button>
      </form>
    </Page>
  );
}
