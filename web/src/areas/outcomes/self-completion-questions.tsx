// One questionnaire as the person answers it on their phone: each question a fieldset whose legend
// is the wording (or "Statement N" when the instrument carries none), with large radios, and the
// copyright line the instrument's licence asks to be shown with the questions.
import { Radios } from '../../components/fields';
import {
  answerFieldId,
  choicesOf,
  questionNumber,
  type LinkInstrument,
  type SelfCompletionText,
} from './self-completion-model';

export function InstrumentQuestions({
  instrument,
  answers,
  onAnswer,
  errors,
  text,
}: {
  instrument: LinkInstrument;
  /** itemId → the chosen value. */
  answers: Record<string, string>;
  onAnswer: (itemId: string, value: string) => void;
  /** field id → message. */
  errors: Record<string, string>;
  text: SelfCompletionText;
}) {
  const count = instrument.items.length;
  const scaleText = (value: number, label: string) => text('scaleAnswer', { value, label });
  return (
    <>
      <p>
        {instrument.recallPeriod
          ? text('recallPeriod', { period: instrument.recallPeriod })
          : text('chooseAnswer')}
      </p>
      {instrument.items.map((item, index) => {
        const number = questionNumber(item, index);
        const fieldId = answerFieldId(instrument.key, item.id);
        return (
          <Radios
            key={item.id}
            id={fieldId}
            legendClass="nhsuk-fieldset__legend--m lw-question-legend"
            legend={
              <>
                <span className="nhsuk-caption-m lw-question-number">
                  {text('questionNumber', { number, count })}
                </span>
                {item.question ?? text('statementFallback', { number })}
              </>
            }
            error={errors[fieldId]}
            value={answers[item.id] ?? ''}
            onChange={(value) => onAnswer(item.id, value)}
            options={choicesOf(item, scaleText)}
          />
        );
      })}
      <InstrumentCopyright instrument={instrument} />
    </>
  );
}

/** The licence's copyright and attribution lines, in small print under the questions. */
export function InstrumentCopyright({ instrument }: { instrument: LinkInstrument }) {
  const { copyright, attribution } = instrument.licence;
  if (!copyright && !attribution) return null;
  return (
    <div className="lw-instrument-copyright">
      {copyright && <p className="nhsuk-body-s">{copyright}</p>}
      {attribution && <p className="nhsuk-body-s">{attribution}</p>}
    </div>
  );
}
