// The programme evaluation report (/evaluation/:programmeId?from=&to=): the period, the cohort,
// each outcome measure's paired change with its chart, GP and A&E use before and after with the
// "not causal" caveat, and the social-return calculator. Coordinators see every figure and may
// download the research export; commissioners see the suppressed aggregate view. Print CSS and a
// server-made PDF give the version to hand over.
import { useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Button } from '../../components/button';
import { InsetText, Loading, SummaryList } from '../../components/display';
import { ErrorSummary, type ErrorItem } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useSignedIn } from '../../session/session';
import { evaluationApi, type EvaluationResponse, type Period } from './evaluation-api';
import { Figure } from './evaluation-figures';
import { HealthUseSection } from './evaluation-health-use';
import { MeasureSection } from './evaluation-measure';
import { SocialReturnCalculator } from './evaluation-social-return';
import { useEvaluationText } from './evaluation-text';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function PeriodForm({
  report,
  onChange,
}: {
  report: EvaluationResponse | undefined;
  onChange: (period: Period) => void;
}) {
  const text = useEvaluationText();
  const [from, setFrom] = useState(report?.from ?? '');
  const [to, setTo] = useState(report?.to ?? '');
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const fieldError = (id: string) => errors.find((error) => error.fieldId === id)?.text;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: ErrorItem[] = [];
    if (!isoDate.test(from)) problems.push({ text: text('period.fromInvalid'), fieldId: 'period-from' });
    if (!isoDate.test(to)) problems.push({ text: text('period.toInvalid'), fieldId: 'period-to' });
    if (problems.length === 0 && from > to)
      problems.push({ text: text('period.order'), fieldId: 'period-from' });
    setErrors(problems);
    if (problems.length === 0) onChange({ from, to });
  };

  return (
    <form
      className="lw-no-print lw-period-form"
      onSubmit={submit}
      noValidate
      aria-label={text('period.formLabel')}
    >
      <ErrorSummary errors={errors} />
      <div className="lw-period-form__fields">
        <TextInput
          id="period-from"
          label={text('period.from')}
          type="date"
          value={from}
          onChange={setFrom}
          error={fieldError('period-from')}
        />
        <TextInput
          id="period-to"
          label={text('period.to')}
          type="date"
          value={to}
          onChange={setTo}
          error={fieldError('period-to')}
        />
      </div>
      <Button variant="secondary">{text('period.show')}</Button>
    </form>
  );
}

function Cohort({ report }: { report: EvaluationResponse }) {
  const text = useEvaluationText();
  const smallReason = text('figure.smallCountReason', { minimum: report.smallNumberMinimum });
  const count = (value: number | null) => <Figure value={value} reason={smallReason} format={String} />;
  // The first measure (SWEMWBS when used) gives baseline and follow-up counts for the summary.
  return (
    <section className="lw-evaluation-section" aria-labelledby="cohort-heading">
      <h2 className="nhsuk-heading-l" id="cohort-heading">
        {text('cohort.title')}
      </h2>
      <SummaryList
        rows={[
          { key: text('cohort.referrals'), value: count(report.cohort.referrals) },
          { key: text('cohort.people'), value: count(report.cohort.people) },
        ]}
      />
      {report.measures.length > 0 && (
        <div className="lw-table-scroll">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">
              {text('cohort.byMeasure')}
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  {text('cohort.measure')}
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  {text('cohort.due')}
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  {text('cohort.paired')}
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  {text('cohort.lost')}
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {report.measures.map((measure) => {
                const loss = measure.lossToFollowUp;
                return (
                  <tr className="nhsuk-table__row" key={measure.scoreId}>
                    <th scope="row" className="nhsuk-table__header">
                      {measure.label}
                    </th>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                      <Figure value={loss.eligible} reason={loss.reasons.eligible} format={String} />
                    </td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                      <Figure value={loss.paired} reason={loss.reasons.paired} format={String} />
                    </td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                      <Figure value={loss.lost} reason={loss.reasons.lost} format={String} />
                      {loss.isLarge && <strong className="lw-large-loss"> {text('cohort.largeLoss')}</strong>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function EvaluationReportPage() {
  const text = useEvaluationText();
  const { user } = useSignedIn();
  const { programmeId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const period: Period = {
    from: searchParams.get('from') ?? undefined,
    to: searchParams.get('to') ?? undefined,
  };
  const data = useApiData(
    () => evaluationApi.report(programmeId, period),
    [programmeId, period.from, period.to],
  );
  const report = data.data;
  const isCommissioner = user.role === 'commissioner';
  const shownPeriod: Period = report ? { from: report.from, to: report.to } : period;

  return (
    <Page
      title={
        report ? text('report.title', { programme: report.programme.name }) : text('report.loadingTitle')
      }
      breadcrumbs={isCommissioner ? [{ to: '/evaluation', text: text('list.title') }] : undefined}
    >
      {data.isLoading && !report && <Loading />}
      {Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
      {report && (
        <>
          <p className="nhsuk-lede-text">{text('report.period', { from: report.from, to: report.to })}</p>
          {report.view === 'aggregate' && (
            <InsetText>{text('report.aggregate', { minimum: report.smallNumberMinimum })}</InsetText>
          )}
          <PeriodForm
            key={`${report.from}/${report.to}`}
            report={report}
            onChange={(next) => setSearchParams({ from: next.from ?? '', to: next.to ?? '' })}
          />
          <ul className="nhsuk-list lw-evaluation-actions lw-no-print">
            <li>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                onClick={() => window.print()}
              >
                {text('report.print')}
              </button>
            </li>
            <li>
              <a href={evaluationApi.pdfUrl(programmeId, shownPeriod)} download>
                {text('report.downloadPdf')}
              </a>
            </li>
            {report.view === 'full' && (
              <li>
                <a href={evaluationApi.researchExportUrl(programmeId, shownPeriod)} download>
                  {text('report.downloadCsv')}
                </a>
              </li>
            )}
          </ul>
          <p className="lw-print-only nhsuk-body-s">
            {text('report.printedOn', { date: new Date().toISOString().slice(0, 10) })}
          </p>
          <Cohort report={report} />
          <section className="lw-evaluation-section" aria-labelledby="measures-heading">
            <h2 className="nhsuk-heading-l" id="measures-heading">
              {text('measures.title')}
            </h2>
            <p>{text('measures.intro')}</p>
            {report.measures.length === 0 && <p>{text('measures.none')}</p>}
            {report.measures.map((measure) => (
              <MeasureSection measure={measure} key={measure.scoreId} />
            ))}
          </section>
          <HealthUseSection healthUse={report.healthServiceUse} />
          <SocialReturnCalculator
            key={`${report.from}/${report.to}`}
            programmeId={programmeId}
            period={shownPeriod}
          />
        </>
      )}
    </Page>
  );
}
