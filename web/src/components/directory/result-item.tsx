// One search result for link workers: what the service is, where, whether it is open and taking
// referrals, when it was last checked, and why it matched — with a button to shortlist it.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ServiceSearchResult } from '../../api/directory';
import { Tag } from '../display';
import { capacityTag, formatDistance, freshnessText, languageName, nextOpeningText } from './describe';
import { useFromHere } from './back-to-search';
import { useShortlist } from './shortlist';

export function OpenStatus({ result }: { result: Pick<ServiceSearchResult, 'opening'> }) {
  const { t } = useTranslation();
  const { isOpenNow, nextOpening } = result.opening;
  if (isOpenNow) return <Tag colour="green">{t('directory.open.now')}</Tag>;
  const next = nextOpeningText(nextOpening, t);
  return (
    <>
      <Tag colour="grey">{t('directory.open.closed')}</Tag>
      {next && <span className="lw-directory-result__next"> {next}</span>}
    </>
  );
}

export function ResultItem({ result, serviceLink }: { result: ServiceSearchResult; serviceLink: string }) {
  const { t } = useTranslation();
  const shortlist = useShortlist();
  const fromHere = useFromHere();
  const isShortlisted = shortlist.has(result.id);
  const capacity = capacityTag(result.capacity, t);
  const distance = formatDistance(result.distanceKm, t);
  const address = [result.location?.address, result.location?.postcode].filter(Boolean).join(', ');
  const reasons = result.matchReasons;
  const headingId = `result-${result.id}`;
  return (
    <li className="lw-directory-result" aria-labelledby={headingId}>
      <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1" id={headingId}>
        <Link to={serviceLink} state={fromHere}>
          {result.name}
        </Link>
      </h2>
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
        {result.organisation.name}
        {distance && <> · {distance}</>}
      </p>
      {result.summary && <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">{result.summary}</p>}
      <p className="lw-directory-result__tags nhsuk-u-margin-bottom-2">
        <OpenStatus result={result} />
        {capacity && <Tag colour={capacity.colour}>{capacity.text}</Tag>}
        {result.freshness.isStale && <Tag colour="yellow">{freshnessText(result.freshness, t)}</Tag>}
      </p>
      <dl className="lw-directory-result__facts nhsuk-body-s">
        {address && (
          <div>
            <dt>{t('directory.result.address')}</dt>
            <dd>{address}</dd>
          </div>
        )}
        {result.languages.length > 0 && (
          <div>
            <dt>{t('directory.result.languages')}</dt>
            <dd>{result.languages.map(languageName).join(', ')}</dd>
          </div>
        )}
        {reasons.length > 0 && (
          <div>
            <dt>{t('directory.result.matched')}</dt>
            <dd>{reasons.join('; ')}</dd>
          </div>
        )}
      </dl>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
        aria-pressed={isShortlisted}
        onClick={() =>
          isShortlisted
            ? shortlist.remove(result.id)
            : shortlist.add({ id: result.id, name: result.name, organisationName: result.organisation.name })
        }
      >
        {isShortlisted ? t('directory.shortlist.remove') : t('directory.shortlist.add')}
        <span className="nhsuk-u-visually-hidden">: {result.name}</span>
      </button>
    </li>
  );
}
