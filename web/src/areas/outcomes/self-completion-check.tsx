// The "check your answers" step, the thank-you page, and the pages for a link that cannot be used.
// None of them show anything about the person beyond what they just chose themselves.
import { Link } from 'react-router';
import { SummaryList } from '../../components/display';
import {
  answerFieldId,
  choicesOf,
  questionNumber,
  type AnswerDraft,
  type EndedReason,
  type LinkInstrument,
  type SelfCompletionText,
} from './self-completion-model';
import { InstrumentCopyright } from './self-completion-questions';

export function CheckAnswers({
  instruments,
  draft,
  linkToSet,
  text,
}: {
  instruments: LinkInstrument[];
  draft: AnswerDraft;
  /** Where "Change" goes for the set at this index. */
  linkToSet: (setIndex: number) => string;
  text: SelfCompletionText;
}) {
  const scaleText = (value: number, label: string) => text('scaleAnswer', { value, label });
  return (
    <>
      {instruments.map((instrument, setIndex) => (
        <section key={instrument.key} aria-labelledby={`check-${instrument.key}`}>
          <h2 className="nhsuk-heading-m" id={`check-${instrument.key}`}>
            {instrument.name}
          </h2>
          <SummaryList
            rows={instrument.items.map((item, index) => {
              const number = questionNumber(item, index);
              const chosen = draft[instrument.key]?.[item.id] ?? '';
              const answer = choicesOf(item, scaleText).find((choice) => choice.value === chosen);
              return {
                key: item.question ?? text('statementFallback', { number }),
                value: answer?.text ?? '',
                action: (
                  <Link
                    to={linkToSet(setIndex)}
                    state={{ focusFieldId: answerFieldId(instrument.key, item.id) }}
                  >
                    {text('change')}
                    <span className="nhsuk-u-visually-hidden">
                      {' '}
                      {text('changeHidden', { number, name: instrument.shortName ?? instrument.name })}
                    </span>
                  </Link>
                ),
              };
            })}
          />
          <InstrumentCopyright instrument={instrument} />
        </section>
      ))}
    </>
  );
}

export function ThankYou({ text }: { text: SelfCompletionText }) {
  return (
    <>
      <div className="nhsuk-panel lw-self-completion-panel">
        <div className="nhsuk-panel__body">{text('thankYouBody')}</div>
      </div>
      <p>{text('thankYouNext')}</p>
    </>
  );
}

export const endedTitleKey = (reason: EndedReason) => `ended.${reason}Title`;

export function LinkEnded({ reason, text }: { reason: EndedReason; text: SelfCompletionText }) {
  return (
    <>
      <p>{text(`ended.${reason}Body`)}</p>
      <p>{text(`ended.${reason}Next`)}</p>
    </>
  );
}
