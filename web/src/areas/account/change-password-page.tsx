// Changing your password: the current one proves it is you.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { account } from '../../api/endpoints';
import { Button } from '../../components/button';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { Page } from '../../components/page';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';

const fields = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const form = useFormErrors(fields);
  const { isBusy, run } = useSubmit(form.showApiError);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!currentPassword) problems.currentPassword = t('changePassword.errors.currentMissing');
    if (!newPassword) problems.newPassword = t('changePassword.errors.newMissing');
    else if (newPassword !== confirmPassword) problems.confirmPassword = t('changePassword.errors.mismatch');
    if (Object.keys(problems).length) return form.showFieldErrors(problems);
    await run(async () => {
      await account.changePassword(currentPassword, newPassword);
      await navigate('/account', { state: { flash: t('changePassword.done') } });
    });
  };

  return (
    <Page
      title={t('changePassword.title')}
      hasErrors={form.hasErrors}
      backLink={{ to: '/account', text: t('account.backToAccount') }}
      width="two-thirds"
    >
      <ErrorSummary errors={form.summary} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput
          id="currentPassword"
          label={t('changePassword.current')}
          type="password"
          value={currentPassword}
          onChange={setCurrentPassword}
          error={form.fieldError('currentPassword')}
          inputProps={{ autoComplete: 'current-password' }}
        />
        <TextInput
          id="newPassword"
          label={t('changePassword.new')}
          hint={t('common.passwordHint')}
          type="password"
          value={newPassword}
          onChange={setNewPassword}
          error={form.fieldError('newPassword')}
          inputProps={{ autoComplete: 'new-password' }}
        />
        <TextInput
          id="confirmPassword"
          label={t('changePassword.confirm')}
          type="password"
          value={confirmPassword}
          onChange={setConfirmPassword}
          error={form.fieldError('confirmPassword')}
          inputProps={{ autoComplete: 'new-password' }}
        />
        <Button isBusy={isBusy}>{t('changePassword.submit')}</Button>
      </form>
    </Page>
  );
}
