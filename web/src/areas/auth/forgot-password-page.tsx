// Asking for a password reset link. The answer is the same whether or not the email has an
// account, so the page cannot be used to find out who uses Linkwell.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { auth } from '../../api/endpoints';
import { Button } from '../../components/button';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { Page } from '../../components/page';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';

const fields = ['email'] as const;

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | undefined>();
  const form = useFormErrors(fields);
  const { isBusy, run } = useSubmit(form.showApiError);

  if (sentTo) {
    return (
      <Page
        title={t('forgotPassword.sentTitle')}
        backLink={{ to: '/sign-in', text: t('forgotPassword.backToSignIn') }}
        width="two-thirds"
      >
        <p>{t('forgotPassword.sentBody', { email: sentTo })}</p>
        <p>{t('forgotPassword.sentExpiry')}</p>
        <p>
          <Link to="/sign-in">{t('forgotPassword.backToSignIn')}</Link>
        </p>
      </Page>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = email.trim();
    if (!value) return form.showFieldErrors({ email: t('forgotPassword.errors.emailMissing') });
    if (!/^[^\s@]+@[^\s@]+$/.test(value))
      return form.showFieldErrors({ email: t('forgotPassword.errors.emailFormat') });
    await run(async () => {
      await auth.requestPasswordReset(value);
      form.clear();
      setSentTo(value);
    });
  };

  return (
    <Page
      title={t('forgotPassword.title')}
      hasErrors={form.hasErrors}
      backLink={{ to: '/sign-in', text: t('forgotPassword.backToSignIn') }}
      width="two-thirds"
    >
      <ErrorSummary errors={form.summary} />
      <p>{t('forgotPassword.intro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput
          id="email"
          label={t('forgotPassword.email')}
          type="email"
          value={email}
          onChange={setEmail}
          error={form.fieldError('email')}
          inputProps={{ autoComplete: 'email', spellCheck: false, autoCapitalize: 'none' }}
        />
        <Button isBusy={isBusy}>{t('forgotPassword.submit')}</Button>
      </form>
    </Page>
  );
}
