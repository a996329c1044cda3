// Recording a questionnaire the person answered on a call or on paper
// (/casework/referrals/:id/measures/new?instrument=…&timepoint=…): which questionnaire, when, the
// date, then the questions. Unanswered questions may be sent: the server applies the
// questionnaire's own rule and says why a score was withheld. The result is shown in place.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { newIdempotencyKey, referralLink, type ReferralRecord } from '../../api/casework';
import { Button } from '../../components/button';
import { ApiError } from '../../api/client';
import { InsetText, Loading, NotificationBanner } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Radios, TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { personNameOf } from '../casework/shared';
import { ReferralGate, useReferralCase } from '../casework/use-referral';
import { AnswerFields, answerFieldId, MeasureResult } from './measures-answers';
import { measuresApi, todayInLondon, type Answers, type Instrument, type Measure } from './measures-api';
import {
  instrumentName,
  showServerProblem,
  timepointOptions,
  useMeasuresText,
  type MeasuresText,
} from './measures-shared';
import './measures.scss';

export function RecordMeasurePage() {
  const text = useMeasuresText();
  const referralCase = useReferralCase();
  return (
    <ReferralGate referralCase={referralCase} title={text('record.title')}>
      {(record) => <RecordMeasure record={record} reason={referralCase.reason} />}
    </ReferralGate>
  );
}

function RecordMeasure({ record, reason }: { record: ReferralRecord; reason: string | undefined }) {
  const text = useMeasuresText();
  const instruments = useApiData(() => measuresApi.instruments(), []);
  const [recorded, setRecorded] = useState<Measure>();
  // A new form (after "record another") gets a new key; a retry of the same form reuses it.
  const [formNumber, setFormNumber] = useState(0);
  const [hasErrors, setHasErrors] = useState(false);
  const name = personNameOf(record.person);
  const recordLink = referralLink(record.id, '', reason);

  return (
    <Page
      title={
        recorded
          ? text('record.recordedTitle', { name: instrumentName(recorded.instrument) })
          : text('record.title')
      }
      caption={text('record.caption', { name, reference: record.reference })}
      breadcrumbs={[
        { to: '/casework/caseload', text: text('common.caseload') },
        { to: recordLink, text: name },
      ]}
      width="two-thirds"
      hasErrors={hasErrors && !recorded}
    >
      {instruments.isLoading && <Loading />}
      {Boolean(instruments.error) && <LoadError error={instruments.error} onRetry={instruments.reload} />}
      {recorded && (
        <>
          <NotificationBanner isSuccess>
            <p className="nhsuk-notification-banner__heading">
              {text('record.recordedBanner', {
                name: instrumentName(recorded.instrument),
                timepoint: text(`timepoints.${recorded.timepoint}`),
              })}
            </p>
          </NotificationBanner>
          <MeasureResult measure={recorded} text={text} />
          <ul className="nhsuk-list">
            <li>
              <button
                type="button"
                className="lw-link-button"
                onClick={() => {
                  setRecorded(undefined);
                  setFormNumber((number) => number + 1);
                }}
              >
                {text('record.another')}
              </button>
            </li>
            <li>
              <Link to={recordLink}>{text('common.backToRecord', { name })}</Link>
            </li>
          </ul>
        </>
      )}
      {!recorded && instruments.data && (
        <MeasureForm
          key={formNumber}
          referralId={record.id}
          reason={reason}
          instruments={instruments.data.items}
          onRecorded={setRecorded}
          onHasErrorsChange={setHasErrors}
          text={text}
        />
      )}
    </Page>
  );
}

/** The measure already recorded at this questionnaire and timepoint, when the server refused a second (409). */
function alreadyRecordedId(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const measureId = error.problem['measureId'];
  return typeof measureId === 'string' ? measureId : undefined;
}

function MeasureForm({
  referralId,
  reason,
  instruments,
  onRecorded,
  onHasErrorsChange,
  text,
}: {
  referralId: string;
  reason: string | undefined;
  instruments: Instrument[];
  onRecorded: (measure: Measure) => void;
  onHasErrorsChange: (hasErrors: boolean) => void;
  text: MeasuresText;
}) {
  const [params] = useSearchParams();
  const idempotencyKey = useRef(newIdempotencyKey());
  const [instrumentKey, setInstrumentKey] = useState(() => {
    const wanted = params.get('instrument');
    return instruments.some((instrument) => instrument.key === wanted) ? wanted! : '';
  });
  const [timepoint, setTimepoint] = useState(params.get('timepoint') ?? '');
  const [completedOn, setCompletedOn] = useState(todayInLondon());
  const [answers, setAnswers] = useState<Answers>({});
  const [existingId, setExistingId] = useState<string>();
  const instrument = instruments.find((candidate) => candidate.key === instrumentKey);

  const fieldOrder = useMemo(
    () => [
      'instrumentKey',
      'timepoint',
      'completedOn',
      'answers',
      ...(instrument?.items.map((item) => `answers.${item.id}`) ?? []),
    ],
    [instrument],
  );
  const fieldIds = useMemo(
    () => ({
      instrumentKey: 'instrumentKey',
      timepoint: 'timepoint',
      answers: instrument?.items[0] ? answerFieldId(instrument.items[0].id) : 'instrumentKey',
      ...Object.fromEntries(
        instrument?.items.map((item) => [`answers.${item.id}`, answerFieldId(item.id)]) ?? [],
      ),
    }),
    [instrument],
  );
  const errors = useFormErrors(fieldOrder, fieldIds);
  const { isBusy, run } = useSubmit((error: unknown) => {
    const existing = alreadyRecordedId(error);
    setExistingId(existing);
    if (existing && instrument)
      errors.showFieldErrors({
        timepoint: text('record.alreadyRecorded', {
          name: instrumentName(instrument),
          timepoint: text(`timepoints.${timepoint}`),
        }),
      });
    else showServerProblem(errors, error, fieldOrder);
  });
  useEffect(() => onHasErrorsChange(errors.hasErrors), [errors.hasErrors, onHasErrorsChange]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    await run(async () => {
      // Every question is sent: an unanswered one as null, so the server can say what is missing.
      const sent: Answers = Object.fromEntries(
        (instrument?.items ?? []).map((item) => [item.id, answers[item.id] ?? null]),
      );
      const measure = await measuresApi.record(
        referralId,
        { instrumentKey, timepoint, completedOn, answers: sent },
        idempotencyKey.current,
      );
      errors.clear();
      onRecorded(measure);
    });
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      {existingId && (
        <InsetText>
          <p>
            <Link to={referralLink(referralId, `/measures/${existingId}/change`, reason)}>
              {text('record.changeExisting')}
            </Link>
          </p>
        </InsetText>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Radios
          id="instrumentKey"
          legend={text('record.instrumentLegend')}
          legendClass="nhsuk-fieldset__legend--m"
          error={errors.fieldError('instrumentKey')}
          value={instrumentKey}
          onChange={(key) => {
            setInstrumentKey(key);
            setAnswers({});
          }}
          options={instruments.map((candidate) => ({
            value: candidate.key,
            text: candidate.name,
            hint: candidate.description ?? undefined,
          }))}
        />
        <Radios
          id="timepoint"
          legend={text('record.timepointLegend')}
          legendClass="nhsuk-fieldset__legend--m"
          error={errors.fieldError('timepoint')}
          value={timepoint}
          onChange={setTimepoint}
          options={timepointOptions(text)}
        />
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
        {instrument ? (
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              <h2 className="nhsuk-fieldset__heading">{instrument.name}</h2>
            </legend>
            <p className="nhsuk-hint">{text('record.missingNote')}</p>
            <AnswerFields
              instrument={instrument}
              answers={answers}
              onChange={(itemId, value) => setAnswers((current) => ({ ...current, [itemId]: value }))}
              fieldError={errors.fieldError}
              text={text}
            />
          </fieldset>
        ) : (
          <p>{text('record.chooseFirst')}</p>
        )}
        <Button isBusy={isBusy}>{text('record.submit')}</Button>
      </form>
    </>
  );
}
