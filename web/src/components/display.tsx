// Read-only display pieces: summary lists, tags, tables, banners and inset text.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export type SummaryRow = { key: ReactNode; value: ReactNode; action?: ReactNode | undefined };

export function SummaryList({ rows, isBorderless }: { rows: SummaryRow[]; isBorderless?: boolean }) {
  const hasActions = rows.some((row) => row.action !== undefined && row.action !== null);
  return (
    <dl className={`nhsuk-summary-list${isBorderless ? ' nhsuk-summary-list--no-border' : ''}`}>
      {rows.map((row, index) => (
        <div
          className={`nhsuk-summary-list__row${hasActions && !row.action ? ' nhsuk-summary-list__row--no-actions' : ''}`}
          key={index}
        >
          <dt className="nhsuk-summary-list__key">{row.key}</dt>
          <dd className="nhsuk-summary-list__value">{row.value}</dd>
          {row.action && <dd className="nhsuk-summary-list__actions">{row.action}</dd>}
        </div>
      ))}
    </dl>
  );
}

export type TagColour =
  'white' | 'grey' | 'green' | 'aqua-green' | 'blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

export function Tag({ children, colour }: { children: ReactNode; colour?: TagColour | undefined }) {
  return <strong className={`nhsuk-tag${colour ? ` nhsuk-tag--${colour}` : ''}`}>{children}</strong>;
}

export type Column<T> = { header: ReactNode; cell: (row: T) => ReactNode; isNumeric?: boolean };

/**
 * The design system's responsive table: on a phone each row becomes a card and every cell shows
 * its column heading (hidden from screen readers, which announce the real headers instead).
 */
export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
  isCaptionHidden,
}: {
  caption: ReactNode;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  isCaptionHidden?: boolean;
}) {
  return (
    <div className="lw-table-scroll">
      <table className="nhsuk-table nhsuk-table--responsive" role="table">
        <caption className={`nhsuk-table__caption${isCaptionHidden ? ' nhsuk-u-visually-hidden' : ''}`}>
          {caption}
        </caption>
        <thead className="nhsuk-table__head" role="rowgroup">
          <tr className="nhsuk-table__row" role="row">
            {columns.map((column, index) => (
              <th
                scope="col"
                role="columnheader"
                key={index}
                className={`nhsuk-table__header${column.isNumeric ? ' nhsuk-table__header--numeric' : ''}`}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((row) => (
            <tr className="nhsuk-table__row" role="row" key={rowKey(row)}>
              {columns.map((column, index) => (
                <td
                  key={index}
                  role="cell"
                  className={`nhsuk-table__cell${column.isNumeric ? ' nhsuk-table__cell--numeric' : ''}`}
                >
                  <span className="nhsuk-table__heading" aria-hidden="true">
                    {column.header}{' '}
                  </span>
                  <span>{column.cell(row)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A success or important message at the top of a page. Success banners take focus so the outcome
 * of what the user just did is announced.
 */
export function NotificationBanner({
  children,
  title,
  isSuccess,
}: {
  children: ReactNode;
  title?: string;
  isSuccess?: boolean;
}) {
  const { t } = useTranslation();
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (isSuccess) banner.current?.focus();
  }, [isSuccess]);
  const titleId = isSuccess ? 'success-banner-title' : 'important-banner-title';
  return (
    <div
      className={`nhsuk-notification-banner${isSuccess ? ' nhsuk-notification-banner--success' : ''}`}
      role={isSuccess ? 'alert' : 'region'}
      aria-labelledby={titleId}
      tabIndex={-1}
      ref={banner}
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={titleId}>
          {title ?? (isSuccess ? t('common.success') : t('common.important'))}
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">{children}</div>
    </div>
  );
}

export function InsetText({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">{t('common.information')}: </span>
      {children}
    </div>
  );
}

export function WarningCallout({ heading, children }: { heading: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="nhsuk-warning-callout">
      <h3 className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">{t('common.important')}: </span>
        {heading}
      </h3>
      {children}
    </div>
  );
}

/** Shown while data loads; announced politely so screen reader users know something is happening. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="nhsuk-body" role="status">
      {t('common.loading')}
    </p>
  );
}

/**
 * Previous / next links for page `page` of `pageCount`, labelled "Page n of m". The first page has
 * no page parameter, so its address is the list's plain address.
 */
export function NumberedPagination({
  page,
  pageCount,
  linkToPage,
}: {
  page: number;
  pageCount: number;
  /** The address of a page; receives '' for the first page. */
  linkToPage: (page: string) => string;
}) {
  const { t } = useTranslation();
  const target = (to: number) => ({
    to: linkToPage(to > 1 ? String(to) : ''),
    label: t('common.pageOf', { page: to, count: pageCount }),
  });
  return (
    <Pagination
      previous={page > 1 ? target(page - 1) : undefined}
      next={page < pageCount ? target(page + 1) : undefined}
    />
  );
}

/** Previous / next links for lists the server pages through; the page lives in the URL. */
export function Pagination({
  previous,
  next,
}: {
  previous?: { to: string; label?: string } | undefined;
  next?: { to: string; label?: string } | undefined;
}) {
  const { t } = useTranslation();
  if (!previous && !next) return null;
  return (
    <nav className="nhsuk-pagination" aria-label={t('common.pagination')}>
      <ul className="nhsuk-list nhsuk-pagination__list">
        {previous && (
          <li className="nhsuk-pagination-item--previous">
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={previous.to} rel="prev">
              <span className="nhsuk-pagination__title">{t('common.previous')}</span>
              {previous.label && (
                <>
                  <span className="nhsuk-u-visually-hidden">:</span>
                  <span className="nhsuk-pagination__page">{previous.label}</span>
                </>
              )}
              <ArrowIcon direction="left" />
            </Link>
          </li>
        )}
        {next && (
          <li className="nhsuk-pagination-item--next">
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={next.to} rel="next">
              <span className="nhsuk-pagination__title">{t('common.next')}</span>
              {next.label && (
                <>
                  <span className="nhsuk-u-visually-hidden">:</span>
                  <span className="nhsuk-pagination__page">{next.label}</span>
                </>
              )}
              <ArrowIcon direction="right" />
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
function ArrowIcon({ direction }: { direction: 'left' | 'right' }) {
  const path =
    direction === 'left'
      ? 'M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z'
      : 'm14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z';
  return (
    <svg
      className={`nhsuk-icon nhsuk-icon--arrow-${direction}`}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      focusable="false"
      aria-hidden="true"
    >
      <path d={path} />
    </svg>
  );
}
