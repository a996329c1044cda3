// The plan builder's directory search: pre-filled with the person's needs (each need names
// directory taxonomy terms, src/referrals/needs.ts; their ids come from GET /api/directory/taxonomy),
// postcode and language, with "Refer to this service" on each result.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  casework,
  newIdempotencyKey,
  referralLink,
  type PreviousAttempt,
  type ReferralRecord,
  type Taxonomy,
} from '../../api/casework';
import { directory, type ServiceSearchResult } from '../../api/directory';
import { Button } from '../../components/button';
import { Loading, Tag } from '../../components/display';
import {
  capacityTag,
  formatDistance,
  freshnessText,
  languageName,
} from '../../components/directory/describe';
import { OpenStatus } from '../../components/directory/result-item';
import { stableUuid } from '../../components/directory/taxonomy';
import { ErrorSummary } from '../../components/error-summary';
import { Checkbox, Checkboxes, Select, TextInput, Textarea } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { formatDay, formatNumber } from '../../i18n';
import { needDomains } from '../../../../src/vocabulary/needs';
import { labelOf, needLabel, onwardStatusText } from './shared';
import '../../components/directory/directory.scss';

type Filters = {
  needs: string[];
  q: string;
  postcode: string;
  radiusKm: string;
  language: string;
  acceptingOnly: boolean;
};

const radiusChoices = ['1', '2', '5', '10', '20', '50'];
const pageSize = 20;

/** The directory term ids a set of needs starts the search from (the server adds their children). */
async function termIdsForNeeds(needs: readonly string[], taxonomies: Taxonomy[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const need of needs) {
    const domain = needDomains[need as keyof typeof needDomains];
    if (!domain) continue;
    for (const ref of domain.terms) {
      const taxonomyId = await stableUuid(`taxonomy:${ref.taxonomy}`);
      const taxonomy = taxonomies.find((candidate) => candidate.id === taxonomyId);
      const term = taxonomy?.terms.find((candidate) => candidate.code === ref.code);
      if (term) ids.add(term.id);
    }
  }
  // The search takes at most 20 terms.
  return [...ids].slice(0, 20);
}

/** The person's language as the search takes it (an ISO 639 code), when it is one. */
function languageCode(language: string | null): string {
  const value = (language ?? '').trim().toLowerCase();
  return /^[a-z]{2,3}$/.test(value) ? value : '';
}

export function PlanSearch({
  record,
  needs,
  canRefer,
  reason,
}: {
  record: ReferralRecord;
  needs: string[];
  canRefer: boolean;
  reason: string | undefined;
}) {
  const { t } = useTranslation();
  const initial: Filters = useMemo(
    () => ({
      needs,
      q: '',
      postcode: record.person.postcode ?? '',
      radiusKm: '5',
      language: languageCode(record.person.language),
      acceptingOnly: false,
    }),
    // The first search only: later changes come from the form.
    [],
  );
  const [draft, setDraft] = useState<Filters>(initial);
  const [filters, setFilters] = useState<Filters>(initial);
  const [referringTo, setReferringTo] = useState<string>();
  const taxonomy = useApiData(() => casework.taxonomy(), []);
  const results = useApiData(async () => {
    if (!taxonomy.data) return undefined;
    const termIds = await termIdsForNeeds(filters.needs, taxonomy.data.taxonomies);
    return directory.search({
      q: filters.q || undefined,
      taxonomyTermIds: termIds.length ? termIds.join(',') : undefined,
      postcode: filters.postcode || undefined,
      radiusKm: filters.postcode ? filters.radiusKm : undefined,
      languages: filters.language || undefined,
      acceptingReferralsOnly: filters.acceptingOnly || undefined,
      limit: pageSize,
    });
  }, [filters, taxonomy.data]);
  const postcodeError =
    results.error instanceof ApiError && results.error.status === 400
      ? results.error.fieldErrors.postcode
      : undefined;
  const errors = useMemo(
    () => (postcodeError ? [{ text: postcodeError, fieldId: 'plan-postcode' }] : []),
    [postcodeError],
  );
  const set =
    <K extends keyof Filters>(key: K) =>
    (value: Filters[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setReferringTo(undefined);
    setFilters({ ...draft, q: draft.q.trim(), postcode: draft.postcode.trim().toUpperCase() });
  };
  const total = results.data?.total ?? 0;
  const needOptions = Object.keys(needDomains).map((code) => ({ value: code, text: needLabel(t, code) }));

  return (
    <>
      <ErrorSummary errors={errors} />
      <form role="search" aria-labelledby="search-heading" onSubmit={submit} noValidate>
        <Checkboxes
          id="plan-needs"
          label={t('casework.plan.needsLegend')}
          hint={t('casework.plan.needsHint')}
          values={draft.needs}
          onChange={set('needs')}
          options={needOptions.filter(
            (option) => needs.includes(option.value) || draft.needs.includes(option.value),
          )}
          isSmall
        />
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">{t('casework.plan.otherNeeds')}</span>
          </summary>
          <div className="nhsuk-details__text">
            <Checkboxes
              id="plan-other-needs"
              label={t('casework.plan.otherNeedsLegend')}
              values={draft.needs}
              onChange={set('needs')}
              options={needOptions.filter((option) => !needs.includes(option.value))}
              isSmall
            />
          </div>
        </details>
        <div className="lw-filters">
          <TextInput
            id="plan-q"
            label={t('casework.plan.q')}
            type="search"
            value={draft.q}
            onChange={set('q')}
            width={20}
          />
          <TextInput
            id="plan-postcode"
            label={t('casework.plan.postcode')}
            value={draft.postcode}
            onChange={set('postcode')}
            width={10}
            error={postcodeError}
          />
          <Select
            id="plan-radius"
            label={t('casework.plan.radius')}
            value={draft.radiusKm}
            onChange={set('radiusKm')}
            options={radiusChoices.map((value) => ({
              value,
              text: t('directory.search.withinKm', { count: Number(value) }),
            }))}
          />
          <TextInput
            id="plan-language"
            label={t('casework.plan.language')}
            hint={
              record.person.language && !languageCode(record.person.language)
                ? t('casework.plan.languageSpoken', { language: record.person.language })
                : t('casework.plan.languageHint')
            }
            value={draft.language}
            onChange={set('language')}
            width={4}
          />
        </div>
        <Checkbox
          id="plan-accepting"
          label={t('casework.plan.acceptingOnly')}
          checked={draft.acceptingOnly}
          onChange={set('acceptingOnly')}
        />
        <Button variant="secondary">{t('casework.plan.search')}</Button>
      </form>
      {(taxonomy.isLoading || results.isLoading) && <Loading />}
      {Boolean(taxonomy.error) && <LoadError error={taxonomy.error} onRetry={taxonomy.reload} />}
      {Boolean(results.error) && !postcodeError && (
        <LoadError error={results.error} onRetry={results.reload} />
      )}
      {results.data && (
        <section aria-labelledby="plan-results-heading">
          <h3 className="nhsuk-heading-s" id="plan-results-heading">
            {t('casework.plan.resultsTitle')}
          </h3>
          <p role="status">{t('casework.plan.count', { count: total, formatted: formatNumber(total) })}</p>
          {total === 0 && (
            <p>
              <a href="#unmet">{t('casework.plan.nothingFound')}</a>
            </p>
          )}
          <ol className="lw-directory-results">
            {results.data.items.map((result) => (
              <PlanResult
                key={result.id}
                result={result}
                record={record}
                needs={filters.needs}
                canRefer={canRefer}
                reason={reason}
                isReferring={referringTo === result.id}
                onRefer={() => setReferringTo(referringTo === result.id ? undefined : result.id)}
              />
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

function PlanResult({
  result,
  record,
  needs,
  canRefer,
  reason,
  isReferring,
  onRefer,
}: {
  result: ServiceSearchResult;
  record: ReferralRecord;
  needs: string[];
  canRefer: boolean;
  reason: string | undefined;
  isReferring: boolean;
  onRefer: () => void;
}) {
  const { t } = useTranslation();
  const capacity = capacityTag(result.capacity, t);
  const distance = formatDistance(result.distanceKm, t);
  const headingId = `plan-result-${result.id}`;
  const current = record.onwardReferrals.find(
    (onward) =>
      onward.serviceId === result.id &&
      !['declined', 'completed', 'dropped_out', 'withdrawn'].includes(onward.status),
  );
  return (
    <li className="lw-plan-result" aria-labelledby={headingId}>
      <h4 className="nhsuk-heading-s nhsuk-u-margin-bottom-1" id={headingId}>
        <Link to={`/directory/services/${result.id}`}>{result.name}</Link>
      </h4>
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
        {result.organisation.name}
        {distance && <> · {distance}</>}
      </p>
      {result.summary && <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">{result.summary}</p>}
      <p className="lw-directory-result__tags nhsuk-u-margin-bottom-2">
        <OpenStatus result={result} />
        {capacity && <Tag colour={capacity.colour}>{capacity.text}</Tag>}
        {result.freshness.isStale && <Tag colour="yellow">{freshnessText(result.freshness, t)}</Tag>}
        {current && (
          <Tag colour="blue">
            {t('casework.plan.alreadyReferred', { status: onwardStatusText(t, current.status) })}
          </Tag>
        )}
      </p>
      {(result.languages.length > 0 || result.matchReasons.length > 0) && (
        <dl className="lw-directory-result__facts nhsuk-body-s">
          {result.languages.length > 0 && (
            <div>
              <dt>{t('directory.result.languages')}</dt>
              <dd>{result.languages.map(languageName).join(', ')}</dd>
            </div>
          )}
          {result.matchReasons.length > 0 && (
            <div>
              <dt>{t('directory.result.matched')}</dt>
              <dd>{result.matchReasons.join('; ')}</dd>
            </div>
          )}
        </dl>
      )}
      {canRefer && (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
          aria-expanded={isReferring}
          aria-controls={`refer-${result.id}`}
          onClick={onRefer}
        >
          {t('casework.plan.refer')}
          <span className="nhsuk-u-visually-hidden">: {result.name}</span>
        </button>
      )}
      {isReferring && (
        <ReferForm id={`refer-${result.id}`} result={result} record={record} needs={needs} reason={reason} />
      )}
    </li>
  );
}

function ReferForm({
  id,
  result,
  record,
  needs,
  reason,
}: {
  id: string;
  result: ServiceSearchResult;
  record: ReferralRecord;
  needs: string[];
  reason: string | undefined;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const prefix = `refer-${result.id}`;
  const fieldIds = {
    needs: `${prefix}-needs`,
    noteToProvider: `${prefix}-note`,
    overrideReason: `${prefix}-override`,
  };
  const errors = useFormErrors(['needs', 'noteToProvider', 'overrideReason'], fieldIds);
  const [chosen, setChosen] = useState<string[]>(needs);
  const [note, setNote] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [previous, setPrevious] = useState<PreviousAttempt[]>();
  const [suggestUnmet, setSuggestUnmet] = useState<string>();
  const key = useRef(newIdempotencyKey());
  // On success the page goes to the record, so the button stays busy until it has gone.
  const { isBusy, run } = useSubmit(
    (error: unknown) => {
      // A refused create stored nothing under the key; a changed body needs a new key anyway.
      key.current = newIdempotencyKey();
      if (error instanceof ApiError && error.status === 409) {
        const earlier = error.problem.previous;
        if (Array.isArray(earlier) && earlier.length > 0) {
          setPrevious(earlier as PreviousAttempt[]);
          return;
        }
        if (error.problem.suggestion === 'record_unmet_need') {
          setSuggestUnmet(error.problem.detail ?? error.problem.title);
          return;
        }
      }
      errors.showApiError(error);
    },
    { isLeavingOnSuccess: true },
  );
  const warning = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (previous) warning.current?.focus();
  }, [previous]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (chosen.length === 0) problems.needs = t('casework.plan.needsMissing');
    if (previous && overrideReason.trim().length < 5)
      problems.overrideReason = t('casework.plan.overrideMissing');
    if (Object.keys(problems).length) return errors.showFieldErrors(problems);
    errors.clear();
    await run(
      () =>
        casework.referOnward(
          record.id,
          {
            serviceId: result.id,
            needs: chosen,
            noteToProvider: note.trim() || undefined,
            overrideReason: previous ? overrideReason.trim() : undefined,
          },
          key.current,
        ),
      () => {
        void navigate(referralLink(record.id, '', reason), {
          state: { flash: t('casework.plan.referred', { service: result.name }) },
        });
      },
    );
  };

  return (
    <div className="lw-plan-refer" id={id}>
      <ErrorSummary errors={errors.summary} />
      {suggestUnmet && (
        <div className="nhsuk-warning-callout">
          <h5 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">{t('common.important')}: </span>
            {t('casework.plan.notTakingTitle')}
          </h5>
          <p>{suggestUnmet}</p>
          <p>
            <a href="#unmet">{t('casework.plan.recordUnmetLink')}</a>
          </p>
        </div>
      )}
      {previous && (
        <div className="nhsuk-warning-callout" ref={warning} tabIndex={-1} role="alert">
          <h5 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">{t('common.important')}: </span>
            {t('casework.plan.previousTitle', { service: result.name })}
          </h5>
          <ul className="nhsuk-list">
            {previous.map((attempt) => (
              <li key={attempt.id}>
                {t('casework.plan.previousItem', {
                  date: formatDay(attempt.sentAt),
                  status: onwardStatusText(t, attempt.status),
                  why: labelOf(t, 'previousWhy', attempt.why),
                })}
                {attempt.declineReason ? ` (${labelOf(t, 'reasons', attempt.declineReason)})` : ''}
              </li>
            ))}
          </ul>
          <p className="nhsuk-u-margin-bottom-0">{t('casework.plan.previousAdvice')}</p>
        </div>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Checkboxes
          id={fieldIds.needs}
          label={t('casework.plan.referNeedsLegend', { service: result.name })}
          values={chosen}
          onChange={setChosen}
          error={errors.fieldError('needs')}
          options={[...new Set([...needs, ...record.needs])].map((code) => ({
            value: code,
            text: needLabel(t, code),
          }))}
          isSmall
        />
        <Textarea
          id={fieldIds.noteToProvider}
          label={t('casework.plan.noteLabel')}
          hint={t('casework.plan.noteHint')}
          value={note}
          onChange={setNote}
          error={errors.fieldError('noteToProvider')}
          rows={3}
        />
        {previous && (
          <Textarea
            id={fieldIds.overrideReason}
            label={t('casework.plan.overrideLabel')}
            hint={t('casework.plan.overrideHint')}
            value={overrideReason}
            onChange={setOverrideReason}
            error={errors.fieldError('overrideReason')}
            rows={3}
          />
        )}
        <Button isBusy={isBusy}>
          {previous ? t('casework.plan.referAgain') : t('casework.plan.send')}
          <span className="nhsuk-u-visually-hidden">: {result.name}</span>
        </Button>
      </form>
    </div>
  );
}
