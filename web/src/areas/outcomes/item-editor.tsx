// One question of the builder: its wording, short name and how it is answered (a list of answers
// with their scores, or a number scale with labels at its ends), with the "add another" controls
// to move or remove it. Every input has its own id so the error summary can link to it.
import { Button } from '../../components/button';
import { Radios, TextInput } from '../../components/fields';
import { newOption, type DraftItem, type DraftOption } from './builder-model';
import type { OutcomesText } from './use-outcomes-text';

type Props = {
  item: DraftItem;
  index: number;
  count: number;
  text: OutcomesText;
  errorFor: (fieldId: string) => string | undefined;
  onChange: (item: DraftItem) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
};

export function ItemEditor({ item, index, count, text, errorFor, onChange, onMove, onRemove }: Props) {
  const id = `item-${index}`;
  const number = index + 1;
  const hidden = (
    <span className="nhsuk-u-visually-hidden"> {text('builder.questionHidden', { number })}</span>
  );
  const set = (changes: Partial<DraftItem>) => onChange({ ...item, ...changes });
  const setOption = (optionIndex: number, changes: Partial<DraftOption>) =>
    set({
      options: item.options.map((option, position) =>
        position === optionIndex ? { ...option, ...changes } : option,
      ),
    });
  const nextValue = () => Math.max(-1, ...item.options.map((option) => Number(option.value) || 0)) + 1;

  return (
    <fieldset className="nhsuk-fieldset lw-question-editor">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
        {text('builder.questionLegend', { number })}
      </legend>
      <TextInput
        id={`${id}-question`}
        label={text('builder.questionLabel')}
        hint={text('builder.questionHint')}
        value={item.question}
        error={errorFor(`${id}-question`)}
        onChange={(question) => set({ question })}
      />
      <TextInput
        id={`${id}-label`}
        label={text('builder.shortNameLabel')}
        hint={text('builder.shortNameHint')}
        value={item.label}
        width={30}
        error={errorFor(`${id}-label`)}
        onChange={(label) => set({ label })}
      />
      <Radios
        id={`${id}-kind`}
        legend={text('builder.answerKindLegend')}
        value={item.kind}
        onChange={(kind) => set({ kind: kind as DraftItem['kind'] })}
        isSmall
        options={[
          { value: 'options', text: text('builder.kindOptions') },
          { value: 'scale', text: text('builder.kindScale') },
        ]}
      />
      {item.kind === 'options' ? (
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            {text('builder.answersLegend')}
          </legend>
          {item.options.map((option, optionIndex) => (
            <div className="lw-answer-row" key={option.rowKey}>
              <TextInput
                id={`${id}-option-${optionIndex}-label`}
                label={text('builder.answerLabel', { number: optionIndex + 1 })}
                value={option.label}
                width={20}
                error={errorFor(`${id}-option-${optionIndex}-label`)}
                onChange={(label) => setOption(optionIndex, { label })}
              />
              <TextInput
                id={`${id}-option-${optionIndex}-value`}
                label={text('builder.answerValueLabel', { number: optionIndex + 1 })}
                type="number"
                width={3}
                value={option.value}
                error={errorFor(`${id}-option-${optionIndex}-value`)}
                onChange={(value) => setOption(optionIndex, { value })}
              />
              {item.options.length > 2 && (
                <Button
                  type="button"
                  variant="secondary"
                  isSmall
                  onClick={() =>
                    set({ options: item.options.filter((_, position) => position !== optionIndex) })
                  }
                >
                  {text('builder.removeAnswer')}
                  <span className="nhsuk-u-visually-hidden">
                    {' '}
                    {text('builder.removeAnswerHidden', { number: optionIndex + 1, question: number })}
                  </span>
                </Button>
              )}
            </div>
          ))}
          <Button
            type="button"
            variant="secondary"
            isSmall
            onClick={() => set({ options: [...item.options, newOption(nextValue())] })}
          >
            {text('builder.addAnswer')}
            {hidden}
          </Button>
        </fieldset>
      ) : (
        <>
          <div className="lw-answer-row">
            <TextInput
              id={`${id}-min`}
              label={text('builder.minLabel')}
              type="number"
              width={3}
              value={item.min}
              error={errorFor(`${id}-min`)}
              onChange={(min) => set({ min })}
            />
            <TextInput
              id={`${id}-max`}
              label={text('builder.maxLabel')}
              type="number"
              width={3}
              value={item.max}
              error={errorFor(`${id}-max`)}
              onChange={(max) => set({ max })}
            />
          </div>
          <TextInput
            id={`${id}-min-label`}
            label={text('builder.minAnchorLabel')}
            hint={text('builder.minAnchorHint')}
            width={20}
            value={item.minLabel}
            onChange={(minLabel) => set({ minLabel })}
          />
          <TextInput
            id={`${id}-max-label`}
            label={text('builder.maxAnchorLabel')}
            hint={text('builder.maxAnchorHint')}
            width={20}
            value={item.maxLabel}
            onChange={(maxLabel) => set({ maxLabel })}
          />
        </>
      )}
      <div className="lw-question-editor__actions">
        {index > 0 && (
          <Button type="button" variant="secondary" isSmall onClick={() => onMove(-1)}>
            {text('builder.moveUp')}
            {hidden}
          </Button>
        )}{' '}
        {index < count - 1 && (
          <Button type="button" variant="secondary" isSmall onClick={() => onMove(1)}>
            {text('builder.moveDown')}
            {hidden}
          </Button>
        )}{' '}
        {count > 1 && (
          <Button type="button" variant="warning" isSmall onClick={onRemove}>
            {text('builder.removeQuestion')}
            {hidden}
          </Button>
        )}
      </div>
    </fieldset>
  );
}
