// Every page renders inside <Page>: it sets the document title, shows breadcrumbs or a back link
// before <main>, and after an in-app navigation moves focus to the page's h1 so screen reader and
// keyboard users start reading the new page, as they would after a full page load.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

export type Crumb = { to: string; text: string };

type PageProps = {
  /** The page's name: the h1 and the start of the document title. */
  title: string;
  /** Shown above the h1 (e.g. the programme a page belongs to). */
  caption?: string | undefined;
  breadcrumbs?: Crumb[] | undefined;
  backLink?: Crumb | undefined;
  /** Prefixes the document title with "Error:" while a form shows errors. */
  hasErrors?: boolean | undefined;
  /** Forms read best in two thirds of the width; tables need all of it. */
  width?: 'two-thirds' | 'full' | undefined;
  children: ReactNode;
};

/** The page shown last: its path and h1, to tell a navigation or a new page from a re-render. */
let lastShown: { path: string; heading: HTMLHeadingElement | null } | undefined;

export function Page({
  title,
  caption,
  breadcrumbs,
  backLink,
  hasErrors,
  width = 'full',
  children,
}: PageProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();

  useEffect(() => {
    const prefix = hasErrors ? `${t('common.errorTitlePrefix')} ` : '';
    document.title = `${prefix}${title} – ${t('common.serviceName')}`;
  }, [title, hasErrors, t]);

  useEffect(() => {
    // On first load the browser starts at the top of the document (skip link first). After a
    // navigation, or when a new page replaced the element that had focus (a loading page replaced
    // by the loaded one), focus moves to the new h1.
    const element = heading.current;
    const previous = lastShown;
    lastShown = { path: location.pathname, heading: element };
    if (!previous) return;
    const hasNavigated = previous.path !== location.pathname;
    const isNewPage = previous.heading !== element;
    const hasLostFocus = !document.activeElement || document.activeElement === document.body;
    if (hasNavigated || (isNewPage && hasLostFocus)) element?.focus();
  }, [location.pathname]);

  const column = width === 'two-thirds' ? 'nhsuk-grid-column-two-thirds' : 'nhsuk-grid-column-full';
  const lastCrumb = breadcrumbs?.[breadcrumbs.length - 1];

  return (
    <>
      {breadcrumbs && breadcrumbs.length > 0 && (
        <nav className="nhsuk-breadcrumb" aria-label={t('common.breadcrumb')}>
          <ol className="nhsuk-breadcrumb__list">
            {breadcrumbs.map((crumb) => (
              <li className="nhsuk-breadcrumb__list-item" key={crumb.to}>
                <Link className="nhsuk-breadcrumb__link" to={crumb.to}>
                  {crumb.text}
                </Link>
              </li>
            ))}
          </ol>
          {lastCrumb && (
            <Link className="nhsuk-back-link" to={lastCrumb.to}>
              <span className="nhsuk-u-visually-hidden">{t('common.backTo')} </span>
              {lastCrumb.text}
            </Link>
          )}
        </nav>
      )}
      {!breadcrumbs && backLink && (
        <div className="nhsuk-back-link-wrapper">
          <Link className="nhsuk-back-link" to={backLink.to}>
            {backLink.text}
          </Link>
        </div>
      )}
      <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
        <div className="nhsuk-grid-row">
          <div className={column}>
            {caption && <span className="nhsuk-caption-l">{caption}</span>}
            <h1 className="lw-focus-target" ref={heading} tabIndex={-1}>
              {title}
            </h1>
            {children}
          </div>
        </div>
      </main>
    </>
  );
}
