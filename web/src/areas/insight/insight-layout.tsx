// The frame of every Insight dashboard page: the page heading, the sub-navigation between panels
// (links keep the filters), the filter bar, and what the figures cover (period, programmes, whether
// small numbers are hidden), with the print and PDF links.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { insightApi, insightPanels, type InsightPanel, type InsightPanelId } from '../../api/insight';
import { InsetText } from '../../components/display';
import { Page } from '../../components/page';
import { formatDateTime, formatDay } from '../../i18n';
import { FilterBar, useFilterSearch, useInsightFilters } from './filters';

export function InsightSubNavigation({ current }: { current: InsightPanelId }) {
  const { t } = useTranslation();
  const search = useFilterSearch();
  return (
    <nav className="lw-insight-subnav lw-no-print" aria-label={t('insight.subNavigation')}>
      <ul className="lw-insight-subnav__list">
        {insightPanels.map((panel) => (
          <li className="lw-insight-subnav__item" key={panel}>
            <Link
              className="lw-insight-subnav__link"
              to={`/insight/${panel}${search}`}
              aria-current={panel === current ? 'page' : undefined}
            >
              {t(`insight.panels.${panel}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Period, programmes covered, suppression, print and PDF: above every panel's figures. */
export function PanelSummary({
  panel,
}: {
  panel: Pick<InsightPanel, 'filters' | 'programmes' | 'isSuppressed'>;
}) {
  const { t } = useTranslation();
  const filters = useInsightFilters();
  return (
    <>
      <p className="nhsuk-lede-text">
        {t('insight.period', { from: formatDay(panel.filters.from), to: formatDay(panel.filters.to) })}
      </p>
      <p>
        {panel.programmes.length > 0
          ? t('insight.covers', {
              programmes: panel.programmes.map((programme) => programme.name).join(', '),
            })
          : t('insight.coversNone')}
      </p>
      {panel.isSuppressed && <InsetText>{t('insight.suppressedIntro')}</InsetText>}
      <ul className="nhsuk-list lw-insight-actions lw-no-print">
        <li>
          <a href={insightApi.pdfUrl(filters)}>{t('insight.print')}</a>
        </li>
        <li>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => window.print()}
          >
            {t('insight.printPage')}
          </button>
        </li>
      </ul>
      <p className="lw-print-only nhsuk-body-s">
        {t('insight.printedOn', { date: formatDateTime(new Date().toISOString()) })}
      </p>
    </>
  );
}

export function InsightLayout({
  current,
  applied,
  children,
}: {
  current: InsightPanelId;
  /** The period the server applied (defaults filled in), to start the date fields from. */
  applied?: { from: string; to: string } | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Page title={t(`insight.panels.${current}`)} caption={t('insight.title')}>
      <InsightSubNavigation current={current} />
      <FilterBar
        key={applied ? `${applied.from}/${applied.to}` : 'none'}
        applied={applied}
        hasDistance={current === 'gaps'}
      />
      {children}
    </Page>
  );
}
