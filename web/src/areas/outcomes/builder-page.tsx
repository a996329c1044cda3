// The questionnaire builder (/outcomes/questionnaires/new and /:id): name and key, questions in an
// "add another" list (add, remove, move), scoring, the rule for unanswered questions, direction and
// an optional meaningful change, then a live preview of how it looks to the person. The server
// checks the definition; its messages appear in the error summary, each linked to its input.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Button } from '../../components/button';
import { InsetText, Loading } from '../../components/display';
import { ErrorSummary, type ErrorItem } from '../../components/error-summary';
import { Radios, TextInput, Textarea } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useSubmit } from '../../hooks/use-submit';
import { useSignedIn } from '../../session/session';
import { questionnairesApi, type Questionnaire } from './api';
import {
  emptyDraft,
  fieldIdForPath,
  keyFromName,
  newItem,
  toDefinition,
  toDraft,
  type Draft,
} from './builder-model';
import { ItemEditor } from './item-editor';
import { QuestionnairePreview } from './preview';
import { useOutcomesText } from './use-outcomes-text';

const listPath = '/outcomes/questionnaires';

export function QuestionnaireBuilderPage() {
  const { id } = useParams();
  const { user } = useSignedIn();
  const programmeId = user.programmeId ?? '';
  const isNew = id === undefined;
  const existing = useApiData(
    async () =>
      isNew ? undefined : (await questionnairesApi.list(programmeId)).items.find((q) => q.id === id),
    [programmeId, id],
  );
  const text = useOutcomesText();
  if (!isNew && existing.isLoading) return <Loading />;
  if (!isNew && Boolean(existing.error))
    return <LoadError error={existing.error} onRetry={existing.reload} />;
  if (!isNew && !existing.data)
    return (
      <Page title={text('builder.newTitle')} backLink={{ to: listPath, text: text('builder.back') }}>
        <p>{text('builder.notFound')}</p>
      </Page>
    );
  return <BuilderForm key={existing.data?.id ?? 'new'} programmeId={programmeId} existing={existing.data} />;
}

function BuilderForm({
  programmeId,
  existing,
}: {
  programmeId: string;
  existing: Questionnaire | undefined;
}) {
  const { t } = useTranslation();
  const text = useOutcomesText();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => (existing ? toDraft(existing.definition) : emptyDraft()));
  const [isKeyEdited, setIsKeyEdited] = useState(Boolean(existing));
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const { isBusy, run } = useSubmit((error: unknown) => setErrors(problemsOf(error)));
  // One key per form: a retried save after a lost answer creates the questionnaire once.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const isArchived = existing?.isArchived ?? false;

  useEffect(() => {
    if (!isKeyEdited) setDraft((current) => ({ ...current, key: keyFromName(current.name) }));
  }, [draft.name, isKeyEdited]);

  const set = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const errorFor = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.text;
  const moveItem = (index: number, offset: -1 | 1) => {
    const items = [...draft.items];
    const [moved] = items.splice(index, 1);
    items.splice(index + offset, 0, moved!);
    set({ items });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    if (!draft.name.trim())
      return setErrors([{ text: text('builder.nameMissing'), fieldId: 'questionnaire-name' }]);
    setErrors([]);
    await run(
      () => {
        const definition = toDefinition(draft);
        return existing
          ? questionnairesApi.update(programmeId, existing.id, definition, existing.version)
          : questionnairesApi.create(programmeId, definition, idempotencyKey);
      },
      (saved) => navigate(listPath, { state: { flash: text('list.savedMessage', { name: saved.name }) } }),
    );
  };

  const problemsOf = (error: unknown): ErrorItem[] => {
    if (!(error instanceof ApiError)) return [{ text: t('errors.unexpected') }];
    if (error.code === 'version_conflict') return [{ text: text('builder.changedElsewhere') }];
    const fields = error.problem.errors ?? [];
    if (fields.length === 0) return [{ text: error.problem.detail ?? error.problem.title }];
    return fields.map((field) => ({ text: field.detail, fieldId: fieldIdForPath(field.field, draft) }));
  };

  const title = existing ? text('builder.editTitle', { name: existing.name }) : text('builder.newTitle');
  return (
    <Page
      title={title}
      backLink={{ to: listPath, text: text('builder.back') }}
      hasErrors={errors.length > 0}
      width="two-thirds"
    >
      <ErrorSummary errors={errors} />
      {isArchived && <InsetText>{text('builder.archivedNote')}</InsetText>}
      <form onSubmit={(event) => void save(event)} noValidate>
        <h2>{text('builder.aboutHeading')}</h2>
        <TextInput
          id="questionnaire-name"
          label={text('builder.nameLabel')}
          hint={text('builder.nameHint')}
          value={draft.name}
          error={errorFor('questionnaire-name')}
          onChange={(name) => set({ name })}
        />
        <TextInput
          id="questionnaire-key"
          label={text('builder.keyLabel')}
          hint={text('builder.keyHint')}
          value={draft.key}
          width={20}
          error={errorFor('questionnaire-key')}
          onChange={(key) => {
            setIsKeyEdited(true);
            set({ key });
          }}
          inputProps={{ readOnly: Boolean(existing), spellCheck: false }}
        />
        <Textarea
          id="questionnaire-description"
          label={text('builder.descriptionLabel')}
          hint={text('builder.descriptionHint')}
          value={draft.description}
          error={errorFor('questionnaire-description')}
          onChange={(description) => set({ description })}
          rows={3}
        />

        <h2>{text('builder.questionsHeading')}</h2>
        {draft.items.map((item, index) => (
          <ItemEditor
            key={item.rowKey}
            item={item}
            index={index}
            count={draft.items.length}
            text={text}
            errorFor={errorFor}
            onChange={(changed) =>
              set({
                items: draft.items.map((candidate, position) => (position === index ? changed : candidate)),
              })
            }
            onMove={(offset) => moveItem(index, offset)}
            onRemove={() => set({ items: draft.items.filter((_, position) => position !== index) })}
          />
        ))}
        <Button
          type="button"
          variant="secondary"
          onClick={() => set({ items: [...draft.items, newItem(draft.items)] })}
        >
          {text('builder.addQuestion')}
        </Button>

        <h2>{text('builder.scoringHeading')}</h2>
        <Radios
          id="scoring"
          legend={text('builder.scoringLegend')}
          value={draft.scoring}
          error={errorFor('scoring')}
          onChange={(scoring) => set({ scoring: scoring as Draft['scoring'] })}
          options={[
            { value: 'sum', text: text('builder.scoringSum'), hint: text('builder.scoringSumHint') },
            { value: 'none', text: text('builder.scoringNone'), hint: text('builder.scoringNoneHint') },
          ]}
        />
        {draft.scoring === 'sum' && (
          <Radios
            id="missing-rule"
            legend={text('builder.missingLegend')}
            value={draft.missingRule}
            error={errorFor('missing-rule')}
            onChange={(missingRule) => set({ missingRule: missingRule as Draft['missingRule'] })}
            options={[
              { value: 'all_required', text: text('builder.missingAllRequired') },
              {
                value: 'prorate_up_to',
                text: text('builder.missingProrate'),
                hint: text('builder.missingProrateHint'),
                conditional: (
                  <TextInput
                    id="max-missing"
                    label={text('builder.maxMissingLabel')}
                    type="number"
                    width={2}
                    value={draft.maxMissing}
                    error={errorFor('max-missing')}
                    onChange={(maxMissing) => set({ maxMissing })}
                  />
                ),
              },
            ]}
          />
        )}
        <Radios
          id="direction"
          legend={text('builder.directionLegend')}
          value={draft.direction}
          error={errorFor('direction')}
          onChange={(direction) => set({ direction: direction as Draft['direction'] })}
          options={[
            { value: 'higher_is_better', text: text('builder.higherBetter') },
            { value: 'higher_is_worse', text: text('builder.higherWorse') },
          ]}
        />
        <TextInput
          id="higher-score-means"
          label={text('builder.higherMeansLabel')}
          hint={text('builder.higherMeansHint')}
          value={draft.higherScoreMeans}
          width={20}
          error={errorFor('higher-score-means')}
          onChange={(higherScoreMeans) => set({ higherScoreMeans })}
        />
        {draft.scoring === 'sum' && (
          <TextInput
            id="meaningful-change"
            label={text('builder.meaningfulChangeLabel')}
            hint={text('builder.meaningfulChangeHint')}
            type="number"
            width={3}
            value={draft.meaningfulChange}
            error={errorFor('meaningful-change')}
            onChange={(meaningfulChange) => set({ meaningfulChange })}
          />
        )}
        {!isArchived && <Button isBusy={isBusy}>{text('builder.save')}</Button>}
      </form>
      <QuestionnairePreview draft={draft} text={text} />
    </Page>
  );
}
