// The frame around every page: skip link, header with the service name, role-aware navigation and
// account links, and the footer. Pages render their own <main> (see page.tsx).
import { useState, type MouseEvent, type ReactNode } from 'react';
import { Link, matchPath, useLocation, useNavigate } from 'react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { auth, devMail } from '../api/endpoints';
import { useApiData } from '../hooks/use-api-data';
import type { Abilities, Role } from '../api/types';
import { useSession } from '../session/session';

type NavigationItem = { to: string; text: string; isExact?: boolean };

function navigationFor(abilities: Abilities, role: Role, t: TFunction): NavigationItem[] {
  const items: NavigationItem[] = [{ to: '/', text: t('nav.home'), isExact: true }];
  if (role === 'link_worker' || role === 'coordinator') {
    items.push({ to: '/casework/queue', text: t('nav.queue') });
    items.push({ to: '/casework/caseload', text: t('nav.caseload') });
    items.push({ to: '/casework/tasks', text: t('nav.tasks') });
    items.push({ to: '/directory', text: t('directory.nav') });
  }
  if (role === 'referrer') {
    items.push({ to: '/referrals/new', text: t('nav.referSomeone') });
    items.push({ to: '/referrals/sent', text: t('nav.yourReferrals') });
  }
  if (role === 'provider_staff') {
    items.push({ to: '/provider/referrals', text: t('nav.referralsInbox') });
    items.push({ to: '/referrals/sent', text: t('nav.yourReferrals') });
    items.push({ to: '/curation/services', text: t('curation.navServices') });
  }
  if (role === 'coordinator' || role === 'platform_admin') {
    items.push({ to: '/curation/review', text: t('curation.navReview') });
  }
  if (role === 'coordinator') items.push({ to: '/curation/terms', text: t('nav.directoryTerms') });
  if (role === 'coordinator') items.push({ to: '/outcomes/questionnaires', text: t('outcomes.nav') });
  if (role === 'coordinator' || role === 'commissioner') {
    items.push({ to: '/evaluation', text: t('evaluation.nav') });
  }
  // Platform admins see every programme's figures, suppressed (the policy's 'insight' rule).
  const insightRoles = ['coordinator', 'commissioner', 'regional_commissioner', 'platform_admin'];
  if (insightRoles.includes(role)) {
    items.push({ to: '/insight', text: t('insight.nav') });
  }
  if (role === 'provider_staff') items.push({ to: '/insight/provider', text: t('insight.navEvidence') });
  if (abilities.canAdministerPlatform) {
    items.push({ to: '/admin/organisations', text: t('nav.organisations') });
    items.push({ to: '/admin/programmes', text: t('nav.programmes') });
  }
  if (abilities.canAnswerProgrammeLinks) {
    items.push({ to: '/programme-requests', text: t('nav.programmeRequests') });
  }
  if (abilities.canManageUsers) {
    items.push({
      to: '/admin/users',
      text: abilities.canAdministerPlatform ? t('nav.users') : t('nav.team'),
    });
  }
  if (abilities.canManageApiClients) items.push({ to: '/admin/api-clients', text: t('nav.apiClients') });
  if (abilities.canReadAuditLog) items.push({ to: '/admin/audit', text: t('nav.auditLog') });
  return items;
}

function SkipLink() {
  const { t } = useTranslation();
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById('maincontent');
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className="nhsuk-skip-link" href="#maincontent" onClick={skip}>
      {t('common.skipToMain')}
    </a>
  );
}

function Header() {
  const { t } = useTranslation();
  const { state, end } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [isSigningOut, setIsSigningOut] = useState(false);
  const info = state.status === 'signed_in' ? state.info : undefined;
  const items = info ? navigationFor(info.abilities, info.user.role, t) : [];

  const signOut = async () => {
    if (isSigningOut) return;
    setIsSigningOut(true);
    try {
      await auth.signOut();
    } catch {
      // Even if the server could not be told, forget the session here; it expires on its own.
    }
    end('signed_out');
    setIsSigningOut(false);
    await navigate('/sign-in');
  };

  return (
    <header className="nhsuk-header lw-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-name" to="/">
            {t('common.serviceName')}
          </Link>
        </div>
        {info && (
          <nav className="nhsuk-header__account" aria-label={t('nav.account')}>
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item">
                <Link className="nhsuk-header__account-link" to="/account">
                  <UserIcon />
                  <span className="nhsuk-u-visually-hidden">{t('nav.yourAccount')}: </span>
                  {info.user.name}
                </Link>
              </li>
              <li className="nhsuk-header__account-item">
                <button
                  type="button"
                  className="nhsuk-header__account-button lw-header__account-button"
                  onClick={() => void signOut()}
                  aria-disabled={isSigningOut || undefined}
                >
                  {t('nav.signOut')}
                </button>
              </li>
            </ul>
          </nav>
        )}
      </div>
      {items.length > 0 && (
        <nav className="nhsuk-header__navigation" aria-label={t('nav.menu')}>
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list">
              {items.map((item) => {
                const isCurrent = Boolean(
                  matchPath({ path: item.to, end: item.isExact ?? false }, location.pathname),
                );
                const isExactPage = location.pathname === item.to;
                return (
                  <li
                    key={item.to}
                    className={`nhsuk-header__navigation-item${isCurrent ? ' nhsuk-header__navigation-item--current' : ''}`}
                  >
                    <Link
                      className="nhsuk-header__navigation-link"
                      to={item.to}
                      aria-current={isCurrent ? (isExactPage ? 'page' : 'true') : undefined}
                    >
                      {isCurrent ? (
                        <strong className="nhsuk-header__navigation-item-current-fallback">
                          {item.text}
                        </strong>
                      ) : (
                        item.text
                      )}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        </nav>
      )}
    </header>
  );
}

function UserIcon() {
  return (
    <svg
      className="nhsuk-icon nhsuk-icon--user"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      focusable="false"
      aria-hidden="true"
    >
      <path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z" />
    </svg>
  );
}

function Footer() {
  const { t } = useTranslation();
  const { state } = useSession();
  const signedInAs = state.status === 'signed_in' ? state.info.user.id : undefined;
  // Asked again when someone signs in or out: who may open the mailbox depends on it.
  const mailbox = useApiData(() => devMail.status(), [signedInAs]);
  return (
    <footer className="nhsuk-footer" role="contentinfo">
      <div className="nhsuk-width-container">
        <div className="nhsuk-footer__meta">
          <h2 className="nhsuk-u-visually-hidden">{t('footer.supportLinks')}</h2>
          <ul className="nhsuk-footer__list">
            <li className="nhsuk-footer__list-item">
              <a className="nhsuk-footer__list-item-link" href="/api/docs">
                {t('footer.apiDocs')}
              </a>
            </li>
            {mailbox.data?.open && (
              <li className="nhsuk-footer__list-item">
                <Link className="nhsuk-footer__list-item-link" to="/dev/mail">
                  {t('footer.devMailbox')}
                </Link>
              </li>
            )}
          </ul>
          <p className="nhsuk-body-s">{t('footer.about')}</p>
        </div>
      </div>
    </footer>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <div className="lw-app">
      <SkipLink />
      <Header />
      <div className="lw-app__main">
        <div className="nhsuk-width-container">{children}</div>
      </div>
      <Footer />
    </div>
  );
}
