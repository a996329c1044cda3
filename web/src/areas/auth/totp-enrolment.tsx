// Setting up an authenticator app: the server makes a secret and shows it three ways (a QR code,
// the key as text for typing in, and an otpauth: link for apps on the same device); the user
// proves the app works by entering a code.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setCsrfToken } from '../../api/client';
import { account } from '../../api/endpoints';
import type { TotpSetup } from '../../api/types';
import { Button } from '../../components/button';
import { Loading } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { normaliseCode } from './totp-code-page';

const fields = ['code'] as const;

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP", easier to type from the screen. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

export function TotpEnrolment({
  onConfirmed,
  onErrorsChange,
}: {
  onConfirmed: () => Promise<void>;
  onErrorsChange?: (hasErrors: boolean) => void;
}) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetup | undefined>();
  const [loadError, setLoadError] = useState<unknown>();
  const [code, setCode] = useState('');
  const form = useFormErrors(fields);
  const { isBusy, run } = useSubmit((error: unknown) => {
    setCode('');
    form.showApiError(error);
  });
  const hasStarted = useRef(false);

  const start = () => {
    setLoadError(undefined);
    account.setUpTotp().then(setSetup, setLoadError);
  };

  useEffect(() => {
    // Each set-up call makes a new secret, so make exactly one (React may run effects twice).
    if (hasStarted.current) return;
    hasStarted.current = true;
    start();
  }, []);

  useEffect(() => {
    onErrorsChange?.(form.hasErrors);
  }, [form.hasErrors, onErrorsChange]);

  if (loadError) return <LoadError error={loadError} onRetry={start} />;
  if (!setup) return <Loading />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = normaliseCode(code);
    if (!value) return form.showFieldErrors({ code: t('totp.errors.codeMissing') });
    if (!/^\d{6}$/.test(value)) return form.showFieldErrors({ code: t('totp.errors.codeFormat') });
    await run(async () => {
      const result = await account.confirmTotp(value);
      if (result.csrfToken) setCsrfToken(result.csrfToken);
      form.clear();
      await onConfirmed();
    });
  };

  const qrSource = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`;

  return (
    <>
      <ErrorSummary errors={form.summary} />
      <h2 className="nhsuk-heading-m">{t('totp.step1Title')}</h2>
      <p>{t('totp.step1Body')}</p>
      <h2 className="nhsuk-heading-m">{t('totp.step2Title')}</h2>
      <p>{t('totp.step2Body')}</p>
      <img className="lw-qr" src={qrSource} alt={t('totp.qrAlt')} width={200} height={200} />
      <p>{t('totp.keyIntro')}</p>
      <p className="lw-secret" id="totp-secret">
        {groupSecret(setup.secret)}
      </p>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">{t('totp.linkSummary')}</span>
        </summary>
        <div className="nhsuk-details__text">
          <p>{t('totp.linkBody')}</p>
          <p className="lw-wrap-anywhere">
            <a href={setup.otpauthUrl} id="totp-link">
              {setup.otpauthUrl}
            </a>
          </p>
        </div>
      </details>
      <h2 className="nhsuk-heading-m">{t('totp.step3Title')}</h2>
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
        <Button isBusy={isBusy}>{t('totp.confirm')}</Button>
      </form>
    </>
  );
}
