// Route guards. The server decides every permission; these only choose which page to show so
// people are not sent to pages that would answer 401 or 403.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Abilities } from '../api/types';
import { useSession } from '../session/session';
import { Loading } from './display';
import { Page } from './page';

export function SessionLoading() {
  const { t } = useTranslation();
  return (
    <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
      <span className="nhsuk-u-visually-hidden">{t('common.serviceName')}</span>
      <Loading />
    </main>
  );
}

export function ServiceUnavailable() {
  const { t } = useTranslation();
  return (
    <Page title={t('errors.unavailableTitle')} width="two-thirds">
      <p>{t('errors.unavailableBody')}</p>
      <p>
        <a href={window.location.href}>{t('common.tryAgain')}</a>
      </p>
    </Page>
  );
}

/** Pages for signed-in users: otherwise to the sign-in page, or the step of it still to do. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'loading':
      return <SessionLoading />;
    case 'unavailable':
      return <ServiceUnavailable />;
    case 'anonymous':
      return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
    case 'totp_required':
      return <Navigate to="/sign-in/code" replace state={{ from: location.pathname + location.search }} />;
    case 'totp_enrolment_required':
      return <Navigate to="/sign-in/set-up-authenticator" replace />;
    case 'signed_in':
      return children;
  }
}

/** Pages for one ability (e.g. canManageUsers); others see "You cannot use this page". */
export function RequireAbility({ ability, children }: { ability: keyof Abilities; children: ReactNode }) {
  const { state } = useSession();
  if (state.status === 'signed_in' && !state.info.abilities[ability]) return <Forbidden />;
  return <RequireSignIn>{children}</RequireSignIn>;
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Page title={t('errors.forbiddenTitle')} width="two-thirds">
      <p>{t('errors.forbiddenBody')}</p>
    </Page>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('errors.notFoundTitle')} width="two-thirds">
      <p>{t('errors.notFoundBody')}</p>
    </Page>
  );
}
