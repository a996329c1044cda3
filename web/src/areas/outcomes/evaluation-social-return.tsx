// The social-return calculator: every assumption is a field holding its cited default, shown with
// its source, year and basis; "Calculate" asks the server, and the result sits beside the
// assumptions with the caveats it comes with. A changed value is sent as a local figure, since it
// no longer rests on the published source.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../components/button';
import { Loading, SummaryList, Table } from '../../components/display';
import { ErrorSummary, type ErrorItem } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { useApiData } from '../../hooks/use-api-data';
import { useSubmit } from '../../hooks/use-submit';
import { ApiError } from '../../api/client';
import {
  assumptionNames,
  evaluationApi,
  type Assumption,
  type AssumptionName,
  type Period,
  type SocialReturnRequest,
  type SocialReturnResponse,
} from './evaluation-api';
import { useEvaluationText, useNumberFormats } from './evaluation-text';

type Values = Record<AssumptionName | 'programmeCost', string>;
const thisYear = String(new Date().getFullYear());

function AssumptionSource({ assumption }: { assumption: Assumption }) {
  const text = useEvaluationText();
  return (
    <p className="nhsuk-body-s lw-assumption-source">
      {text('calculator.source')}{' '}
      {assumption.url ? (
        <a href={assumption.url} rel="noreferrer">
          {assumption.source}
        </a>
      ) : (
        assumption.source
      )}{' '}
      ({text('calculator.year', { year: assumption.year })}; {text(`calculator.basis.${assumption.basis}`)})
      {assumption.note && <span className="lw-assumption-note"> {assumption.note}</span>}
    </p>
  );
}

function Result({ response }: { response: SocialReturnResponse }) {
  const text = useEvaluationText();
  const number = useNumberFormats();
  const { result } = response;
  if (!result) {
    return (
      <p>
        <strong>{text('figure.fewerThan', { minimum: 5 })}</strong>:{' '}
        {text('calculator.suppressed', { reason: response.suppressedBecause ?? '' })}
      </p>
    );
  }
  const components = [
    result.components.gpAppointments,
    result.components.aeAttendances,
    ...(result.components.wellbeing ? [result.components.wellbeing] : []),
  ];
  return (
    <>
      <SummaryList
        rows={[
          { key: text('calculator.totalValue'), value: number.money(result.totalValue) },
          {
            key: text('calculator.programmeCost'),
            value:
              result.programmeCost === 0
                ? text('calculator.costNotEntered')
                : number.money(result.programmeCost),
          },
          {
            key: text('calculator.ratio'),
            value:
              result.ratio === null ? text('calculator.ratioNeedsCost') : `£${number.decimal(result.ratio)}`,
          },
        ]}
      />
      <Table
        caption={text('calculator.componentsCaption')}
        rows={components}
        rowKey={(component) => component.label}
        columns={[
          { header: text('calculator.component'), cell: (component) => component.label },
          {
            header: text('calculator.value'),
            cell: (component) => number.money(component.value),
            isNumeric: true,
          },
          { header: text('calculator.working'), cell: (component) => component.working },
        ]}
      />
      {/* On paper the form is hidden, so the assumptions print with the result they produced. */}
      <div className="lw-print-only">
        <h4 className="nhsuk-heading-s">{text('calculator.assumptionsUsed')}</h4>
        <ul className="nhsuk-list">
          {Object.entries(result.assumptions).map(([name, assumption]) => (
            <li key={name}>
              <strong>
                {text(`calculator.label.${name}`)}: {assumption.value} {assumption.unit}
              </strong>
              <AssumptionSource assumption={assumption} />
            </li>
          ))}
        </ul>
      </div>
      <h4 className="nhsuk-heading-s">{text('calculator.caveats')}</h4>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {result.caveats.map((caveat) => (
          <li key={caveat}>{caveat}</li>
        ))}
      </ul>
    </>
  );
}

export function SocialReturnCalculator({ programmeId, period }: { programmeId: string; period: Period }) {
  const text = useEvaluationText();
  const defaults = useApiData(() => evaluationApi.defaults(), []);
  const [values, setValues] = useState<Values | undefined>();
  const [windowMonths, setWindowMonths] = useState<3 | 6>(6);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [response, setResponse] = useState<SocialReturnResponse | undefined>();
  const { isBusy, run } = useSubmit((error: unknown) => {
    const detail =
      error instanceof ApiError ? (error.problem.errors?.[0]?.detail ?? error.message) : undefined;
    setErrors([{ text: detail ?? text('calculator.failed') }]);
  });
  const hasCalculated = useRef(false);

  const calculate = async (current: Values, months: 3 | 6) => {
    const published = defaults.data?.assumptions;
    if (!published) return;
    const problems: Record<string, string> = {};
    const numberOf = (name: keyof Values): number => {
      const raw = current[name].trim();
      if (name === 'programmeCost' && raw === '') return 0;
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value)) problems[name] = text('calculator.enterNumber');
      return value;
    };
    const assumptions: SocialReturnRequest['assumptions'] = {};
    for (const name of assumptionNames) {
      const value = numberOf(name);
      if (value !== published[name].value) {
        assumptions[name] = {
          ...published[name],
          value,
          source: text('calculator.localSource', { value: published[name].value }),
          url: null,
          year: thisYear,
          basis: 'local',
          note: undefined,
        };
      }
    }
    const cost = numberOf('programmeCost');
    setFieldErrors(problems);
    const order: (keyof Values)[] = ['programmeCost', ...assumptionNames];
    const problemItems = order
      .filter((name) => problems[name])
      .map((name) => ({
        text: `${text(`calculator.label.${name}`)}: ${problems[name]}`,
        fieldId: `sroi-${name}`,
      }));
    setErrors(problemItems);
    if (problemItems.length > 0) return;
    await run(
      () =>
        evaluationApi.socialReturn(programmeId, {
          ...period,
          windowMonths: months,
          wellbeing: 'life-satisfaction',
          programmeCost: {
            value: cost,
            unit: 'GBP',
            source: text('calculator.costSource'),
            url: null,
            year: thisYear,
            basis: 'local',
          },
          assumptions,
        }),
      setResponse,
    );
  };

  // Start from the published defaults and show their result straight away.
  useEffect(() => {
    const published = defaults.data?.assumptions;
    if (!published || hasCalculated.current) return;
    hasCalculated.current = true;
    const initial = { programmeCost: '' } as Values;
    for (const name of assumptionNames) initial[name] = String(published[name].value);
    setValues(initial);
    void calculate(initial, windowMonths);
  }, [defaults.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (values) void calculate(values, windowMonths);
  };

  return (
    <section className="lw-evaluation-section" aria-labelledby="sroi-heading">
      <h2 className="nhsuk-heading-l" id="sroi-heading">
        {text('calculator.title')}
      </h2>
      <p>{text('calculator.intro')}</p>
      {defaults.isLoading && <Loading />}
      {Boolean(defaults.error) && <LoadError error={defaults.error} onRetry={defaults.reload} />}
      {values && defaults.data && (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half lw-no-print">
            <ErrorSummary errors={errors} />
            <form onSubmit={submit} noValidate aria-label={text('calculator.formLabel')}>
              <div className="nhsuk-form-group">
                <fieldset className="nhsuk-fieldset">
                  <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                    {text('calculator.window')}
                  </legend>
                  <div className="nhsuk-radios nhsuk-radios--inline">
                    {([3, 6] as const).map((months) => (
                      <div className="nhsuk-radios__item" key={months}>
                        <input
                          className="nhsuk-radios__input"
                          id={`sroi-window-${months}`}
                          name="sroi-window"
                          type="radio"
                          checked={windowMonths === months}
                          onChange={() => setWindowMonths(months)}
                        />
                        <label className="nhsuk-label nhsuk-radios__label" htmlFor={`sroi-window-${months}`}>
                          {text('calculator.months', { months })}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
              <TextInput
                id="sroi-programmeCost"
                label={text('calculator.label.programmeCost')}
                hint={text('calculator.programmeCostHint')}
                value={values.programmeCost}
                onChange={(value) => setValues({ ...values, programmeCost: value })}
                error={fieldErrors.programmeCost}
                width={10}
                inputProps={{ inputMode: 'decimal', autoComplete: 'off' }}
              />
              {assumptionNames.map((name) => {
                const assumption = defaults.data!.assumptions[name];
                const isChanged = values[name].trim() !== String(assumption.value);
                return (
                  <div className="lw-assumption" key={name}>
                    <TextInput
                      id={`sroi-${name}`}
                      label={text(`calculator.label.${name}`)}
                      hint={`${assumption.unit}. ${text('calculator.default', { value: assumption.value })}${isChanged ? ` ${text('calculator.changed')}` : ''}`}
                      value={values[name]}
                      onChange={(value) => setValues({ ...values, [name]: value })}
                      error={fieldErrors[name]}
                      width={10}
                      inputProps={{ inputMode: 'decimal', autoComplete: 'off' }}
                    />
                    <AssumptionSource assumption={assumption} />
                  </div>
                );
              })}
              <Button isBusy={isBusy}>{text('calculator.calculate')}</Button>
            </form>
          </div>
          <div className="nhsuk-grid-column-one-half">
            <div className="lw-sroi-result" aria-live="polite" aria-busy={isBusy || undefined}>
              <h3 className="nhsuk-heading-m">{text('calculator.resultTitle')}</h3>
              {response ? <Result response={response} /> : <Loading />}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
