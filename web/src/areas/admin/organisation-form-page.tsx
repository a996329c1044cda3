// Adding an organisation (/admin/organisations/new) or changing one (/admin/organisations/:id).
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { admin } from '../../api/endpoints';
import { organisationTypes, type Organisation, type OrganisationType } from '../../api/types';
import { Button } from '../../components/button';
import { Loading, SummaryList } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Select, TextInput } from '../../components/fields';
import { LoadLatestButton } from '../../components/load-latest-button';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime } from '../../i18n';
import { useSignedIn } from '../../session/session';

const fields = ['name', 'type', 'odsCode', 'borough'] as const;

export function OrganisationFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const isNew = !id;
  const existing = useApiData(async () => (id ? admin.getOrganisation(id) : undefined), [id]);
  const crumbs = [{ to: '/admin/organisations', text: t('organisations.title') }];
  const title = isNew ? t('organisations.addTitle') : (existing.data?.name ?? t('organisations.editTitle'));

  if (!isNew && existing.isLoading && !existing.data) {
    return (
      <Page title={t('organisations.editTitle')} breadcrumbs={crumbs}>
        <Loading />
      </Page>
    );
  }
  if (!isNew && existing.error) {
    return (
      <Page title={t('organisations.editTitle')} breadcrumbs={crumbs}>
        <LoadError error={existing.error} onRetry={existing.reload} />
      </Page>
    );
  }
  return (
    <OrganisationForm
      key={`${id ?? 'new'}-${existing.data?.version ?? 0}`}
      title={title}
      existing={existing.data}
      onReload={existing.reload}
    />
  );
}

function OrganisationForm({
  title,
  existing,
  onReload,
}: {
  title: string;
  existing: Organisation | undefined;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { abilities } = useSignedIn();
  const navigate = useNavigate();
  const [name, setName] = useState(existing?.name ?? '');
  const [type, setType] = useState<string>(existing?.type ?? '');
  const [odsCode, setOdsCode] = useState(existing?.odsCode ?? '');
  const [borough, setBorough] = useState(existing?.borough ?? '');
  const [isStale, setIsStale] = useState(false);
  const form = useFormErrors(fields);
  const { isBusy, run } = useSubmit((error: unknown) => {
    setIsStale(error instanceof ApiError && error.status === 409);
    form.showApiError(error);
  });
  const canEdit = abilities.canManageOrganisations ?? false;

  useEffect(() => setIsStale(false), [existing?.version]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t('organisations.errors.nameMissing');
    if (!type) problems.type = t('organisations.errors.typeMissing');
    if (Object.keys(problems).length) return form.showFieldErrors(problems);
    const input = {
      name: name.trim(),
      type: type as OrganisationType,
      odsCode: odsCode.trim() || null,
      borough: borough.trim() || null,
    };
    await run(async () => {
      const saved = existing
        ? await admin.updateOrganisation(existing.id, { ...input, version: existing.version })
        : await admin.createOrganisation(input);
      await navigate('/admin/organisations', {
        state: { flash: t(existing ? 'organisations.saved' : 'organisations.created', { name: saved.name }) },
      });
    });
  };

  return (
    <Page
      title={title}
      hasErrors={form.hasErrors}
      breadcrumbs={[{ to: '/admin/organisations', text: t('organisations.title') }]}
      width="two-thirds"
    >
      <ErrorSummary errors={form.summary} />
      {isStale && <LoadLatestButton onReload={onReload} />}
      {existing && (
        <SummaryList
          rows={[
            { key: t('common.created'), value: formatDateTime(existing.createdAt) },
            { key: t('common.lastChanged'), value: formatDateTime(existing.updatedAt) },
          ]}
        />
      )}
      {!canEdit && existing && (
        <SummaryList
          rows={[
            { key: t('organisations.name'), value: existing.name },
            { key: t('organisations.type'), value: t(`organisationTypes.${existing.type}`) },
            { key: t('organisations.odsCode'), value: existing.odsCode ?? t('common.notSet') },
            { key: t('organisations.borough'), value: existing.borough ?? t('common.notSet') },
          ]}
        />
      )}
      {canEdit && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <TextInput
            id="name"
            label={t('organisations.name')}
            value={name}
            onChange={setName}
            error={form.fieldError('name')}
          />
          <Select
            id="type"
            label={t('organisations.type')}
            value={type}
            onChange={setType}
            error={form.fieldError('type')}
            options={[
              { value: '', text: t('common.choose') },
              ...organisationTypes.map((value) => ({ value, text: t(`organisationTypes.${value}`) })),
            ]}
          />
          <TextInput
            id="odsCode"
            label={t('organisations.odsCodeOptional')}
            hint={t('organisations.odsCodeHint')}
            value={odsCode}
            onChange={setOdsCode}
            width={10}
            error={form.fieldError('odsCode')}
            inputProps={{ spellCheck: false, autoCapitalize: 'characters' }}
          />
          <TextInput
            id="borough"
            label={t('organisations.boroughOptional')}
            value={borough}
            onChange={setBorough}
            width={20}
            error={form.fieldError('borough')}
          />
          <Button isBusy={isBusy}>{existing ? t('common.saveChanges') : t('organisations.add')}</Button>
        </form>
      )}
    </Page>
  );
}
