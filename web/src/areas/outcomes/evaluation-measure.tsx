// One outcome measure of the report: loss to follow-up (with its warning), a chart of the mean
// score before and after, and the table of every figure, which is also the chart's text alternative.
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { WarningCallout } from '../../components/display';
import type { MeasureView } from './evaluation-api';
import {
  Figure,
  FigureTable,
  MissingFigure,
  usePairedChangeRows,
  type FigureRow,
} from './evaluation-figures';
import { useEvaluationText, useNumberFormats } from './evaluation-text';

function MeansChart({ measure }: { measure: MeasureView }) {
  const text = useEvaluationText();
  const number = useNumberFormats();
  const captionId = useId();
  const { meanBefore, meanAfter, meanChange, ci95 } = measure.change;
  if (meanBefore === null || meanAfter === null || meanChange === null) return null;
  const data = [
    { name: text('chart.before'), mean: meanBefore },
    { name: text('chart.after'), mean: meanAfter },
  ];
  const summary = text('chart.summary', {
    measure: measure.label,
    before: number.decimal(meanBefore),
    after: number.decimal(meanAfter),
    change: number.signed(meanChange),
    interval: ci95 ? text('figure.ci', { low: number.signed(ci95[0]), high: number.signed(ci95[1]) }) : '',
  });
  return (
    <figure className="lw-evaluation-chart" aria-labelledby={captionId}>
      {/* The bars repeat the table below; the caption states them, so the drawing is hidden from
          assistive technology. Bars are told apart by their axis labels, not by colour alone. */}
      <div className="lw-evaluation-chart__drawing" aria-hidden="true">
        <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 480, height: 220 }}>
          <BarChart
            data={data}
            margin={{ top: 24, right: 16, bottom: 8, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fill: '#212b32' }} />
            <YAxis domain={[0, 'auto']} tick={{ fill: '#212b32' }} width={40} />
            <Bar dataKey="mean" fill="#005eb8" isAnimationActive={false}>
              <LabelList
                dataKey="mean"
                position="top"
                fill="#212b32"
                formatter={(value: unknown) => (typeof value === 'number' ? number.decimal(value) : '')}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption id={captionId} className="nhsuk-body-s">
        {summary}
      </figcaption>
    </figure>
  );
}

export function MeasureSection({ measure }: { measure: MeasureView }) {
  const text = useEvaluationText();
  const number = useNumberFormats();
  const headingId = useId();
  const loss = measure.lossToFollowUp;
  const changeRows = usePairedChangeRows(measure.change);
  const { improvement } = measure;
  const rows: FigureRow[] = [
    {
      key: 'eligible',
      label: text('figure.eligible'),
      value: <Figure value={loss.eligible} reason={loss.reasons.eligible} format={String} />,
    },
    {
      key: 'lost',
      label: text('figure.lost'),
      value: (
        <>
          <Figure value={loss.lost} reason={loss.reasons.lost} format={String} />
          {loss.lost !== null && loss.shareLost !== null && ` (${number.percent(loss.shareLost)})`}
        </>
      ),
    },
    ...changeRows,
  ];
  if (improvement) {
    rows.push({
      key: 'improvement',
      label: text('figure.improved', { minimum: improvement.minimumChange }),
      value: (
        <>
          {improvement.share === null ? (
            <MissingFigure reason={improvement.reason} />
          ) : (
            <>
              {number.percent(improvement.share)}
              {improvement.improved !== null &&
                ` ${text('figure.improvedPeople', { count: improvement.improved })}`}
            </>
          )}
          <span className="lw-figure-source">{text('figure.source', { source: improvement.source })}</span>
        </>
      ),
    });
  }
  return (
    <section className="lw-evaluation-measure" aria-labelledby={headingId}>
      <h3 className="nhsuk-heading-m" id={headingId}>
        {measure.label}
      </h3>
      {loss.warning && (
        <WarningCallout heading={text('lossWarningTitle')}>{<p>{loss.warning}</p>}</WarningCallout>
      )}
      <MeansChart measure={measure} />
      <FigureTable caption={text('measureTableCaption', { measure: measure.label })} rows={rows} />
    </section>
  );
}
