// The page a person opens from their single-use link (/m/:token): no account, phone first. One
// questionnaire per step ("Question set 1 of 2"), then "check your answers", then one submission
// of everything. The step lives in the address (?step=2, ?step=check) so the browser's back button
// goes back a step; the answers live only in this page's memory, never in storage, because the
// phone may be shared.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Button } from '../../components/button';
import { InsetText, Loading } from '../../components/display';
import { ErrorSummary, type ErrorItem } from '../../components/error-summary';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useSubmit } from '../../hooks/use-submit';
import { localeFor } from '../../i18n';
import { CheckAnswers, endedTitleKey, LinkEnded, ThankYou } from './self-completion-check';
import {
  answerFieldId,
  answersToSend,
  endedReasonOf,
  findUnanswered,
  placeServerErrors,
  selfCompletionApi,
  useSelfCompletionText,
  type AnswerDraft,
  type EndedReason,
  type LinkInstrument,
  type OpenedLink,
  type SelfCompletionText,
} from './self-completion-model';
import { InstrumentQuestions } from './self-completion-questions';
import './self-completion.scss';

type Errors = { fields: Record<string, string>; general: string[] };
const noErrors: Errors = { fields: {}, general: [] };

/** About twenty seconds a question, and never "about 1 minute": it always takes a little longer. */
const minutesFor = (instruments: LinkInstrument[]) =>
  Math.max(2, Math.ceil(instruments.reduce((sum, instrument) => sum + instrument.items.length, 0) / 3));

export function SelfCompletionPage() {
  const { token = '' } = useParams();
  const text = useSelfCompletionText();
  const link = useApiData(() => selfCompletionApi.open(token), [token]);
  const [sentReason, setSentReason] = useState<EndedReason | 'sent' | undefined>();

  const loadEnded = endedReasonOf(link.error);
  if (sentReason === 'sent')
    return (
      <Page title={text('thankYouTitle')} width="two-thirds">
        <ThankYou text={text} />
      </Page>
    );
  const ended = sentReason ?? loadEnded;
  if (ended)
    return (
      <Page title={text(endedTitleKey(ended))} width="two-thirds">
        <LinkEnded reason={ended} text={text} />
      </Page>
    );
  if (!link.data)
    return (
      <Page title={text('loadingTitle')} width="two-thirds">
        {link.isLoading && <Loading />}
        {Boolean(link.error) && <LoadError error={link.error} onRetry={link.reload} />}
      </Page>
    );
  return <LinkSteps token={token} opened={link.data} text={text} onSent={setSentReason} />;
}

function LinkSteps({
  token,
  opened,
  text,
  onSent,
}: {
  token: string;
  opened: OpenedLink;
  text: SelfCompletionText;
  onSent: (outcome: EndedReason | 'sent') => void;
}) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [draft, setDraft] = useState<AnswerDraft>({});
  const [errors, setErrors] = useState<Errors>(noErrors);
  const { instruments, programmeName } = opened;
  const setCount = instruments.length;

  const stepParam = searchParams.get('step');
  const isChecking = stepParam === 'check';
  const setIndex = isChecking ? -1 : Math.min(Math.max(Number(stepParam ?? '1') || 1, 1), setCount) - 1;
  const instrument = instruments[setIndex];
  const stepTo = (step: number | 'check') => `?step=${step}`;

  // "Change" on the check page names the answer to focus once its set is shown again.
  const focusFieldId = (location.state as { focusFieldId?: string } | null)?.focusFieldId;
  useEffect(() => {
    if (!focusFieldId) return;
    const field = document.getElementById(focusFieldId);
    field?.closest('fieldset')?.scrollIntoView();
    field?.focus({ preventScroll: true });
  }, [focusFieldId, stepParam]);

  const unansweredMessage = (number: number) => text('unanswered', { number });
  const firstIncompleteSet = instruments.findIndex(
    (each) => Object.keys(findUnanswered(each, draft, unansweredMessage)).length > 0,
  );

  const summary: ErrorItem[] = useMemo(() => {
    const onThisStep = instrument
      ? instrument.items
          .map((item) => answerFieldId(instrument.key, item.id))
          .filter((fieldId) => errors.fields[fieldId])
          .map((fieldId) => ({ text: errors.fields[fieldId]!, fieldId }))
      : [];
    return [...errors.general.map((message) => ({ text: message })), ...onThisStep];
  }, [errors, instrument]);

  const answer = (instrumentKey: string, itemId: string, value: string) => {
    setDraft((current) => ({ ...current, [instrumentKey]: { ...current[instrumentKey], [itemId]: value } }));
    const fieldId = answerFieldId(instrumentKey, itemId);
    if (errors.fields[fieldId])
      setErrors((current) => {
        const fields = { ...current.fields };
        delete fields[fieldId];
        return { ...current, fields };
      });
  };

  const goOn = (event: FormEvent) => {
    event.preventDefault();
    if (!instrument) return;
    const unanswered = findUnanswered(instrument, draft, unansweredMessage);
    if (Object.keys(unanswered).length > 0) {
      setErrors({ fields: unanswered, general: [] });
      return;
    }
    setErrors(noErrors);
    void navigate(setIndex + 1 < setCount ? stepTo(setIndex + 2) : stepTo('check'));
  };

  const { isBusy: isSending, run } = useSubmit((error: unknown) => {
    const ended = endedReasonOf(error);
    if (ended) onSent(ended);
    else if (error instanceof ApiError && error.status === 400) {
      const placed = placeServerErrors(instruments, error);
      setErrors({ fields: placed.fields, general: placed.general });
      if (Object.keys(placed.fields).length > 0) void navigate(stepTo(placed.firstSet + 1));
    } else setErrors({ fields: {}, general: [describeFailure(error, t as unknown as Translate)] });
  });

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (isSending) return;
    setErrors(noErrors);
    await run(
      () => selfCompletionApi.submit(token, answersToSend(instruments, draft)),
      () => onSent('sent'),
    );
  };

  if (isChecking) {
    // Reached without every answer (a reload forgets them, or a typed address): back to the gap.
    if (firstIncompleteSet >= 0) return <Navigate to={stepTo(firstIncompleteSet + 1)} replace />;
    return (
      <Page
        key="check"
        title={text('checkTitle')}
        caption={programmeName}
        backLink={{ to: stepTo(setCount), text: text('back') }}
        hasErrors={summary.length > 0}
        width="two-thirds"
      >
        <ErrorSummary errors={summary} />
        <CheckAnswers
          instruments={instruments}
          draft={draft}
          linkToSet={(index) => stepTo(index + 1)}
          text={text}
        />
        <h2 className="nhsuk-heading-m">{text('sendHeading')}</h2>
        <p>{text('sendText', { programme: programmeName })}</p>
        <form noValidate onSubmit={(event) => void send(event)}>
          <Button isBusy={isSending}>{isSending ? text('sending') : text('send')}</Button>
        </form>
      </Page>
    );
  }

  if (!instrument) return null;
  const expires = new Intl.DateTimeFormat(localeFor(i18n.language), { dateStyle: 'long' }).format(
    new Date(opened.expiresAt),
  );
  return (
    <Page
      key={`set-${setIndex}`}
      title={instrument.name}
      caption={setCount > 1 ? text('setProgress', { number: setIndex + 1, count: setCount }) : programmeName}
      backLink={setIndex > 0 ? { to: stepTo(setIndex), text: text('back') } : undefined}
      hasErrors={summary.length > 0}
      width="two-thirds"
    >
      <ErrorSummary errors={summary} />
      {setIndex === 0 && (
        <>
          <p className="nhsuk-body-l">
            {opened.firstName ? text('greeting', { firstName: opened.firstName }) : text('greetingNoName')}
          </p>
          <p>{text('intro', { programme: programmeName })}</p>
          <InsetText>
            <p>{text('duration', { count: minutesFor(instruments) })}</p>
            <p>{text('whoSees')}</p>
            <p>{text('linkWorksUntil', { date: expires })}</p>
          </InsetText>
        </>
      )}
      <form noValidate onSubmit={goOn}>
        <InstrumentQuestions
          instrument={instrument}
          answers={draft[instrument.key] ?? {}}
          onAnswer={(itemId, value) => answer(instrument.key, itemId, value)}
          errors={errors.fields}
          text={text}
        />
        <Button>{text('continue')}</Button>
      </form>
    </Page>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

function describeFailure(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  if (error.status === 0) return t('errors.network');
  if (error.status >= 500) return t('errors.server', { reference: error.problem.requestId ?? '' });
  return error.problem.detail ?? error.problem.title;
}
