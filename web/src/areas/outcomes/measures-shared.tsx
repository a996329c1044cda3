// Pieces the measure pages share: their strings, timepoint choices, server field errors mapped to
// the fields of a form (answers.<itemId> included), and how a score reads in words.
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { useFormErrors } from '../../hooks/use-form-errors';
import { formatNumber } from '../../i18n';
import { timepoints, type Instrument, type Measure } from './measures-api';

export type MeasuresText = (key: string, options?: Record<string, unknown>) => string;

/** Strings of i18n/en-measures.json, bundled under "measures". */
export function useMeasuresText(): MeasuresText {
  const { t } = useTranslation();
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (key, options) => translate(`measures.${key}`, options);
}

export const timepointOptions = (text: MeasuresText) =>
  timepoints.map((value) => ({ value, text: text(`timepoints.${value}`) }));

export const instrumentName = (instrument: { name: string; shortName: string | null }) =>
  instrument.shortName ?? instrument.name;

type FormErrors = ReturnType<typeof useFormErrors>;

/**
 * Shows a server refusal on the form: each field error the form has a field for (matched on the full
 * name, e.g. `answers.item_3`), otherwise the problem's own message at the top.
 */
export function showServerProblem(form: FormErrors, error: unknown, fieldOrder: readonly string[]): void {
  if (error instanceof ApiError && error.problem.errors?.length) {
    const known: Record<string, string> = {};
    for (const problem of error.problem.errors) {
      const field = fieldOrder.includes(problem.field) ? problem.field : problem.field.split('.')[0]!;
      if (fieldOrder.includes(field) && !(field in known)) known[field] = problem.detail;
    }
    if (Object.keys(known).length > 0) {
      form.showFieldErrors(known);
      return;
    }
  }
  form.showApiError(error);
}

const decimal = (value: number) =>
  Number.isInteger(value) ? formatNumber(value) : value.toFixed(2).replace(/\.?0+$/, '');

/** A summed score in words: the converted score with its raw total, or the total; null when not scored. */
export function totalText(measure: Measure, text: MeasuresText): string | null {
  const { metricScore, rawTotal, band, prorated } = measure.score;
  let score: string | null = null;
  if (metricScore !== null)
    score = text('score.metric', {
      metric: decimal(metricScore),
      raw: rawTotal === null ? '' : decimal(rawTotal),
    });
  else if (rawTotal !== null) score = decimal(rawTotal);
  if (score === null) return null;
  const withBand = band ? text('score.withBand', { score, band: band.label }) : score;
  return prorated ? `${withBand} ${text('score.prorated')}` : withBand;
}

/** Whether an instrument reports each item on its own (ONS4) rather than one total. */
export function isReportedByItem(measure: Measure, instrument: Instrument | undefined): boolean {
  if (instrument) return instrument.scoringMethod === 'separate_items';
  return measure.score.rawTotal === null && measure.score.items.some((item) => item.value !== null);
}

export function itemScoreText(item: Measure['score']['items'][number], text: MeasuresText): string {
  if (item.value === null) return text('score.notAnswered');
  const value = decimal(item.value);
  return item.band ? text('score.withBand', { score: value, band: item.band.label }) : value;
}

/** The lowest and highest score an instrument's headline can take, for the chart's axis. */
export function scoreRange(instrument: Instrument | undefined): [number, number] | undefined {
  if (!instrument || instrument.items.length === 0) return undefined;
  const ranges = instrument.items.map((item) => {
    if (item.response.kind === 'scale') return [item.response.min, item.response.max] as const;
    const values = item.response.options.map((option) => option.value);
    return [Math.min(...values), Math.max(...values)] as const;
  });
  if (instrument.scoringMethod === 'separate_items')
    return [Math.min(...ranges.map(([min]) => min)), Math.max(...ranges.map(([, max]) => max))];
  return [ranges.reduce((sum, [min]) => sum + min, 0), ranges.reduce((sum, [, max]) => sum + max, 0)];
}
