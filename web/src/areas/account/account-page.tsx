// Your account: who you are in Linkwell, and the security of your sign-in.
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { account, auth } from '../../api/endpoints';
import { Button } from '../../components/button';
import { Loading, NotificationBanner, SummaryList, Tag } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { rolesRequiringTotp } from '../../api/types';
import { formatDateTime } from '../../i18n';
import { useSession, useSignedIn } from '../../session/session';

const noFields: readonly string[] = [];

export function AccountPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const { refresh, end } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const { data, error, isLoading, reload } = useApiData(() => account.get(), []);
  const [endedMessage, setEndedMessage] = useState<string | undefined>();
  const form = useFormErrors(noFields);
  const { isBusy, run } = useSubmit(form.showApiError);

  const signOutEverywhere = async () => {
    await run(async () => {
      const result = await auth.signOutEverywhere();
      const next = await refresh();
      if (next.status === 'signed_in') {
        setEndedMessage(t('account.signedOutOthers', { count: result.ended }));
      } else {
        end('signed_out_everywhere');
        await navigate('/sign-in', { replace: true });
      }
    });
  };

  const user = data ?? session.user;
  // Roles that must use an authenticator app cannot turn it off (the server refuses too).
  const isTotpRequired = rolesRequiringTotp.includes(user.role);
  const dash = t('common.notSet');

  return (
    <Page title={t('account.title')} hasErrors={form.hasErrors}>
      {flash && <NotificationBanner isSuccess>{flash}</NotificationBanner>}
      {endedMessage && <NotificationBanner isSuccess>{endedMessage}</NotificationBanner>}
      <ErrorSummary errors={form.summary} />
      {isLoading && !data && <Loading />}
      {Boolean(error) && <LoadError error={error} onRetry={reload} />}
      <h2 className="nhsuk-heading-m">{t('account.detailsTitle')}</h2>
      <SummaryList
        rows={[
          { key: t('account.name'), value: user.name },
          { key: t('account.email'), value: user.email },
          { key: t('account.role'), value: t(`roles.${user.role}`) },
          { key: t('account.organisation'), value: user.organisationName ?? dash },
          { key: t('account.programme'), value: user.programmeName ?? dash },
          ...(data?.lastLoginAt
            ? [{ key: t('account.lastSignIn'), value: formatDateTime(data.lastLoginAt) }]
            : []),
        ]}
      />
      <p className="nhsuk-body-s">{t('account.detailsHint')}</p>

      <h2 className="nhsuk-heading-m">{t('account.securityTitle')}</h2>
      <SummaryList
        rows={[
          {
            key: t('account.password'),
            value: t('account.passwordValue'),
            action: (
              <Link to="/account/password">
                {t('account.change')}
                <span className="nhsuk-u-visually-hidden"> {t('account.password')}</span>
              </Link>
            ),
          },
          {
            key: t('account.authenticator'),
            value: user.hasTotp ? (
              <Tag colour="green">{t('account.totpOn')}</Tag>
            ) : (
              <Tag colour="grey">{t('account.totpOff')}</Tag>
            ),
            action: !user.hasTotp ? (
              <Link to="/account/authenticator">
                {t('account.setUp')}
                <span className="nhsuk-u-visually-hidden"> {t('account.authenticator')}</span>
              </Link>
            ) : isTotpRequired ? undefined : (
              <Link to="/account/authenticator/turn-off">
                {t('account.turnOff')}
                <span className="nhsuk-u-visually-hidden"> {t('account.authenticator')}</span>
              </Link>
            ),
          },
          { key: t('account.sessionEnds'), value: formatDateTime(session.expiresAt) },
        ]}
      />

      <h2 className="nhsuk-heading-m">{t('account.everywhereTitle')}</h2>
      <p>{t('account.everywhereBody')}</p>
      <Button type="button" variant="secondary" isBusy={isBusy} onClick={() => void signOutEverywhere()}>
        {t('account.everywhereButton')}
      </Button>
    </Page>
  );
}
