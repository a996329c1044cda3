// Licensed questionnaire wording (/outcomes/wording/:instrumentKey): Linkwell ships SWEMWBS with
// item numbers only, so each programme's coordinator types in the statements its licence covers.
// Until they do, the questionnaire cannot be sent to people. WordingSection lists these
// questionnaires on the coordinator's questionnaires page.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, request } from '../../api/client';
import { Button } from '../../components/button';
import { InsetText, Loading, NotificationBanner, SummaryList, Tag } from '../../components/display';
import { ErrorSummary, type ErrorItem } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { LoadLatestButton } from '../../components/load-latest-button';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { useSelfCompletionText, type SelfCompletionText } from './self-completion-model';

export type WordingEntry = {
  instrumentKey: string;
  instrumentName: string;
  licenceNote: string;
  copyright: string | null;
  items: { id: string; number: number | null; reference: string | null }[];
  wording: {
    licenceReference: string;
    items: Record<string, string>;
    version: number;
    updatedAt: string;
  } | null;
};

const wordingPath = (programmeId: string) =>
  `/api/programmes/${encodeURIComponent(programmeId)}/instrument-wording`;

export const wordingApi = {
  list: (programmeId: string) => api.get<{ items: WordingEntry[] }>(wordingPath(programmeId)),
  save: (
    programmeId: string,
    instrumentKey: string,
    body: { licenceReference: string; items: Record<string, string>; version?: number },
  ) =>
    request<WordingEntry>('PUT', `${wordingPath(programmeId)}/${encodeURIComponent(instrumentKey)}`, {
      body,
    }),
};

const itemFieldId = (itemId: string) => `wording-${itemId}`;

export function WordingPage() {
  const text = useSelfCompletionText();
  const { t } = useTranslation();
  const { instrumentKey = '' } = useParams();
  const { user } = useSignedIn();
  const programmeId = user.programmeId;
  const data = useApiData(
    async () => (programmeId ? (await wordingApi.list(programmeId)).items : []),
    [programmeId],
  );
  const entry = data.data?.find((candidate) => candidate.instrumentKey === instrumentKey);
  const backLink = { to: '/outcomes/questionnaires', text: text('wording.back') };

  if (!entry)
    return (
      <Page title={text('wording.caption')} backLink={backLink}>
        {data.isLoading && <Loading />}
        {Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
        {!programmeId && <p>{text('wording.noProgramme')}</p>}
        {data.data && programmeId && <p>{text('wording.notFound')}</p>}
      </Page>
    );
  return (
    <WordingForm
      key={`${entry.instrumentKey}-${entry.wording?.version ?? 0}`}
      programmeId={programmeId!}
      entry={entry}
      onReload={data.reload}
      text={text}
      unexpected={t('errors.unexpected')}
      backLink={backLink}
    />
  );
}

function WordingForm({
  programmeId,
  entry,
  onReload,
  text,
  unexpected,
  backLink,
}: {
  programmeId: string;
  entry: WordingEntry;
  onReload: () => void;
  text: SelfCompletionText;
  unexpected: string;
  backLink: { to: string; text: string };
}) {
  const [licenceReference, setLicenceReference] = useState(entry.wording?.licenceReference ?? '');
  const [items, setItems] = useState<Record<string, string>>(() =>
    Object.fromEntries(entry.items.map((item) => [item.id, entry.wording?.items[item.id] ?? ''])),
  );
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [isConflict, setIsConflict] = useState(false);
  const [saved, setSaved] = useState<WordingEntry | undefined>();

  // The saved entry becomes the base of the next change (its version), without reloading the form.
  const current = saved ?? entry;

  const fieldOrder = ['licenceReference', ...entry.items.map((item) => itemFieldId(item.id))];
  const summary: ErrorItem[] = [
    ...(isConflict ? [{ text: text('wording.conflict') }] : []),
    ...general.map((message) => ({ text: message })),
    ...fieldOrder
      .filter((fieldId) => fieldErrors[fieldId])
      .map((fieldId) => ({ text: fieldErrors[fieldId]!, fieldId })),
  ];

  const { isBusy: isSaving, run } = useSubmit((error: unknown) => {
    setSaved(undefined);
    if (!(error instanceof ApiError)) setGeneral([unexpected]);
    else if (error.status === 409) setIsConflict(true);
    else {
      // `items.item_3` lands on statement 3's input; anything else goes to the summary.
      const fields: Record<string, string> = {};
      const others: string[] = [];
      for (const problem of error.problem.errors ?? []) {
        const [field, itemId] = problem.field.split('.');
        const fieldId =
          field === 'licenceReference'
            ? 'licenceReference'
            : field === 'items' && itemId && itemId in items
              ? itemFieldId(itemId)
              : undefined;
        if (fieldId) fields[fieldId] ??= problem.detail;
        else others.push(problem.detail);
      }
      if (Object.keys(fields).length === 0 && others.length === 0)
        others.push(error.problem.detail ?? error.problem.title);
      setFieldErrors(fields);
      setGeneral(others);
    }
  });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (isSaving) return;
    setFieldErrors({});
    setGeneral([]);
    setIsConflict(false);
    await run(
      () =>
        wordingApi.save(programmeId, entry.instrumentKey, {
          licenceReference,
          items,
          ...(current.wording ? { version: current.wording.version } : {}),
        }),
      setSaved,
    );
  };

  return (
    <Page
      title={text('wording.title', { name: entry.instrumentName })}
      caption={text('wording.caption')}
      backLink={backLink}
      hasErrors={summary.length > 0}
      width="two-thirds"
    >
      <ErrorSummary errors={summary} />
      {isConflict && <LoadLatestButton onReload={onReload} />}
      {saved && (
        <NotificationBanner isSuccess>
          <p className="nhsuk-notification-banner__heading">
            {text('wording.saved', { name: entry.instrumentName })}
          </p>
        </NotificationBanner>
      )}
      <p>{text('wording.intro')}</p>
      <h2 className="nhsuk-heading-m">{text('wording.licenceHeading')}</h2>
      <InsetText>
        <p>{entry.licenceNote}</p>
        {entry.copyright && <p>{text('wording.copyright', { copyright: entry.copyright })}</p>}
      </InsetText>
      {current.wording && (
        <p className="nhsuk-body-s">
          {text('wording.lastSaved', {
            version: current.wording.version,
            date: formatDateTime(current.wording.updatedAt),
          })}
        </p>
      )}
      <form noValidate onSubmit={(event) => void save(event)}>
        <TextInput
          id="licenceReference"
          label={text('wording.licenceReference')}
          hint={text('wording.licenceReferenceHint')}
          error={fieldErrors.licenceReference}
          value={licenceReference}
          onChange={setLicenceReference}
          width={20}
        />
        <h2 className="nhsuk-heading-m">{text('wording.statementsHeading')}</h2>
        {entry.items.map((item, index) => (
          <TextInput
            key={item.id}
            id={itemFieldId(item.id)}
            label={text('wording.statementLabel', { number: item.number ?? index + 1 })}
            hint={item.reference ?? undefined}
            error={fieldErrors[itemFieldId(item.id)]}
            value={items[item.id] ?? ''}
            onChange={(value) => setItems((previous) => ({ ...previous, [item.id]: value }))}
          />
        ))}
        <Button isBusy={isSaving}>{text('wording.save')}</Button>
      </form>
    </Page>
  );
}

/** The questionnaires page's list of licensed questionnaires, each linking to its wording page. */
export function WordingSection({ programmeId }: { programmeId: string }) {
  const text = useSelfCompletionText();
  const data = useApiData(async () => (await wordingApi.list(programmeId)).items, [programmeId]);
  return (
    <section aria-labelledby="wording-heading" className="nhsuk-u-margin-top-7">
      <h2 id="wording-heading">{text('wording.sectionTitle')}</h2>
      <p>{text('wording.sectionIntro')}</p>
      {data.isLoading && !data.data && <Loading />}
      {Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
      {data.data && data.data.length === 0 && <p>{text('wording.sectionNone')}</p>}
      {data.data && data.data.length > 0 && (
        <SummaryList
          rows={data.data.map((entry) => ({
            key: entry.instrumentName,
            value: entry.wording ? (
              <Tag colour="green">{text('wording.supplied')}</Tag>
            ) : (
              <Tag colour="orange">{text('wording.missing')}</Tag>
            ),
            action: (
              <Link to={`/outcomes/wording/${encodeURIComponent(entry.instrumentKey)}`}>
                {entry.wording ? text('wording.changeFor') : text('wording.enterFor')}
                <span className="nhsuk-u-visually-hidden"> {entry.instrumentName}</span>
              </Link>
            ),
          }))}
        />
      )}
    </section>
  );
}
