// Correcting a recorded questionnaire (/casework/referrals/:id/measures/:measureId/change): its
// date and answers, sent with the version it was based on so a change made meanwhile by someone
// else is refused rather than overwritten. Back on the record, a banner says it was saved.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { referralLink, type ReferralRecord } from '../../api/casework';
import { Button } from '../../components/button';
import { Loading, SummaryList } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { personNameOf } from '../casework/shared';
import { ReferralGate, useReferralCase } from '../casework/use-referral';
import { AnswerFields, answerFieldId } from './measures-answers';
import { measuresApi, todayInLondon, type Answers, type Instrument, type Measure } from './measures-api';
import { instrumentName, showServerProblem, useMeasuresText } from './measures-shared';
import './measures.scss';

export function ChangeMeasurePage() {
  const text = useMeasuresText();
  const referralCase = useReferralCase();
  return (
    <ReferralGate referralCase={referralCase} title={text('correct.title')}>
      {(record) => <ChangeMeasure record={record} reason={referralCase.reason} />}
    </ReferralGate>
  );
}

function ChangeMeasure({ record, reason }: { record: ReferralRecord; reason: string | undefined }) {
  const text = useMeasuresText();
  const { measureId = '' } = useParams();
  const data = useApiData(async () => {
    const [measures, instruments] = await Promise.all([
      measuresApi.referralMeasures(record.id, reason),
      measuresApi.instruments(),
    ]);
    const measure = measures.items.find((candidate) => candidate.id === measureId);
    return {
      measure,
      instrument: instruments.items.find((candidate) => candidate.key === measure?.instrument.key),
    };
  }, [record.id, measureId, reason]);
  const name = personNameOf(record.person);
  const recordLink = referralLink(record.id, '', reason);
  const measure = data.data?.measure;
  const instrument = data.data?.instrument;
  const [hasErrors, setHasErrors] = useState(false);

  return (
    <Page
      title={text('correct.title')}
      caption={text('record.caption', { name, reference: record.reference })}
      breadcrumbs={[
        { to: '/casework/caseload', text: text('common.caseload') },
        { to: recordLink, text: name },
      ]}
      width="two-thirds"
      hasErrors={hasErrors}
    >
      {data.isLoading && <Loading />}
      {Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
      {data.data && (!measure || !instrument) && <p>{text('correct.notFound')}</p>}
      {measure && instrument && (
        <ChangeForm
          referralId={record.id}
          recordLink={recordLink}
          measure={measure}
          instrument={instrument}
          onHasErrorsChange={setHasErrors}
        />
      )}
    </Page>
  );
}

function ChangeForm({
  referralId,
  recordLink,
  measure,
  instrument,
  onHasErrorsChange,
}: {
  referralId: string;
  recordLink: string;
  measure: Measure;
  instrument: Instrument;
  onHasErrorsChange: (hasErrors: boolean) => void;
}) {
  const text = useMeasuresText();
  const navigate = useNavigate();
  const [completedOn, setCompletedOn] = useState(measure.completedOn);
  const [answers, setAnswers] = useState<Answers>(measure.answers);
  const fieldOrder = useMemo(
    () => ['completedOn', 'answers', ...instrument.items.map((item) => `answers.${item.id}`)],
    [instrument],
  );
  const fieldIds = useMemo(
    () => ({
      answers: answerFieldId(instrument.items[0]?.id ?? ''),
      ...Object.fromEntries(instrument.items.map((item) => [`answers.${item.id}`, answerFieldId(item.id)])),
    }),
    [instrument],
  );
  const errors = useFormErrors(fieldOrder, fieldIds);
  const { isBusy, run } = useSubmit((error: unknown) => {
    showServerProblem(errors, error, fieldOrder);
  });
  useEffect(() => onHasErrorsChange(errors.hasErrors), [errors.hasErrors, onHasErrorsChange]);
  const name = instrumentName(measure.instrument);
  const timepoint = text(`timepoints.${measure.timepoint}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    await run(async () => {
      const sent: Answers = Object.fromEntries(
        instrument.items.map((item) => [item.id, answers[item.id] ?? null]),
      );
      await measuresApi.correct(referralId, measure.id, {
        completedOn,
        answers: sent,
        version: measure.version,
      });
      void navigate(recordLink, { state: { flash: text('correct.saved', { name, timepoint }) } });
    });
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <SummaryList
        rows={[
          { key: text('result.questionnaire'), value: instrument.name },
          { key: text('result.timepoint'), value: timepoint },
        ]}
      />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput
          id="completedOn"
          label={text('record.dateLabel')}
          hint={text('record.dateHint')}
          type="date"
          value={completedOn}
          onChange={setCompletedOn}
          error={errors.fieldError('completedOn')}
          inputProps={{ max: todayInLondon() }}
        />
        <p className="nhsuk-hint">{text('record.missingNote')}</p>
        <AnswerFields
          instrument={instrument}
          answers={answers}
          onChange={(itemId, value) => setAnswers((current) => ({ ...current, [itemId]: value }))}
          fieldError={errors.fieldError}
          text={text}
        />
        <Button isBusy={isBusy}>{text('correct.submit')}</Button>
      </form>
    </>
  );
}
