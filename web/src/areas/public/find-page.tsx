// The public directory (/find): no account needed, built for a phone. Two plain questions — what
// do you need help with, and your postcode — then nearby services as cards.
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { directory } from '../../api/directory';
import { Tag } from '../../components/display';
import { Loading } from '../../components/display';
import { capacityTag, formatDistance } from '../../components/directory/describe';
import { OpenStatus } from '../../components/directory/result-item';
import { useFromHere } from '../../components/directory/back-to-search';
import { supportKinds, termIdsFor } from '../../components/directory/taxonomy';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import '../../components/directory/directory.scss';

const pageSize = 20;

export function FindPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const fromHere = useFromHere();
  const support = searchParams.get('support') ?? '';
  const postcode = searchParams.get('postcode') ?? '';
  const hasSearched = Boolean(support || postcode);
  const [draftSupport, setDraftSupport] = useState(support);
  const [draftPostcode, setDraftPostcode] = useState(postcode);

  const results = useApiData(async () => {
    if (!hasSearched) return undefined;
    const termIds = await termIdsFor(support);
    return directory.search({
      postcode: postcode || undefined,
      taxonomyTermIds: termIds.length > 0 ? termIds.join(',') : undefined,
      limit: pageSize,
    });
  }, [support, postcode]);

  const postcodeError =
    results.error instanceof ApiError && results.error.status === 400
      ? (results.error.fieldErrors.postcode ?? t('find.postcodeError'))
      : undefined;
  const errors = useMemo(
    () => (postcodeError ? [{ text: postcodeError, fieldId: 'postcode' }] : []),
    [postcodeError],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (draftSupport) params.set('support', draftSupport);
    if (draftPostcode.trim()) params.set('postcode', draftPostcode.trim().toUpperCase());
    setSearchParams(params);
  };

  return (
    <Page title={t('find.title')} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} />
      <p className="nhsuk-lede-text">{t('find.intro')}</p>
      <form className="lw-find-form" onSubmit={submit} noValidate aria-label={t('find.formLabel')}>
        <div className="nhsuk-form-group">
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading">{t('find.whatHelp')}</h2>
            </legend>
            <div className="nhsuk-radios">
              {supportKinds.map((kind) => (
                <div className="nhsuk-radios__item" key={kind.code}>
                  <input
                    className="nhsuk-radios__input"
                    id={`support-${kind.code}`}
                    name="support"
                    type="radio"
                    value={kind.code}
                    checked={draftSupport === kind.code}
                    onChange={() => setDraftSupport(kind.code)}
                    aria-describedby={`support-${kind.code}-hint`}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={`support-${kind.code}`}>
                    {t(`find.kinds.${kindKey(kind.code)}.name`)}
                  </label>
                  <div className="nhsuk-hint nhsuk-radios__hint" id={`support-${kind.code}-hint`}>
                    {t(`find.kinds.${kindKey(kind.code)}.hint`)}
                  </div>
                </div>
              ))}
              <div className="nhsuk-radios__item">
                <input
                  className="nhsuk-radios__input"
                  id="support-any"
                  name="support"
                  type="radio"
                  value=""
                  checked={draftSupport === ''}
                  onChange={() => setDraftSupport('')}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor="support-any">
                  {t('find.anything')}
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        <TextInput
          id="postcode"
          label={<span className="nhsuk-label--m">{t('find.postcode')}</span>}
          hint={t('find.postcodeHint')}
          value={draftPostcode}
          onChange={setDraftPostcode}
          width={10}
          error={postcodeError}
          inputProps={{ autoComplete: 'postal-code' }}
        />
        <button type="submit" className="nhsuk-button lw-find-form__submit">
          {t('find.submit')}
        </button>
      </form>

      {results.isLoading && hasSearched && <Loading />}
      {Boolean(results.error) && !postcodeError && (
        <LoadError error={results.error} onRetry={results.reload} />
      )}
      {results.data && (
        <section aria-labelledby="find-results-heading">
          <h2 className="nhsuk-heading-m" id="find-results-heading">
            {t('find.resultsHeading')}
          </h2>
          <p role="status">{t('find.count', { count: results.data.total })}</p>
          <ul className="lw-find-results">
            {results.data.items.map((result) => {
              const capacity = capacityTag(result.capacity, t);
              const distance = formatDistance(result.distanceKm, t);
              return (
                <li key={result.id} className="nhsuk-card nhsuk-card--clickable">
                  <div className="nhsuk-card__content">
                    <h3 className="nhsuk-card__heading nhsuk-heading-s">
                      <Link className="nhsuk-card__link" to={`/find/services/${result.id}`} state={fromHere}>
                        {result.name}
                      </Link>
                    </h3>
                    <p className="nhsuk-card__description nhsuk-body-s">
                      {result.organisation.name}
                      {distance && <> · {distance}</>}
                    </p>
                    {result.summary && <p className="nhsuk-body-s">{result.summary}</p>}
                    <p className="lw-directory-result__tags nhsuk-u-margin-bottom-0">
                      <OpenStatus result={result} />
                      {result.isFree && <Tag colour="blue">{t('find.free')}</Tag>}
                      {capacity && capacity.colour !== 'green' && (
                        <Tag colour={capacity.colour}>{capacity.text}</Tag>
                      )}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </Page>
  );
}

type KindKey = 'creative' | 'connected' | 'active' | 'safe';
function kindKey(code: string): KindKey {
  return (['creative', 'connected', 'active', 'safe'] as const).find((key) => key === code) ?? 'connected';
}
