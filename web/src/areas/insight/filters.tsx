// The filters every Insight page shares (period, programme, borough, source). They live in the URL
// query, so a view can be bookmarked, shared or printed as it is, and moving between panels keeps
// them. The server fills in defaults (the last year, every programme in scope) and answers a bad
// value with 400 naming the field, which the page shows.
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { sourceTypes } from '../../../../src/vocabulary/referral';
import { insightApi, type InsightFilters, type SourceType } from '../../api/insight';
import { Button } from '../../components/button';
import { ErrorSummary, type ErrorItem } from '../../components/error-summary';
import { Select, TextInput } from '../../components/fields';
import { useApiData } from '../../hooks/use-api-data';

export const filterKeys = ['from', 'to', 'programmeId', 'borough', 'source', 'withinKm'] as const;

/** The Gaps panel's distances (km) for "support near where people live"; the server's default is 3. */
const distances = ['1', '2', '3', '5', '10'];

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function useInsightFilters(): InsightFilters {
  const [params] = useSearchParams();
  const read = (key: (typeof filterKeys)[number]) => params.get(key) || undefined;
  const source = read('source');
  const withinKm = Number(read('withinKm'));
  return {
    from: read('from'),
    to: read('to'),
    programmeId: read('programmeId'),
    borough: read('borough'),
    source: sourceTypes.includes(source as SourceType) ? (source as SourceType) : undefined,
    withinKm: Number.isFinite(withinKm) && withinKm > 0 ? withinKm : undefined,
  };
}

/** The filters as a query string ("?from=…"), to carry them to another panel's link. */
export function useFilterSearch(): string {
  const [params] = useSearchParams();
  const kept = new URLSearchParams();
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) kept.set(key, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}

/**
 * The programmes and boroughs the filter offers. Provider staff have no dashboards (the programme
 * list answers them 403): their page passes the programmes its evidence covers instead.
 */
export function useFilterChoices(options: { isProgrammeListNeeded?: boolean } = {}) {
  const isProgrammeListNeeded = options.isProgrammeListNeeded ?? true;
  const programmes = useApiData(
    () => (isProgrammeListNeeded ? insightApi.programmes() : Promise.resolve({ items: [] })),
    [isProgrammeListNeeded],
  );
  const boroughs = useApiData(() => insightApi.boroughs(), []);
  return { programmes: programmes.data?.items ?? [], boroughs: boroughs.data?.items ?? [] };
}

export function FilterBar({
  applied,
  programmeChoices,
  hasDistance,
}: {
  applied?: { from: string; to: string } | undefined;
  /** The programmes to offer, when not the signed-in person's Insight programmes (a provider's). */
  programmeChoices?: { id: string; name: string }[] | undefined;
  /** Offer the Gaps panel's distance. */
  hasDistance?: boolean | undefined;
}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useInsightFilters();
  const choices = useFilterChoices({ isProgrammeListNeeded: !programmeChoices });
  const programmes = programmeChoices ?? choices.programmes;
  const { boroughs } = choices;
  const [from, setFrom] = useState(filters.from ?? applied?.from ?? '');
  const [to, setTo] = useState(filters.to ?? applied?.to ?? '');
  const [programmeId, setProgrammeId] = useState(filters.programmeId ?? '');
  const [borough, setBorough] = useState(filters.borough ?? '');
  const [source, setSource] = useState<string>(filters.source ?? '');
  const [withinKm, setWithinKm] = useState(filters.withinKm ? String(filters.withinKm) : '');
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const fieldError = (id: string) => errors.find((error) => error.fieldId === id)?.text;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const problems: ErrorItem[] = [];
    if (from && !isoDate.test(from))
      problems.push({ text: t('insight.filters.fromInvalid'), fieldId: 'insight-from' });
    if (to && !isoDate.test(to))
      problems.push({ text: t('insight.filters.toInvalid'), fieldId: 'insight-to' });
    if (problems.length === 0 && from && to && from > to)
      problems.push({ text: t('insight.filters.order'), fieldId: 'insight-from' });
    setErrors(problems);
    if (problems.length > 0) return;
    const next = new URLSearchParams(params);
    const values: Record<(typeof filterKeys)[number], string> = {
      from,
      to,
      programmeId,
      borough,
      source,
      withinKm: hasDistance ? withinKm : (params.get('withinKm') ?? ''),
    };
    for (const key of filterKeys) {
      if (values[key]) next.set(key, values[key]);
      else next.delete(key);
    }
    setParams(next);
  };

  const clear = () => {
    const next = new URLSearchParams(params);
    for (const key of filterKeys) next.delete(key);
    setFrom('');
    setTo('');
    setProgrammeId('');
    setBorough('');
    setSource('');
    setWithinKm('');
    setErrors([]);
    setParams(next);
  };

  return (
    <form
      className="lw-insight-filters lw-no-print"
      onSubmit={apply}
      noValidate
      aria-label={t('insight.filters.title')}
    >
      <ErrorSummary errors={errors} />
      <h2 className="nhsuk-heading-s">{t('insight.filters.title')}</h2>
      <div className="lw-insight-filters__fields">
        <TextInput
          id="insight-from"
          label={t('insight.filters.from')}
          type="date"
          value={from}
          onChange={setFrom}
          error={fieldError('insight-from')}
        />
        <TextInput
          id="insight-to"
          label={t('insight.filters.to')}
          type="date"
          value={to}
          onChange={setTo}
          error={fieldError('insight-to')}
        />
        <Select
          id="insight-programme"
          label={t('insight.filters.programme')}
          value={programmeId}
          onChange={setProgrammeId}
          options={[
            { value: '', text: t('insight.filters.allProgrammes') },
            ...programmes.map((programme) => ({ value: programme.id, text: programme.name })),
          ]}
        />
        <Select
          id="insight-borough"
          label={t('insight.filters.borough')}
          value={borough}
          onChange={setBorough}
          options={[
            { value: '', text: t('insight.filters.allBoroughs') },
            ...boroughs.map((item) => ({ value: item.code, text: item.name })),
          ]}
        />
        <Select
          id="insight-source"
          label={t('insight.filters.source')}
          value={source}
          onChange={setSource}
          options={[
            { value: '', text: t('insight.filters.allSources') },
            ...sourceTypes.map((type) => ({ value: type, text: t(`casework.sourceTypes.${type}`) })),
          ]}
        />
        {hasDistance && (
          <Select
            id="insight-within-km"
            label={t('insight.filters.withinKm')}
            value={withinKm}
            onChange={setWithinKm}
            options={[
              { value: '', text: t('insight.filters.withinKmDefault') },
              ...distances.map((km) => ({ value: km, text: t('insight.filters.km', { km }) })),
            ]}
          />
        )}
      </div>
      <div className="lw-insight-actions">
        <Button variant="secondary" isSmall>
          {t('insight.filters.apply')}
        </Button>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--reverse nhsuk-button--small"
          onClick={clear}
        >
          {t('insight.filters.clear')}
        </button>
      </div>
    </form>
  );
}
