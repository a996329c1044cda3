// How the questionnaire will look to the person filling it in, drawn from the draft as it is typed.
// The answers here go nowhere: they only show the wording and the choices.
import { Radios } from '../../components/fields';
import type { Draft } from './builder-model';
import type { OutcomesText } from './use-outcomes-text';

function choicesOf(item: Draft['items'][number]): { value: string; text: string }[] {
  if (item.kind === 'options')
    return item.options.map((option, index) => ({
      value: `${index}`,
      text: option.label.trim() || `${option.value}`,
    }));
  const min = Number(item.min);
  const max = Number(item.max);
  if (!Number.isInteger(min) || !Number.isInteger(max) || max < min || max - min > 20) return [];
  return Array.from({ length: max - min + 1 }, (_, index) => {
    const value = min + index;
    const anchor = value === min ? item.minLabel.trim() : value === max ? item.maxLabel.trim() : '';
    return { value: String(value), text: anchor ? `${value} – ${anchor}` : String(value) };
  });
}

export function QuestionnairePreview({ draft, text }: { draft: Draft; text: OutcomesText }) {
  return (
    <section className="lw-questionnaire-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{text('builder.previewHeading')}</h2>
      <div className="nhsuk-card">
        <div className="nhsuk-card__content">
          <h3 className="nhsuk-card__heading">{draft.name.trim() || text('builder.previewUntitled')}</h3>
          {draft.description.trim() && <p>{draft.description.trim()}</p>}
          {draft.items.length === 0 && <p>{text('builder.previewEmpty')}</p>}
          {draft.items.map((item, index) => (
            <Radios
              key={item.rowKey}
              id={`preview-${index}`}
              legend={item.question.trim() || text('builder.previewQuestion', { number: index + 1 })}
              value=""
              onChange={() => undefined}
              isInline={item.kind === 'scale'}
              isSmall
              options={choicesOf(item)}
            />
          ))}
        </div>
      </div>
    </section>
  );
}
