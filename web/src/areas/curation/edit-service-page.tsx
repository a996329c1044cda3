// Editing a service (/curation/services/:id/edit): the fields providers change most. The form
// starts from the complete published service and sends it all back with the version it was based
// on; the answer says whether the change is live or waits for a curator.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { curation, type PublishResult, type WeeklyOpening } from '../../api/directory';
import { Button } from '../../components/button';
import { Loading, NotificationBanner } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Checkbox, Checkboxes, Select, TextInput, Textarea } from '../../components/fields';
import { LoadLatestButton } from '../../components/load-latest-button';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { loadEditableService, type EditableService } from './shared';

const fields = [
  'name',
  'description',
  'howToAccess',
  'eligibilityDescription',
  'minimumAge',
  'maximumAge',
  'isFree',
  'feesDescription',
  'deliveryModes',
  'isAcceptingReferrals',
  'acceptsWaitingList',
  'waitingTimeDays',
  'placesAvailable',
  'schedules',
  'summary',
] as const;
const fieldIds = { schedules: 'schedule-1-byday' };

const deliveryModes = ['in_person', 'telephone', 'online', 'home_visit'] as const;
const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

type Row = { key: number; byday: string; opensAt: string; closesAt: string; rest: Partial<WeeklyOpening> };

export function EditServicePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [knownVersion, setKnownVersion] = useState<number | undefined>();
  const service = useApiData(() => loadEditableService(id, knownVersion), [id, knownVersion]);
  const crumbs = [{ to: '/curation/services', text: t('curation.services.title') }];
  if (!service.data || service.isLoading) {
    return (
      <Page title={t('curation.edit.loadingTitle')} breadcrumbs={crumbs}>
        {service.error ? <LoadError error={service.error} onRetry={service.reload} /> : <Loading />}
      </Page>
    );
  }
  return (
    <EditServiceForm
      key={`${id}-${service.data.version}-${knownVersion ?? ''}`}
      service={service.data}
      onReload={(version) => {
        if (version === undefined || version === knownVersion) service.reload();
        else setKnownVersion(version);
      }}
    />
  );
}

const numberText = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

function EditServiceForm({
  service,
  onReload,
}: {
  service: EditableService;
  onReload: (version: number | undefined) => void;
}) {
  const { t } = useTranslation();
  const { input, detail } = service;
  const [name, setName] = useState(input.name);
  const [description, setDescription] = useState(input.description ?? '');
  const [howToAccess, setHowToAccess] = useState(input.howToAccess ?? '');
  const [eligibility, setEligibility] = useState(input.eligibilityDescription ?? '');
  const [minimumAge, setMinimumAge] = useState(numberText(input.minimumAge));
  const [maximumAge, setMaximumAge] = useState(numberText(input.maximumAge));
  const [isFree, setIsFree] = useState(input.isFree ?? true);
  const [fees, setFees] = useState(input.feesDescription ?? '');
  const [modes, setModes] = useState<string[]>(input.deliveryModes ?? []);
  const [isAccepting, setIsAccepting] = useState(input.isAcceptingReferrals ?? true);
  const [hasWaitingList, setHasWaitingList] = useState(input.acceptsWaitingList ?? false);
  const [waitingTime, setWaitingTime] = useState(numberText(input.waitingTimeDays));
  const [places, setPlaces] = useState(numberText(input.placesAvailable));
  const [rows, setRows] = useState<Row[]>(() =>
    (input.schedules ?? []).map(({ byday, opensAt, closesAt, ...rest }, index) => ({
      key: index,
      byday,
      opensAt: opensAt.slice(0, 5),
      closesAt: closesAt.slice(0, 5),
      rest,
    })),
  );
  const [nextKey, setNextKey] = useState((input.schedules ?? []).length);
  const [summary, setSummary] = useState('');
  const [conflictVersion, setConflictVersion] = useState<number | null | undefined>();
  const [result, setResult] = useState<PublishResult | undefined>();
  const form = useFormErrors(fields, fieldIds);
  const { isBusy, run } = useSubmit((error: unknown) => {
    if (error instanceof ApiError && error.status === 409) {
      const current = error.problem.currentVersion;
      setConflictVersion(typeof current === 'number' ? current : null);
      form.showFieldErrors({});
    } else {
      form.showApiError(error);
    }
  });

  const updateRow = (key: number, change: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const wholeNumber = (value: string): number | null | 'invalid' => {
    if (!value.trim()) return null;
    return /^\d+$/.test(value.trim()) ? Number(value.trim()) : 'invalid';
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t('curation.edit.errors.nameMissing');
    const min = wholeNumber(minimumAge);
    const max = wholeNumber(maximumAge);
    const waiting = wholeNumber(waitingTime);
    const placesNumber = wholeNumber(places);
    if (min === 'invalid') problems.minimumAge = t('curation.edit.errors.ageNotNumber');
    if (max === 'invalid') problems.maximumAge = t('curation.edit.errors.ageNotNumber');
    if (typeof min === 'number' && typeof max === 'number' && min > max)
      problems.maximumAge = t('curation.edit.errors.ageOrder');
    if (waiting === 'invalid') problems.waitingTimeDays = t('curation.edit.errors.numberInvalid');
    if (placesNumber === 'invalid') problems.placesAvailable = t('curation.edit.errors.numberInvalid');
    if (
      rows.some(
        (row) =>
          !timePattern.test(row.opensAt) || !timePattern.test(row.closesAt) || row.closesAt <= row.opensAt,
      )
    )
      problems.schedules = t('curation.edit.errors.timeInvalid');
    if (Object.keys(problems).length) return form.showFieldErrors(problems);
    const number = (value: number | null | 'invalid') => (value === 'invalid' ? null : value);
    setConflictVersion(undefined);
    await run(
      () =>
        curation.update(detail.id, {
          ...input,
          name: name.trim(),
          description: description.trim(),
          howToAccess: howToAccess.trim() || null,
          eligibilityDescription: eligibility.trim() || null,
          minimumAge: number(min),
          maximumAge: number(max),
          isFree,
          feesDescription: isFree ? null : fees.trim() || null,
          deliveryModes: modes,
          isAcceptingReferrals: isAccepting,
          acceptsWaitingList: hasWaitingList,
          waitingTimeDays: number(waiting),
          placesAvailable: number(placesNumber),
          schedules: rows.map((row) => ({
            ...row.rest,
            byday: row.byday,
            opensAt: row.opensAt,
            closesAt: row.closesAt,
          })),
          version: service.version,
          ...(summary.trim() ? { summary: summary.trim() } : {}),
        }),
      (answer) => {
        form.clear();
        setResult(answer);
      },
    );
  };

  const title = t('curation.edit.title', { name: detail.name });
  const crumbs = [{ to: '/curation/services', text: t('curation.services.title') }];

  if (result) {
    const isPending = result.status === 'pending';
    return (
      <Page title={title} breadcrumbs={crumbs} width="two-thirds">
        <NotificationBanner
          isSuccess
          title={isPending ? t('curation.edit.pendingTitle') : t('curation.edit.liveTitle')}
        >
          <p className="nhsuk-notification-banner__heading">
            {isPending ? t('curation.edit.pendingTitle') : t('curation.edit.liveTitle')}
          </p>
          <p>{isPending ? t('curation.edit.pendingBody') : t('curation.edit.liveBody')}</p>
        </NotificationBanner>
        <ul className="nhsuk-list">
          <li>
            <Link to="/curation/services">{t('curation.edit.backToServices')}</Link>
          </li>
          <li>
            <Link to={`/curation/services/${detail.id}/history`}>{t('curation.edit.viewHistory')}</Link>
          </li>
        </ul>
      </Page>
    );
  }

  const conflict = conflictVersion !== undefined;
  return (
    <Page title={title} breadcrumbs={crumbs} width="two-thirds" hasErrors={form.hasErrors || conflict}>
      <ErrorSummary
        errors={conflict ? [{ text: t('curation.edit.conflict') }, ...form.summary] : form.summary}
      />
      {conflict && <LoadLatestButton onReload={() => onReload(conflictVersion ?? undefined)} />}
      <p>{t('curation.edit.intro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput
          id="name"
          label={t('curation.edit.name')}
          value={name}
          onChange={setName}
          error={form.fieldError('name')}
        />
        <Textarea
          id="description"
          label={t('curation.edit.description')}
          hint={t('curation.edit.descriptionHint')}
          value={description}
          onChange={setDescription}
          rows={6}
          error={form.fieldError('description')}
        />
        <Textarea
          id="howToAccess"
          label={t('curation.edit.howToAccess')}
          hint={t('curation.edit.howToAccessHint')}
          value={howToAccess}
          onChange={setHowToAccess}
          rows={3}
          error={form.fieldError('howToAccess')}
        />
        <Textarea
          id="eligibilityDescription"
          label={t('curation.edit.eligibility')}
          value={eligibility}
          onChange={setEligibility}
          rows={3}
          error={form.fieldError('eligibilityDescription')}
        />
        <TextInput
          id="minimumAge"
          label={t('curation.edit.minimumAge')}
          value={minimumAge}
          onChange={setMinimumAge}
          width={3}
          error={form.fieldError('minimumAge')}
          inputProps={{ inputMode: 'numeric' }}
        />
        <TextInput
          id="maximumAge"
          label={t('curation.edit.maximumAge')}
          value={maximumAge}
          onChange={setMaximumAge}
          width={3}
          error={form.fieldError('maximumAge')}
          inputProps={{ inputMode: 'numeric' }}
        />
        <Checkbox
          id="isFree"
          label={t('curation.edit.isFree')}
          checked={isFree}
          onChange={setIsFree}
          error={form.fieldError('isFree')}
        />
        {!isFree && (
          <TextInput
            id="feesDescription"
            label={t('curation.edit.fees')}
            hint={t('curation.edit.feesHint')}
            value={fees}
            onChange={setFees}
            error={form.fieldError('feesDescription')}
          />
        )}
        <Checkboxes
          id="deliveryModes"
          label={t('curation.edit.deliveryModes')}
          values={modes}
          onChange={setModes}
          error={form.fieldError('deliveryModes')}
          options={deliveryModes.map((mode) => ({
            value: mode,
            text: t(`curation.edit.deliveryModeOptions.${mode}`),
          }))}
        />
        <h2 className="nhsuk-heading-m">{t('curation.edit.capacity')}</h2>
        <Checkbox
          id="isAcceptingReferrals"
          label={t('curation.edit.isAcceptingReferrals')}
          checked={isAccepting}
          onChange={setIsAccepting}
          error={form.fieldError('isAcceptingReferrals')}
        />
        <Checkbox
          id="acceptsWaitingList"
          label={t('curation.edit.acceptsWaitingList')}
          checked={hasWaitingList}
          onChange={setHasWaitingList}
          error={form.fieldError('acceptsWaitingList')}
        />
        <TextInput
          id="waitingTimeDays"
          label={t('curation.edit.waitingTimeDays')}
          value={waitingTime}
          onChange={setWaitingTime}
          width={4}
          error={form.fieldError('waitingTimeDays')}
          inputProps={{ inputMode: 'numeric' }}
        />
        <TextInput
          id="placesAvailable"
          label={t('curation.edit.placesAvailable')}
          value={places}
          onChange={setPlaces}
          width={4}
          error={form.fieldError('placesAvailable')}
          inputProps={{ inputMode: 'numeric' }}
        />
        <h2 className="nhsuk-heading-m">{t('curation.edit.openingTimes')}</h2>
        <p className="nhsuk-hint">{t('curation.edit.openingTimesHint')}</p>
        {form.fieldError('schedules') && (
          <span className="nhsuk-error-message" id="schedules-error">
            <span className="nhsuk-u-visually-hidden">{t('errors.prefix')}</span>{' '}
            {form.fieldError('schedules')}
          </span>
        )}
        {rows.map((row, index) => {
          const number = index + 1;
          return (
            <fieldset className="nhsuk-fieldset" key={row.key}>
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                {t('curation.edit.dayRow', { number })}
              </legend>
              <Select
                id={`schedule-${number}-byday`}
                label={t('curation.edit.day')}
                value={row.byday}
                onChange={(byday) => updateRow(row.key, { byday })}
                options={days.map((day) => ({ value: day, text: t(`curation.edit.days.${day}`) }))}
              />
              <TextInput
                id={`schedule-${number}-opensAt`}
                label={t('curation.edit.opensAt')}
                hint={t('curation.edit.timeHint')}
                value={row.opensAt}
                onChange={(opensAt) => updateRow(row.key, { opensAt })}
                width={5}
              />
              <TextInput
                id={`schedule-${number}-closesAt`}
                label={t('curation.edit.closesAt')}
                value={row.closesAt}
                onChange={(closesAt) => updateRow(row.key, { closesAt })}
                width={5}
              />
              <p>
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                  onClick={() => setRows((current) => current.filter((other) => other.key !== row.key))}
                >
                  {t('curation.edit.removeOpening', { number })}
                </button>
              </p>
            </fieldset>
          );
        })}
        <p>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => {
              setRows((current) => [
                ...current,
                { key: nextKey, byday: 'MO', opensAt: '09:00', closesAt: '17:00', rest: {} },
              ]);
              setNextKey((key) => key + 1);
            }}
          >
            {t('curation.edit.addOpening')}
          </button>
        </p>
        <TextInput
          id="summary"
          label={t('curation.edit.summary')}
          hint={t('curation.edit.summaryHint')}
          value={summary}
          onChange={setSummary}
          error={form.fieldError('summary')}
        />
        <Button isBusy={isBusy}>{t('curation.edit.save')}</Button>
      </form>
    </Page>
  );
}
