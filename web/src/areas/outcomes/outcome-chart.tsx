// One questionnaire's scores over time: a line chart of the headline score by date (each ONS4
// question its own line) on the instrument's full range, and the same numbers as a table, which is
// the chart's text alternative. Lines differ by dash pattern and marker as well as colour.
import type { ReactNode } from 'react';
import { CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';
import { Table, type Column } from '../../components/display';
import { formatDay } from '../../i18n';
import type { Instrument, Measure } from './measures-api';
import {
  instrumentName,
  isReportedByItem,
  itemScoreText,
  scoreRange,
  totalText,
  type MeasuresText,
} from './measures-shared';

type Series = { key: string; label: string; valueOf: (measure: Measure) => number | null };

const lineStyles = [
  { colour: '#005eb8', dash: undefined },
  { colour: '#007f3b', dash: '8 4' },
  { colour: '#330072', dash: '2 4' },
  { colour: '#7c2855', dash: '12 4 2 4' },
];

function seriesOf(measures: Measure[], instrument: Instrument | undefined, text: MeasuresText): Series[] {
  const first = measures[0];
  if (!first) return [];
  if (isReportedByItem(first, instrument)) {
    const items =
      instrument?.items.map((item) => ({ id: item.id, label: item.label })) ??
      first.score.items.map((item) => ({ id: item.itemId, label: item.label }));
    return items.map((item, index) => ({
      key: `s${index}`,
      label: item.label,
      valueOf: (measure) => measure.score.items.find((scored) => scored.itemId === item.id)?.value ?? null,
    }));
  }
  return [
    {
      key: 's0',
      label: text('chart.score'),
      valueOf: (measure) => measure.score.metricScore ?? measure.score.rawTotal,
    },
  ];
}

export function OutcomeChart({
  instrument,
  measures,
  text,
  actionFor,
}: {
  instrument: Instrument | undefined;
  /** One instrument's measures, oldest first. */
  measures: Measure[];
  text: MeasuresText;
  /** A link or button for a row of the table (e.g. "Change" for this referral's measures). */
  actionFor?: (measure: Measure) => ReactNode;
}) {
  const first = measures[0];
  if (!first) return null;
  const name = instrumentName(first.instrument);
  const series = seriesOf(measures, instrument, text);
  const range = scoreRange(instrument);
  const data = measures.map((measure) => ({
    when: formatDay(measure.completedOn),
    ...Object.fromEntries(series.map((line) => [line.key, line.valueOf(measure)])),
  }));
  const hasScores = data.some((row) => series.some((line) => row[line.key as keyof typeof row] !== null));
  const byItem = series.length > 1 || isReportedByItem(first, instrument);

  const columns: Column<Measure>[] = [
    { header: text('chart.date'), cell: (measure) => formatDay(measure.completedOn) },
    { header: text('chart.timepoint'), cell: (measure) => text(`timepoints.${measure.timepoint}`) },
    ...(byItem
      ? first.score.items.map((item) => ({
          header: item.label,
          cell: (measure: Measure) => {
            const scored = measure.score.items.find((candidate) => candidate.itemId === item.itemId);
            return scored ? itemScoreText(scored, text) : text('score.notAnswered');
          },
        }))
      : [
          {
            header: text('chart.score'),
            cell: (measure: Measure) =>
              totalText(measure, text) ?? (
                <>
                  {text('score.notScored')}
                  {measure.score.notScoredBecause && (
                    <span className="lw-block nhsuk-body-s">{measure.score.notScoredBecause}</span>
                  )}
                </>
              ),
          },
        ]),
    ...(actionFor ? [{ header: text('chart.actions'), cell: (measure: Measure) => actionFor(measure) }] : []),
  ];

  return (
    <figure className="lw-outcome-chart">
      <figcaption>
        <p>
          {text('chart.caption', { name })}
          {range && ` ${text('chart.range', { min: range[0], max: range[1] })}`}
        </p>
      </figcaption>
      {hasScores && (
        // The table below carries the same numbers for screen readers, so the drawing is hidden from them.
        <div className="lw-outcome-chart__plot" aria-hidden="true">
          <LineChart
            responsive
            style={{ width: '100%', height: '100%' }}
            data={data}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid stroke="#d8dde0" strokeDasharray="3 3" />
            <XAxis dataKey="when" stroke="#4c6272" tick={{ fill: '#212b32', fontSize: 14 }} />
            <YAxis
              domain={range ?? ['auto', 'auto']}
              allowDecimals={false}
              stroke="#4c6272"
              tick={{ fill: '#212b32', fontSize: 14 }}
              width={40}
            />
            {series.length > 1 && <Legend wrapperStyle={{ color: '#212b32' }} />}
            {series.map((line, index) => {
              const style = lineStyles[index % lineStyles.length]!;
              return (
                <Line
                  key={line.key}
                  type="linear"
                  dataKey={line.key}
                  name={line.label}
                  stroke={style.colour}
                  strokeWidth={3}
                  strokeDasharray={style.dash}
                  dot={{ r: 5, fill: style.colour }}
                  connectNulls
                  isAnimationActive={false}
                />
              );
            })}
          </LineChart>
        </div>
      )}
      <Table
        caption={text('chart.tableCaption', { name })}
        columns={columns}
        rows={measures}
        rowKey={(measure) => measure.id}
      />
    </figure>
  );
}
