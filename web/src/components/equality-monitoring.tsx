// Equality monitoring (Insight issue 13): the optional Census 2021 questions as a collapsed section
// of a form (staff and GP referral forms, the public self-referral form, the person's record), and
// the answers in words. Every select starts at "Not asked" and offers "Prefer not to say"; the
// gender identity box appears only after "No", as the Census asks it.
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  carerAnswers,
  demographicFieldNames as demographicFields,
  disabilityAnswers,
  ethnicities,
  genderIdentitySameAnswers,
  sexes,
  type CarerAnswer,
  type DemographicField,
  type DisabilityAnswer,
  type Ethnicity,
  type GenderIdentitySame,
  type Sex,
} from '../../../src/vocabulary/demographics';
import { Select, TextInput, type Option } from './fields';

export { demographicFields, type DemographicField };

/** The answers as a form holds them: '' is "Not asked". */
export type DemographicsDraft = Record<DemographicField, string>;

export const emptyDemographics: DemographicsDraft = {
  sex: '',
  genderIdentitySame: '',
  genderIdentity: '',
  ethnicity: '',
  disability: '',
  carer: '',
};

/** The answers as the API takes and gives them (null = not asked). */
export type DemographicAnswers = {
  sex: Sex | null;
  genderIdentitySame: GenderIdentitySame | null;
  genderIdentity: string | null;
  ethnicity: Ethnicity | null;
  disability: DisabilityAnswer | null;
  carer: CarerAnswer | null;
};

const pick = <T extends string>(list: readonly T[], value: string): T | null =>
  list.find((item) => item === value) ?? null;

/** Every answer, null where not asked: for an edit that may clear an answer. */
export function demographicAnswers(draft: DemographicsDraft): DemographicAnswers {
  const genderIdentitySame = pick(genderIdentitySameAnswers, draft.genderIdentitySame);
  return {
    sex: pick(sexes, draft.sex),
    genderIdentitySame,
    genderIdentity: genderIdentitySame === 'no' ? draft.genderIdentity.trim() || null : null,
    ethnicity: pick(ethnicities, draft.ethnicity),
    disability: pick(disabilityAnswers, draft.disability),
    carer: pick(carerAnswers, draft.carer),
  };
}

/** Only the answers given: for a referral, where "not asked" is simply absent. */
export function givenDemographics(draft: DemographicsDraft): Partial<DemographicAnswers> {
  return Object.fromEntries(Object.entries(demographicAnswers(draft)).filter(([, value]) => value !== null));
}

export function draftOfAnswers(answers: DemographicAnswers): DemographicsDraft {
  return {
    sex: answers.sex ?? '',
    genderIdentitySame: answers.genderIdentitySame ?? '',
    genderIdentity: answers.genderIdentity ?? '',
    ethnicity: answers.ethnicity ?? '',
    disability: answers.disability ?? '',
    carer: answers.carer ?? '',
  };
}

type ValueField = Exclude<DemographicField, 'genderIdentity'>;
const valuesOf: Record<ValueField, readonly string[]> = {
  sex: sexes,
  genderIdentitySame: genderIdentitySameAnswers,
  ethnicity: ethnicities,
  disability: disabilityAnswers,
  carer: carerAnswers,
};

/** An answer in the Census wording; "Not asked" for none. */
export function demographicLabel(
  t: TFunction,
  field: DemographicField,
  value: string | null | undefined,
): string {
  if (!value) return t('demographics.notAsked');
  if (field === 'genderIdentity') return value;
  return t(`demographics.values.${field}.${value}` as 'demographics.values.sex.female', {
    defaultValue: value,
  });
}

/** True for the fields whose values are codes of the vocabulary (so a label replaces the code). */
export const isDemographicField = (field: string): field is DemographicField =>
  (demographicFields as readonly string[]).includes(field);

function optionsFor(t: TFunction, field: ValueField): Option[] {
  return [
    { value: '', text: t('demographics.notAsked') },
    ...valuesOf[field].map((value) => ({ value, text: demographicLabel(t, field, value) })),
  ];
}

/**
 * The questions in an nhsuk details component, collapsed unless an answer is refused. `idPrefix`
 * names the controls as the server names the fields ("person_" for person.sex), so a refusal's
 * error summary link lands on the control.
 */
export function EqualityMonitoringFields({
  draft,
  onChange,
  idPrefix = '',
  error,
  isSelf = false,
  isOpen = false,
}: {
  draft: DemographicsDraft;
  onChange: (draft: DemographicsDraft) => void;
  idPrefix?: string;
  error: (id: string) => string | undefined;
  /** The person answers for themselves (the public form): a friendlier introduction. */
  isSelf?: boolean;
  isOpen?: boolean;
}) {
  const { t } = useTranslation();
  const set = (field: DemographicField) => (value: string) => onChange({ ...draft, [field]: value });
  const hasError = demographicFields.some((field) => error(`${idPrefix}${field}`));
  // The questions are in the page only while the section is open, so a closed section adds nothing
  // for a screen reader's form controls list (or a test's label search) to wade through.
  const [isExpanded, setExpanded] = useState(isOpen);
  const isShown = isExpanded || hasError;
  const select = (field: ValueField, hint?: ReactNode) => (
    <Select
      id={`${idPrefix}${field}`}
      label={t(`demographics.questions.${field}`)}
      hint={hint}
      value={draft[field]}
      onChange={set(field)}
      error={error(`${idPrefix}${field}`)}
      options={optionsFor(t, field)}
    />
  );
  return (
    <details
      className="nhsuk-details"
      open={isShown || undefined}
      onToggle={(event) => setExpanded(event.currentTarget.open)}
    >
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{t('demographics.title')}</span>
      </summary>
      {isShown && (
        <div className="nhsuk-details__text">
          <p>{isSelf ? t('demographics.introSelf') : t('demographics.intro')}</p>
          {select('sex', t('demographics.questions.sexHint'))}
          {select('genderIdentitySame')}
          {draft.genderIdentitySame === 'no' && (
            <TextInput
              id={`${idPrefix}genderIdentity`}
              label={t('demographics.questions.genderIdentity')}
              value={draft.genderIdentity}
              onChange={set('genderIdentity')}
              error={error(`${idPrefix}genderIdentity`)}
              width={20}
            />
          )}
          {select('ethnicity')}
          {select('disability')}
          {select('carer', t('demographics.questions.carerHint'))}
        </div>
      )}
    </details>
  );
}
