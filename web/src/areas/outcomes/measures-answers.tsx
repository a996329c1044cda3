// A questionnaire's questions as the link worker fills them in (one fieldset of radios per item,
// a 0–10 scale as a row of radios that wraps on a phone), and a recorded measure's result: score,
// band, what it means and the change since baseline, in the server's words.
import { Radios } from '../../components/fields';
import { InsetText, SummaryList } from '../../components/display';
import { formatDay } from '../../i18n';
import type { Answers, Instrument, InstrumentItem, Measure } from './measures-api';
import {
  instrumentName,
  isReportedByItem,
  itemScoreText,
  totalText,
  type MeasuresText,
} from './measures-shared';

export const answerFieldId = (itemId: string) => `item-${itemId}`;

function choicesOf(item: InstrumentItem) {
  if (item.response.kind === 'options')
    return item.response.options.map((option) => ({ value: String(option.value), text: option.label }));
  const { min, max } = item.response;
  return Array.from({ length: max - min + 1 }, (_, index) => ({
    value: String(min + index),
    text: String(min + index),
  }));
}

function scaleHint(item: InstrumentItem, text: MeasuresText): string | undefined {
  if (item.response.kind !== 'scale') return undefined;
  const anchors = item.response.anchors.map((anchor) =>
    text('record.anchor', { value: anchor.value, label: anchor.label }),
  );
  return anchors.length > 0 ? anchors.join(', ') : undefined;
}

export function AnswerFields({
  instrument,
  answers,
  onChange,
  fieldError,
  text,
}: {
  instrument: Instrument;
  answers: Answers;
  onChange: (itemId: string, value: number | null) => void;
  fieldError: (field: string) => string | undefined;
  text: MeasuresText;
}) {
  return (
    <>
      {instrument.recallPeriod && <p>{text('record.recallPeriod', { period: instrument.recallPeriod })}</p>}
      {instrument.items.map((item, index) => {
        const value = answers[item.id];
        const hint = scaleHint(item, text);
        const legend = `${item.number ?? index + 1}. ${item.question ?? item.label}`;
        return (
          <div key={item.id} className="lw-measure-item">
            <Radios
              id={answerFieldId(item.id)}
              legend={legend}
              legendClass="nhsuk-fieldset__legend--s"
              hint={
                item.question === null || hint ? (
                  <>
                    {item.question === null && <span className="lw-block">{text('record.noWording')}</span>}
                    {hint && <span className="lw-block">{hint}</span>}
                  </>
                ) : undefined
              }
              error={fieldError(`answers.${item.id}`)}
              value={value === null || value === undefined ? '' : String(value)}
              onChange={(chosen) => onChange(item.id, Number(chosen))}
              options={choicesOf(item)}
              isInline={item.response.kind === 'scale'}
              isSmall={item.response.kind === 'scale'}
            />
            {value !== null && value !== undefined && (
              <button
                type="button"
                className="lw-link-button lw-measure-item__clear"
                onClick={() => onChange(item.id, null)}
              >
                {text('record.clear')}
                <span className="nhsuk-u-visually-hidden">: {legend}</span>
              </button>
            )}
          </div>
        );
      })}
      {instrument.licence.copyright && <p className="nhsuk-body-s">{instrument.licence.copyright}</p>}
    </>
  );
}

export function MeasureResult({ measure, text }: { measure: Measure; text: MeasuresText }) {
  const byItem = isReportedByItem(measure, undefined) || measure.score.rawTotal === null;
  const total = totalText(measure, text);
  const scoreValue =
    byItem && measure.score.items.length > 0 ? (
      <ul className="nhsuk-list">
        {measure.score.items.map((item) => (
          <li key={item.itemId}>
            {item.label}: {itemScoreText(item, text)}
          </li>
        ))}
        {total && <li>{text('result.total', { score: total })}</li>}
      </ul>
    ) : (
      (total ?? text('score.notScored'))
    );
  return (
    <>
      <SummaryList
        rows={[
          { key: text('result.questionnaire'), value: instrumentName(measure.instrument) },
          { key: text('result.timepoint'), value: text(`timepoints.${measure.timepoint}`) },
          { key: text('result.date'), value: formatDay(measure.completedOn) },
          { key: text('result.score'), value: scoreValue },
          ...(measure.recordedBy ? [{ key: text('result.recordedBy'), value: measure.recordedBy }] : []),
        ]}
      />
      {measure.score.notScoredBecause && (
        <InsetText>
          <p>
            <strong>{text('result.notScored')}</strong> {measure.score.notScoredBecause}
          </p>
        </InsetText>
      )}
      <MeaningAndChange
        measure={measure}
        text={text}
        headingLevel={2}
        isReasonShownAbove={Boolean(measure.score.notScoredBecause)}
      />
    </>
  );
}

/** The server's plain-language sentences about a measure, and its change since the baseline. */
export function MeaningAndChange({
  measure,
  text,
  headingLevel,
  isReasonShownAbove,
}: {
  measure: Measure;
  text: MeasuresText;
  headingLevel: 2 | 3 | 4;
  /** The "not scored because" sentence is already on the page, so it is not repeated. */
  isReasonShownAbove?: boolean;
}) {
  const meaning = isReasonShownAbove
    ? measure.meaning.filter((sentence) => sentence !== measure.score.notScoredBecause)
    : measure.meaning;
  const Heading = `h${headingLevel}` as const;
  const headingClass = headingLevel === 2 ? 'nhsuk-heading-m' : 'nhsuk-heading-s';
  return (
    <>
      {meaning.length > 0 && (
        <>
          <Heading className={headingClass}>{text('result.meaning')}</Heading>
          {meaning.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </>
      )}
      {measure.changeSinceBaseline && measure.changeSinceBaseline.length > 0 && (
        <>
          <Heading className={headingClass}>{text('result.change')}</Heading>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {measure.changeSinceBaseline.map((change) => (
              <li key={`${change.itemId ?? 'total'}-${change.label}`}>{change.text}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
