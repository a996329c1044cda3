// "Your evidence" (/insight/provider): a VCSE provider's own services — referrals received, accepted,
// attendance, completions and the (aggregated, suppressed) change in wellbeing — for funding bids,
// with the filters, a CSV of each table and print. The server scopes it to the provider's
// organisation and suppresses small numbers.
import { useTranslation } from 'react-i18next';
import { insightApi } from '../../api/insight';
import { InsetText, Loading } from '../../components/display';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime, formatDay } from '../../i18n';
import { FilterBar, useInsightFilters } from './filters';
import { PanelBody } from './panel-page';

export function ProviderEvidencePage() {
  const { t } = useTranslation();
  const filters = useInsightFilters();
  const data = useApiData(
    () => insightApi.provider(filters),
    [filters.from, filters.to, filters.programmeId, filters.borough, filters.source],
  );
  const panel = data.data;
  return (
    <Page title={t('insight.provider.title')}>
      <p>{t('insight.provider.intro')}</p>
      <FilterBar
        key={panel ? `${panel.filters.from}/${panel.filters.to}` : 'none'}
        applied={panel?.filters}
      />
      {data.isLoading && !panel && <Loading />}
      {Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
      {panel && (
        <>
          <p className="nhsuk-lede-text">
            {t('insight.period', { from: formatDay(panel.filters.from), to: formatDay(panel.filters.to) })}
          </p>
          {panel.isSuppressed && <InsetText>{t('insight.provider.suppressed')}</InsetText>}
          <ul className="nhsuk-list lw-insight-actions lw-no-print">
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
          <PanelBody panel={panel} csvUrl={(table) => insightApi.providerCsvUrl(table, filters)} />
        </>
      )}
    </Page>
  );
}
