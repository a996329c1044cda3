// Health-service use (/casework/referrals/:id/health-use): GP appointments and A&E attendances in
// the 3 and 6 months before and after the referral, from the person or the practice's records. An
// "after" window can be counted only once it has ended. The counts are observational, and the
// page says so before anything else.
import { addMonths } from 'date-fns';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { referralLink, type ReferralRecord } from '../../api/casework';
import { Button } from '../../components/button';
import { InsetText, Loading, NotificationBanner, WarningCallout } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Radios, TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { formatDay } from '../../i18n';
import { personNameOf } from '../casework/shared';
import { ReferralGate, useReferralCase } from '../casework/use-referral';
import {
  measuresApi,
  todayInLondon,
  type HealthUse,
  type HealthUseEntry,
  type HealthUseSource,
  type Period,
  type WindowMonths,
} from './measures-api';
import { showServerProblem, useMeasuresText } from './measures-shared';
import './measures.scss';

const windows: { period: Period; windowMonths: WindowMonths }[] = [
  { period: 'before', windowMonths: 3 },
  { period: 'before', windowMonths: 6 },
  { period: 'after', windowMonths: 3 },
  { period: 'after', windowMonths: 6 },
];
const slotOf = (entry: { period: Period; windowMonths: number }) => `${entry.period}-${entry.windowMonths}`;
const counts = ['gpAppointments', 'aeAttendances'] as const;
type CountField = (typeof counts)[number];
const inputId = (slot: string, field: CountField) => `${slot}-${field}`;

function shiftDate(date: string, months: number): string {
  return addMonths(new Date(`${date}T12:00:00Z`), months)
    .toISOString()
    .slice(0, 10);
}

/** A window's first and last day, as the server counts them (src/outcomes/health-use/rules.ts). */
function windowDates(receivedOn: string, period: Period, months: number) {
  return period === 'after'
    ? { from: receivedOn, to: shiftDate(receivedOn, months) }
    : { from: shiftDate(receivedOn, -months), to: receivedOn };
}

export function HealthUsePage() {
  const text = useMeasuresText();
  const referralCase = useReferralCase();
  return (
    <ReferralGate referralCase={referralCase} title={text('healthUse.title')}>
      {(record) => <HealthUseView record={record} reason={referralCase.reason} />}
    </ReferralGate>
  );
}

function HealthUseView({ record, reason }: { record: ReferralRecord; reason: string | undefined }) {
  const text = useMeasuresText();
  const data = useApiData(() => measuresApi.healthUse(record.id, reason), [record.id, reason]);
  const [message, setMessage] = useState<string>();
  const [formNumber, setFormNumber] = useState(0);
  const [hasErrors, setHasErrors] = useState(false);
  const name = personNameOf(record.person);
  const recordLink = referralLink(record.id, '', reason);
  return (
    <Page
      title={text('healthUse.title')}
      caption={text('record.caption', { name, reference: record.reference })}
      breadcrumbs={[
        { to: '/casework/caseload', text: text('common.caseload') },
        { to: recordLink, text: name },
      ]}
      width="two-thirds"
      hasErrors={hasErrors}
    >
      {message && <NotificationBanner isSuccess>{message}</NotificationBanner>}
      {data.isLoading && !data.data && <Loading />}
      {Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
      {data.data && (
        <>
          <WarningCallout heading={text('healthUse.caveatTitle')}>
            <p>{data.data.caveat}</p>
          </WarningCallout>
          <HealthUseForm
            key={`${formNumber}-${data.data.version}`}
            referralId={record.id}
            healthUse={data.data}
            onHasErrorsChange={setHasErrors}
            onSaved={() => {
              setMessage(text('healthUse.saved'));
              setFormNumber((number) => number + 1);
              data.reload();
            }}
          />
        </>
      )}
    </Page>
  );
}

function HealthUseForm({
  referralId,
  healthUse,
  onSaved,
  onHasErrorsChange,
}: {
  referralId: string;
  healthUse: HealthUse;
  onSaved: () => void;
  onHasErrorsChange: (hasErrors: boolean) => void;
}) {
  const text = useMeasuresText();
  const today = todayInLondon();
  const stored = new Map(healthUse.entries.map((entry) => [slotOf(entry), entry]));
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      windows.flatMap((window) =>
        counts.map((field) => {
          const value = stored.get(slotOf(window))?.[field];
          return [inputId(slotOf(window), field), value === null || value === undefined ? '' : String(value)];
        }),
      ),
    ),
  );
  const [source, setSource] = useState<string>(healthUse.entries[0]?.source ?? 'link_worker');
  const open = windows.filter(
    (window) =>
      window.period === 'before' ||
      windowDates(healthUse.receivedOn, window.period, window.windowMonths).to <= today,
  );
  const fieldOrder = useMemo(
    () => ['source', ...windows.flatMap((window) => counts.map((field) => inputId(slotOf(window), field)))],
    [],
  );
  const errors = useFormErrors(fieldOrder);
  const { isBusy, run } = useSubmit((error: unknown) => showServerProblem(errors, error, fieldOrder));
  useEffect(() => onHasErrorsChange(errors.hasErrors), [errors.hasErrors, onHasErrorsChange]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    const entries: HealthUseEntry[] = [];
    const invalid: Record<string, string> = {};
    for (const window of open) {
      const slot = slotOf(window);
      const parsed = counts.map((field) => {
        const raw = (values[inputId(slot, field)] ?? '').trim();
        if (raw === '') return null;
        const number = Number(raw);
        if (!Number.isInteger(number) || number < 0)
          invalid[inputId(slot, field)] = text('healthUse.wholeNumber');
        return number;
      });
      // A window is sent when it has a count, or had one before (so emptying it clears it).
      if (parsed.some((value) => value !== null) || stored.has(slot))
        entries.push({ ...window, gpAppointments: parsed[0] ?? null, aeAttendances: parsed[1] ?? null });
    }
    if (Object.keys(invalid).length > 0) return errors.showFieldErrors(invalid);
    if (entries.length === 0)
      return errors.showFieldErrors({ [inputId('before-3', 'gpAppointments')]: text('healthUse.nothing') });
    await run(
      () =>
        measuresApi.saveHealthUse(referralId, {
          entries,
          source: source as HealthUseSource,
          ...(healthUse.entries.length > 0 ? { version: healthUse.version } : {}),
        }),
      () => {
        errors.clear();
        onSaved();
      },
      // The server names entries by their place in the list sent; map them back to the inputs.
      (error) => showServerProblem(errors, renameEntryErrors(error, entries), fieldOrder),
    );
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Radios
          id="source"
          legend={text('healthUse.sourceLegend')}
          error={errors.fieldError('source')}
          value={source}
          onChange={setSource}
          options={[
            { value: 'link_worker', text: text('healthUse.source.link_worker') },
            { value: 'practice', text: text('healthUse.source.practice') },
          ]}
        />
        {windows.map((window) => {
          const slot = slotOf(window);
          const { from, to } = windowDates(healthUse.receivedOn, window.period, window.windowMonths);
          const legend = text(`healthUse.window.${window.period}`, { months: window.windowMonths });
          const dates = text('healthUse.dates', { from: formatDay(from), to: formatDay(to) });
          const isOpen = open.includes(window);
          return (
            <fieldset className="nhsuk-fieldset" key={slot} aria-describedby={`${slot}-dates`}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{legend}</legend>
              <p className="nhsuk-hint" id={`${slot}-dates`}>
                {dates}
              </p>
              {isOpen ? (
                counts.map((field) => (
                  <TextInput
                    key={field}
                    id={inputId(slot, field)}
                    label={text(`healthUse.${field}`)}
                    width={3}
                    value={values[inputId(slot, field)] ?? ''}
                    onChange={(value) =>
                      setValues((current) => ({ ...current, [inputId(slot, field)]: value }))
                    }
                    error={errors.fieldError(inputId(slot, field))}
                    inputProps={{ inputMode: 'numeric', autoComplete: 'off' }}
                  />
                ))
              ) : (
                <InsetText>
                  <p>{text('healthUse.notYet', { date: formatDay(to) })}</p>
                </InsetText>
              )}
            </fieldset>
          );
        })}
        <Button isBusy={isBusy}>{text('healthUse.submit')}</Button>
      </form>
    </>
  );
}

/** `entries.2.gpAppointments` → the input of the window that was third in the list sent. */
function renameEntryErrors(error: unknown, sent: HealthUseEntry[]): unknown {
  if (!(error instanceof Object) || !('problem' in error)) return error;
  const problem = (error as { problem: { errors?: { field: string; detail: string }[] } }).problem;
  for (const fieldError of problem.errors ?? []) {
    const match = /^entries\.(\d+)(?:\.(\w+))?$/.exec(fieldError.field);
    const entry = match ? sent[Number(match[1])] : undefined;
    if (!match || !entry) continue;
    const field = match[2] === 'aeAttendances' ? 'aeAttendances' : 'gpAppointments';
    fieldError.field = inputId(slotOf(entry), field);
  }
  return error;
}
