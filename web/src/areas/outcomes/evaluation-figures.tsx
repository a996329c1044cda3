// How one figure of the report reads: its value, or — never blank, never 0 — why it is missing.
// A figure hidden because it rests on fewer than 5 people says "fewer than 5"; the server's reason
// is shown beside it so a reader knows whether it was suppressed or could not be computed.
import type { ReactNode } from 'react';
import type { PairedChangeView } from './evaluation-api';
import { useEvaluationText, useNumberFormats } from './evaluation-text';

const smallNumberReason = /^(based on )?fewer than \d+/i;

export function MissingFigure({ reason }: { reason: string | null | undefined }) {
  const text = useEvaluationText();
  const label = !reason
    ? text('figure.notAvailable')
    : smallNumberReason.test(reason)
      ? text('figure.fewerThan', { minimum: 5 })
      : text('figure.notShown');
  return (
    <span className="lw-figure-missing">
      <strong>{label}</strong>
      {reason && <span className="lw-figure-missing__reason">{reason}</span>}
    </span>
  );
}

/** A value, or the reason it is missing. */
export function Figure<T>({
  value,
  reason,
  format,
}: {
  value: T | null | undefined;
  reason: string | null | undefined;
  format: (value: T) => ReactNode;
}) {
  if (value === null || value === undefined) return <MissingFigure reason={reason} />;
  return <>{format(value)}</>;
}

export type FigureRow = { key: string; label: ReactNode; value: ReactNode };

/** A two-column table: figure names as row headers, which reads well on a phone and in print. */
export function FigureTable({ caption, rows }: { caption: ReactNode; rows: FigureRow[] }) {
  return (
    <div className="lw-table-scroll">
      <table className="nhsuk-table lw-figure-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <tbody className="nhsuk-table__body">
          {rows.map((row) => (
            <tr className="nhsuk-table__row" key={row.key}>
              <th scope="row" className="nhsuk-table__header">
                {row.label}
              </th>
              <td className="nhsuk-table__cell">{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The rows every paired change has: n, means, change with its interval, tests and effect sizes. */
export function usePairedChangeRows(change: PairedChangeView): FigureRow[] {
  const text = useEvaluationText();
  const number = useNumberFormats();
  const why = (name: string) => change.reasons[name];
  const ci = change.ci95;
  return [
    {
      key: 'n',
      label: text('figure.n'),
      value: <Figure value={change.n} reason={why('n')} format={String} />,
    },
    {
      key: 'meanBefore',
      label: text('figure.meanBefore'),
      value: <Figure value={change.meanBefore} reason={why('means')} format={number.decimal} />,
    },
    {
      key: 'meanAfter',
      label: text('figure.meanAfter'),
      value: <Figure value={change.meanAfter} reason={why('means')} format={number.decimal} />,
    },
    {
      key: 'meanChange',
      label: text('figure.meanChange'),
      value: (
        <>
          <Figure value={change.meanChange} reason={why('means')} format={number.signed} />
          {change.meanChange !== null && (
            <span className="lw-figure-ci">
              {' '}
              {ci ? (
                text('figure.ci', { low: number.signed(ci[0]), high: number.signed(ci[1]) })
              ) : (
                <MissingFigure reason={why('ci95')} />
              )}
            </span>
          )}
        </>
      ),
    },
    {
      key: 'tTest',
      label: text('figure.tTest'),
      value: <Figure value={change.tTest} reason={why('tTest')} format={(test) => number.p(test.p)} />,
    },
    {
      key: 'wilcoxon',
      label: text('figure.wilcoxon'),
      value: (
        <Figure
          value={change.wilcoxon}
          reason={why('wilcoxon')}
          format={(test) => `${number.p(test.p)} (${text(`figure.method.${test.method}`)})`}
        />
      ),
    },
    {
      key: 'cohensDz',
      label: text('figure.cohensDz'),
      value: <Figure value={change.effectSize.cohensDz} reason={why('cohensDz')} format={number.decimal} />,
    },
    {
      key: 'cohensDav',
      label: text('figure.cohensDav'),
      value: <Figure value={change.effectSize.cohensDav} reason={why('cohensDav')} format={number.decimal} />,
    },
    {
      key: 'rankBiserial',
      label: text('figure.rankBiserial'),
      value: (
        <Figure value={change.effectSize.rankBiserial} reason={why('rankBiserial')} format={number.decimal} />
      ),
    },
  ];
}
