// The assessment (/casework/referrals/:id/assessment): "what matters to me" in the person's own
// words, their needs by domain with a priority, and goals with their status. One per referral;
// a change names the version it started from, so two people editing at once cannot overwrite.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  casework,
  goalStatuses,
  priorities,
  referralLink,
  type AssessmentNeed,
  type Goal,
  type GoalStatus,
  type Priority,
  type ReferralRecord,
} from '../../api/casework';
import { Button } from '../../components/button';
import { InsetText } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Select, TextInput, Textarea } from '../../components/fields';
import { Page } from '../../components/page';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { Radios } from './radios';
import { labelOf, needDomainCodes, needLabel, personNameOf } from './shared';
import { ReferralGate, useReferralCase } from './use-referral';
import './casework.scss';

export function AssessmentPage() {
  const { t } = useTranslation();
  const referralCase = useReferralCase();
  return (
    <ReferralGate referralCase={referralCase} title={t('casework.assessment.title')}>
      {(record) => <AssessmentForm record={record} reason={referralCase.reason} />}
    </ReferralGate>
  );
}

const fields = ['whatMatters', 'needs', 'goals'];

type NeedDraft = { priority: Priority; detail: string };

function AssessmentForm({ record, reason }: { record: ReferralRecord; reason: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const existing = record.assessment;
  const [whatMatters, setWhatMatters] = useState(existing?.whatMatters ?? '');
  const [needs, setNeeds] = useState<Record<string, NeedDraft>>(() => {
    const start: Record<string, NeedDraft> = {};
    if (existing) {
      for (const need of existing.needs)
        start[need.domain] = { priority: need.priority, detail: need.detail ?? '' };
    } else {
      for (const code of record.needs) start[code] = { priority: 'medium', detail: '' };
    }
    return start;
  });
  const [goals, setGoals] = useState<Goal[]>(() =>
    existing && existing.goals.length > 0 ? existing.goals : [{ text: '', status: 'open' }],
  );
  const errors = useFormErrors(fields, { needs: 'need-loneliness', goals: 'goal-1-text' });
  const { isBusy, run } = useSubmit(errors.showApiError);
  const back = referralLink(record.id, '', reason);

  const toggleNeed = (code: string, isChecked: boolean) =>
    setNeeds((current) => {
      const next = { ...current };
      if (isChecked) next[code] = current[code] ?? { priority: 'medium', detail: '' };
      else delete next[code];
      return next;
    });
  const changeNeed = (code: string, change: Partial<NeedDraft>) =>
    setNeeds((current) => ({ ...current, [code]: { ...current[code]!, ...change } }));
  const changeGoal = (index: number, change: Partial<Goal>) =>
    setGoals((current) => current.map((goal, at) => (at === index ? { ...goal, ...change } : goal)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!whatMatters.trim()) problems.whatMatters = t('casework.assessment.whatMattersMissing');
    if (Object.keys(problems).length) return errors.showFieldErrors(problems);
    const needList: AssessmentNeed[] = needDomainCodes
      .filter((code) => needs[code])
      .map((code) => ({
        domain: code,
        priority: needs[code]!.priority,
        detail: needs[code]!.detail.trim() || undefined,
      }));
    const goalList = goals
      .filter((goal) => goal.text.trim())
      .map((goal) => ({ ...(goal.id ? { id: goal.id } : {}), text: goal.text.trim(), status: goal.status }));
    await run(async () => {
      await casework.saveAssessment(record.id, {
        whatMatters: whatMatters.trim(),
        needs: needList,
        goals: goalList,
        version: existing?.version,
      });
      void navigate(back, { state: { flash: t('casework.assessment.done') } });
    });
  };

  return (
    <Page
      title={existing ? t('casework.assessment.titleUpdate') : t('casework.assessment.title')}
      caption={`${personNameOf(record.person)} – ${record.reference}`}
      backLink={{ to: back, text: t('casework.backToCase') }}
      hasErrors={errors.hasErrors}
      width="two-thirds"
    >
      <ErrorSummary errors={errors.summary} />
      {record.reasonText && (
        <InsetText>
          <p className="nhsuk-u-margin-bottom-0">
            {t('casework.assessment.referralSaid', { text: record.reasonText })}
          </p>
        </InsetText>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Textarea
          id="whatMatters"
          label={t('casework.assessment.whatMatters')}
          hint={t('casework.assessment.whatMattersHint')}
          value={whatMatters}
          onChange={setWhatMatters}
          error={errors.fieldError('whatMatters')}
          rows={6}
        />

        <div className={`nhsuk-form-group${errors.fieldError('needs') ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby="needs-hint">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading">{t('casework.assessment.needsLegend')}</h2>
            </legend>
            <div className="nhsuk-hint" id="needs-hint">
              {t('casework.assessment.needsHint')}
            </div>
            {errors.fieldError('needs') && (
              <span className="nhsuk-error-message" id="needs-error">
                <span className="nhsuk-u-visually-hidden">{t('errors.prefix')}</span>{' '}
                {errors.fieldError('needs')}
              </span>
            )}
            <div className="nhsuk-checkboxes">
              {needDomainCodes.map((code) => {
                const draft = needs[code];
                const itemId = `need-${code}`;
                return (
                  <div key={code}>
                    <div className="nhsuk-checkboxes__item">
                      <input
                        className="nhsuk-checkboxes__input"
                        id={itemId}
                        name="needs"
                        type="checkbox"
                        value={code}
                        checked={Boolean(draft)}
                        onChange={(event) => toggleNeed(code, event.target.checked)}
                      />
                      <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={itemId}>
                        {needLabel(t, code)}
                      </label>
                    </div>
                    {draft && (
                      <div className="nhsuk-checkboxes__conditional">
                        <Radios
                          id={`${itemId}-priority`}
                          legend={t('casework.assessment.priorityLegend', { need: needLabel(t, code) })}
                          value={draft.priority}
                          onChange={(value) => changeNeed(code, { priority: value as Priority })}
                          options={priorities.map((priority) => ({
                            value: priority,
                            text: labelOf(t, 'priorities', priority),
                          }))}
                          isInline
                          isSmall
                        />
                        <TextInput
                          id={`${itemId}-detail`}
                          label={t('casework.assessment.detailLabel', { need: needLabel(t, code) })}
                          value={draft.detail}
                          onChange={(value) => changeNeed(code, { detail: value })}
                        />
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>

        <h2 className="nhsuk-heading-m">{t('casework.assessment.goalsLegend')}</h2>
        <p className="nhsuk-hint">{t('casework.assessment.goalsHint')}</p>
        {errors.fieldError('goals') && (
          <p className="nhsuk-error-message">
            <span className="nhsuk-u-visually-hidden">{t('errors.prefix')}</span> {errors.fieldError('goals')}
          </p>
        )}
        {goals.map((goal, index) => (
          <fieldset className="nhsuk-fieldset lw-goal" key={goal.id ?? `new-${index}`}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
              {t('casework.assessment.goalLegend', { number: index + 1 })}
            </legend>
            <TextInput
              id={`goal-${index + 1}-text`}
              label={t('casework.assessment.goalText')}
              value={goal.text}
              onChange={(value) => changeGoal(index, { text: value })}
            />
            <Select
              id={`goal-${index + 1}-status`}
              label={t('casework.assessment.goalStatus')}
              value={goal.status}
              onChange={(value) => changeGoal(index, { status: value as GoalStatus })}
              options={goalStatuses.map((status) => ({
                value: status,
                text: labelOf(t, 'goalStatuses', status),
              }))}
            />
            {goals.length > 1 && (
              <p>
                <button
                  type="button"
                  className="lw-link-button"
                  onClick={() => setGoals((current) => current.filter((_, at) => at !== index))}
                >
                  {t('casework.assessment.removeGoal', { number: index + 1 })}
                </button>
              </p>
            )}
          </fieldset>
        ))}
        <Button
          type="button"
          variant="secondary"
          onClick={() => setGoals((current) => [...current, { text: '', status: 'open' }])}
        >
          {t('casework.assessment.addGoal')}
        </Button>
        <InsetText>{t('casework.assessment.measureNote')}</InsetText>
        <Button isBusy={isBusy}>{t('casework.assessment.submit')}</Button>
      </form>
    </Page>
  );
}
