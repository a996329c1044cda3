// Link worker directory search (/directory): the form, the results as a list and, on request, as
// a map beside the list. The shortlist gathers services to give to the person.
import { lazy, Suspense, useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { directory } from '../../api/directory';
import { InsetText, Loading, NumberedPagination } from '../../components/display';
import { ResultItem } from '../../components/directory/result-item';
import { useShortlist } from '../../components/directory/shortlist';
import { ErrorSummary } from '../../components/error-summary';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { formatNumber } from '../../i18n';
import { SearchForm } from './search-form';
import { searchQueryFor, useDirectoryQuery } from './use-directory-query';
import '../../components/directory/directory.scss';

const ResultsMap = lazy(() => import('../../components/directory/results-map'));
const pageSize = 20;
const serviceLink = (id: string) => `/directory/services/${id}`;

export function DirectorySearchPage() {
  const { t } = useTranslation();
  const { filters, page, view, hasSearched, search, linkWith, queryText } = useDirectoryQuery();
  const shortlist = useShortlist();
  const results = useApiData(
    async () =>
      hasSearched
        ? directory.search(await searchQueryFor(filters, pageSize, (page - 1) * pageSize))
        : undefined,
    [queryText],
  );
  const postcodeError =
    results.error instanceof ApiError && results.error.status === 400
      ? results.error.fieldErrors.postcode
      : undefined;
  const errors = useMemo(
    () => (postcodeError ? [{ text: postcodeError, fieldId: 'postcode' }] : []),
    [postcodeError],
  );
  const total = results.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const origin = results.data?.query?.postcode ?? undefined;

  return (
    <Page title={t('directory.search.title')} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} />
      <p className="lw-directory-shortlist-link">
        <Link to="/directory/shortlist">
          {t('directory.shortlist.link', { count: shortlist.entries.length })}
        </Link>
      </p>
      <SearchForm key={queryText} filters={filters} onSearch={search} postcodeError={postcodeError} />
      {results.isLoading && hasSearched && <Loading />}
      {Boolean(results.error) && !postcodeError && (
        <LoadError error={results.error} onRetry={results.reload} />
      )}
      {!hasSearched && <p>{t('directory.search.start')}</p>}
      {results.data && (
        <section aria-labelledby="results-heading">
          <h2 className="nhsuk-heading-m" id="results-heading">
            {t('directory.search.resultsHeading')}
          </h2>
          <p role="status">
            {t('directory.search.count', { count: total, formatted: formatNumber(total) })}
            {origin && <> {t('directory.search.near', { postcode: origin.postcode })}</>}
          </p>
          {origin?.note && <InsetText>{origin.note}</InsetText>}
          <nav className="lw-directory-views" aria-label={t('directory.views.label')}>
            <ul className="lw-directory-views__list">
              <li>
                <Link
                  to={linkWith({ view: '', page: '' })}
                  aria-current={view === 'list' ? 'true' : undefined}
                >
                  {t('directory.views.list')}
                </Link>
              </li>
              <li>
                <Link
                  to={linkWith({ view: 'map', page: '' })}
                  aria-current={view === 'map' ? 'true' : undefined}
                >
                  {t('directory.views.map')}
                </Link>
              </li>
            </ul>
          </nav>
          <div
            className={
              view === 'map' ? 'lw-directory-layout lw-directory-layout--map' : 'lw-directory-layout'
            }
          >
            {view === 'map' && (
              <Suspense fallback={<Loading />}>
                <ResultsMap results={results.data.items} origin={origin} serviceLink={serviceLink} />
              </Suspense>
            )}
            <ol className="lw-directory-results" aria-labelledby="results-heading">
              {results.data.items.map((result) => (
                <ResultItem key={result.id} result={result} serviceLink={serviceLink(result.id)} />
              ))}
            </ol>
          </div>
          <NumberedPagination page={page} pageCount={pageCount} linkToPage={(to) => linkWith({ page: to })} />
        </section>
      )}
    </Page>
  );
}
