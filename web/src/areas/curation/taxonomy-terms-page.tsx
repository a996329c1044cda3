// "Your programme's directory terms" (/curation/terms): a coordinator adds terms of their own under
// the shared taxonomy (docs/DESIGN.md §2, Directory), renames them and deletes unused ones. The server refuses a
// duplicate name, a stale edit and deleting a term services still use; the page shows its reasons.
import { useState, type FormEvent } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { Button } from '../../components/button';
import { Loading, NotificationBanner, Table } from '../../components/display';
import { ErrorSummary, type ErrorItem } from '../../components/error-summary';
import { Select, TextInput, Textarea, type Option } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useSubmit } from '../../hooks/use-submit';
import { useSignedIn } from '../../session/session';
import strings from '../../i18n/en-terms.json';

export type ProgrammeTerm = {
  id: string;
  code: string;
  name: string;
  description: string;
  parentId: string;
  parentName: string;
  taxonomyName: string;
  programmeId: string;
  serviceCount: number;
  updatedAt: string;
};
type TaxonomyTerm = { id: string; name: string; parentId: string | null; programmeId: string | null };
type Taxonomy = { id: string; name: string; terms: TaxonomyTerm[] };

const prefix = 'programmeTerms';

/** Adds the page's strings to i18next the first time it renders (until index.ts bundles them). */
function useTermsText(): (key: string, options?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  if (!i18next.exists(`${prefix}.title`)) {
    i18next.addResourceBundle('en', 'translation', { [prefix]: strings }, true, false);
  }
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (key, options) => translate(`${prefix}.${key}`, options);
}

const termsPath = (programmeId: string) => `/api/programmes/${programmeId}/taxonomy-terms`;

/** Every term a new one may hang under, as "Connected › Befriending", in tree order. */
function parentOptions(taxonomies: Taxonomy[]): Option[] {
  const options: Option[] = [];
  for (const taxonomy of taxonomies) {
    const visit = (parentId: string | null, path: string[]) => {
      for (const term of taxonomy.terms.filter((candidate) => candidate.parentId === parentId)) {
        const names = [...path, term.name];
        options.push({ value: term.id, text: `${taxonomy.name}: ${names.join(' › ')}` });
        visit(term.id, names);
      }
    };
    visit(null, []);
  }
  return options;
}

const fieldIds: Record<string, string> = {
  parentId: 'term-parent',
  name: 'term-name',
  description: 'term-description',
};

function problemItems(error: unknown, fallback: string, fieldIdFor = fieldIds): ErrorItem[] {
  if (!(error instanceof ApiError)) return [{ text: fallback }];
  const fields = error.problem.errors ?? [];
  if (fields.length === 0) return [{ text: error.problem.detail ?? error.problem.title }];
  return fields.map((field) => ({ text: field.detail, fieldId: fieldIdFor[field.field] }));
}

export function TaxonomyTermsPage() {
  const { t } = useTranslation();
  const text = useTermsText();
  const { user } = useSignedIn();
  const programmeId = user.programmeId;
  const data = useApiData(async () => {
    if (!programmeId) return undefined;
    const [own, shared] = await Promise.all([
      api.get<{ items: ProgrammeTerm[] }>(termsPath(programmeId)),
      api.get<{ taxonomies: Taxonomy[] }>('/api/directory/taxonomy'),
    ]);
    return { terms: own.items, taxonomies: shared.taxonomies };
  }, [programmeId]);

  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  const [parentId, setParentId] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [editing, setEditing] = useState<{ term: ProgrammeTerm; name: string; description: string }>();

  // The rename form's fields have their own ids, so each call says where its refusals point.
  const showRefusal =
    (fieldIdFor?: Record<string, string>) =>
    (error: unknown): void => {
      if (error instanceof ApiError && error.problem.code === 'version_conflict') {
        setErrors([{ text: text('changedElsewhere') }]);
        setEditing(undefined);
        data.reload();
      } else {
        setErrors(problemItems(error, t('errors.unexpected'), fieldIdFor));
      }
    };
  const { isBusy, run: send } = useSubmit(showRefusal());

  const run = async (action: () => Promise<string>, fieldIdFor?: Record<string, string>) => {
    if (isBusy) return;
    setErrors([]);
    setMessage(undefined);
    await send(
      action,
      (done) => {
        setMessage(done);
        data.reload();
      },
      showRefusal(fieldIdFor),
    );
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const missing: ErrorItem[] = [];
    if (!parentId) missing.push({ text: text('chooseParent'), fieldId: fieldIds.parentId });
    if (name.trim().length < 2) missing.push({ text: text('enterName'), fieldId: fieldIds.name });
    if (missing.length > 0 || !programmeId) return setErrors(missing);
    void run(async () => {
      const created = await api.post<ProgrammeTerm>(termsPath(programmeId), {
        parentId,
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      setName('');
      setDescription('');
      return text('added', { name: created.name });
    });
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!editing || !programmeId) return;
    const editFields = { name: 'edit-name', description: 'edit-description' };
    void run(async () => {
      const saved = await api.patch<ProgrammeTerm>(`${termsPath(programmeId)}/${editing.term.id}`, {
        name: editing.name.trim(),
        description: editing.description.trim(),
        updatedAt: editing.term.updatedAt,
      });
      setEditing(undefined);
      return text('renamed', { name: saved.name });
    }, editFields);
  };

  const remove = (term: ProgrammeTerm) => {
    if (!programmeId) return;
    void run(async () => {
      await api.delete(`${termsPath(programmeId)}/${term.id}`);
      return text('deleted', { name: term.name });
    });
  };

  const groups = new Map<string, ProgrammeTerm[]>();
  for (const term of data.data?.terms ?? []) {
    groups.set(term.parentId, [...(groups.get(term.parentId) ?? []), term]);
  }
  const fieldError = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.text;

  return (
    <Page title={text('title')} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} />
      {message && (
        <NotificationBanner isSuccess key={message}>
          <p className="nhsuk-notification-banner__heading">{message}</p>
        </NotificationBanner>
      )}
      <p>{text('intro')}</p>
      {!programmeId && <p>{text('noProgramme')}</p>}
      {programmeId && data.isLoading && !data.data && <Loading />}
      {programmeId && Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
      {data.data && (
        <>
          <h2>{text('listHeading')}</h2>
          {groups.size === 0 && <p>{text('none')}</p>}
          {[...groups.values()].map((terms) => (
            <section key={terms[0]!.parentId}>
              <h3>{text('underParent', { parent: terms[0]!.parentName })}</h3>
              <Table
                caption={text('caption', { parent: terms[0]!.parentName })}
                isCaptionHidden
                rows={terms}
                rowKey={(term) => term.id}
                columns={[
                  { header: text('name'), cell: (term) => term.name },
                  { header: text('description'), cell: (term) => term.description },
                  { header: text('usedBy'), cell: (term) => text('services', { count: term.serviceCount }) },
                  {
                    header: text('actions'),
                    cell: (term) => (
                      <>
                        <Button
                          type="button"
                          variant="secondary"
                          isSmall
                          onClick={() => setEditing({ term, name: term.name, description: term.description })}
                        >
                          {text('rename')}
                          <span className="nhsuk-u-visually-hidden">
                            {' '}
                            {text('renameHidden', { name: term.name })}
                          </span>
                        </Button>{' '}
                        <Button
                          type="button"
                          variant="warning"
                          isSmall
                          isBusy={isBusy}
                          onClick={() => remove(term)}
                        >
                          {text('delete')}
                          <span className="nhsuk-u-visually-hidden">
                            {' '}
                            {text('deleteHidden', { name: term.name })}
                          </span>
                        </Button>
                      </>
                    ),
                  },
                ]}
              />
              {editing && terms.some((term) => term.id === editing.term.id) && (
                <form onSubmit={save} noValidate>
                  <TextInput
                    id="edit-name"
                    label={text('editNameLabel', { name: editing.term.name })}
                    value={editing.name}
                    error={fieldError('edit-name')}
                    onChange={(value) => setEditing({ ...editing, name: value })}
                    inputProps={{ autoFocus: true, maxLength: 80 }}
                  />
                  <Textarea
                    id="edit-description"
                    label={text('editDescriptionLabel', { name: editing.term.name })}
                    value={editing.description}
                    error={fieldError('edit-description')}
                    onChange={(value) => setEditing({ ...editing, description: value })}
                    rows={3}
                  />
                  <Button isBusy={isBusy}>{text('save')}</Button>{' '}
                  <Button type="button" variant="secondary" onClick={() => setEditing(undefined)}>
                    {text('cancel')}
                  </Button>
                </form>
              )}
            </section>
          ))}

          <h2>{text('addHeading')}</h2>
          <form onSubmit={add} noValidate>
            <Select
              id={fieldIds.parentId!}
              label={text('parentLabel')}
              hint={text('parentHint')}
              value={parentId}
              error={fieldError(fieldIds.parentId!)}
              onChange={setParentId}
              options={[{ value: '', text: text('choose') }, ...parentOptions(data.data.taxonomies)]}
            />
            <TextInput
              id={fieldIds.name!}
              label={text('nameLabel')}
              hint={text('nameHint')}
              value={name}
              error={fieldError(fieldIds.name!)}
              onChange={setName}
              inputProps={{ maxLength: 80 }}
            />
            <Textarea
              id={fieldIds.description!}
              label={text('descriptionLabel')}
              hint={text('descriptionHint')}
              value={description}
              error={fieldError(fieldIds.description!)}
              onChange={setDescription}
              rows={3}
            />
            <Button isBusy={isBusy}>{text('add')}</Button>
          </form>
        </>
      )}
    </Page>
  );
}
