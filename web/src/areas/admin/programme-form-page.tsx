// Adding a programme (platform admins) or changing one (platform admins; a programme's coordinators
// change its description, areas and referring organisations).
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { admin, type ProgrammeInput } from '../../api/endpoints';
import type { Organisation, Programme } from '../../api/types';
import { Button } from '../../components/button';
import { Loading, SummaryList } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Checkboxes, Select, TextInput, Textarea } from '../../components/fields';
import { LoadLatestButton } from '../../components/load-latest-button';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { ProgrammeLinksSection } from '../programme-links/programme-links-section';
import { splitList, useOrganisationChoices } from './shared';

const fields = [
  'name',
  'slug',
  'description',
  'hostOrganisationId',
  'areas',
  'postcodeDistricts',
  'referringOrganisationIds',
] as const;

/** "Haringey Connect" → "haringey-connect". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

export function ProgrammeFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useApiData(async () => (id ? admin.getProgramme(id) : undefined), [id]);
  const organisations = useOrganisationChoices();
  const crumbs = [{ to: '/admin/programmes', text: t('programmes.title') }];
  const error = existing.error ?? organisations.error;

  if (error) {
    return (
      <Page title={id ? t('programmes.editTitle') : t('programmes.addTitle')} breadcrumbs={crumbs}>
        <LoadError
          error={error}
          onRetry={() => (existing.error ? existing.reload() : organisations.reload())}
        />
      </Page>
    );
  }
  if ((id && !existing.data) || !organisations.data) {
    return (
      <Page title={id ? t('programmes.editTitle') : t('programmes.addTitle')} breadcrumbs={crumbs}>
        <Loading />
      </Page>
    );
  }
  return (
    <ProgrammeForm
      key={`${id ?? 'new'}-${existing.data?.version ?? 0}`}
      existing={existing.data}
      organisations={organisations.data}
      onReload={existing.reload}
    />
  );
}

function ProgrammeForm({
  existing,
  organisations,
  onReload,
}: {
  existing: Programme | undefined;
  organisations: Organisation[];
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { abilities } = useSignedIn();
  const navigate = useNavigate();
  const isAdmin = abilities.canManageProgrammes ?? false;
  const [name, setName] = useState(existing?.name ?? '');
  const [slug, setSlug] = useState(existing?.slug ?? '');
  const [isSlugEdited, setIsSlugEdited] = useState(Boolean(existing));
  const [description, setDescription] = useState(existing?.description ?? '');
  const [hostOrganisationId, setHostOrganisationId] = useState(existing?.hostOrganisationId ?? '');
  const [areas, setAreas] = useState((existing?.areas ?? []).join('\n'));
  const [postcodeDistricts, setPostcodeDistricts] = useState((existing?.postcodeDistricts ?? []).join(' '));
  const [referrers, setReferrers] = useState<string[]>(existing?.referringOrganisationIds ?? []);
  const [isStale, setIsStale] = useState(false);
  const form = useFormErrors(fields);
  const { isBusy, run } = useSubmit((error: unknown) => {
    setIsStale(error instanceof ApiError && error.status === 409);
    form.showApiError(error);
  });

  const changeName = (value: string) => {
    setName(value);
    if (!isSlugEdited) setSlug(slugify(value));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (isAdmin) {
      if (!name.trim()) problems.name = t('programmes.errors.nameMissing');
      if (!slug.trim()) problems.slug = t('programmes.errors.slugMissing');
      if (!hostOrganisationId) problems.hostOrganisationId = t('programmes.errors.hostMissing');
    }
    if (Object.keys(problems).length) return form.showFieldErrors(problems);
    const shared = {
      description: description.trim(),
      areas: splitList(areas),
      postcodeDistricts: splitList(postcodeDistricts, /[\s,]+/).map((district) => district.toUpperCase()),
      referringOrganisationIds: referrers,
    };
    const input: ProgrammeInput | Omit<ProgrammeInput, 'name' | 'slug' | 'hostOrganisationId'> = isAdmin
      ? { ...shared, name: name.trim(), slug: slug.trim(), hostOrganisationId }
      : shared;
    // A coordinator's newly ticked organisation is only asked: say so, and who must approve.
    const requested = isAdmin
      ? []
      : organisations.filter(
          (organisation) =>
            referrers.includes(organisation.id) &&
            !existing?.referringOrganisationIds.includes(organisation.id),
        );
    await run(async () => {
      const saved = existing
        ? await admin.updateProgramme(existing.id, { ...input, version: existing.version })
        : await admin.createProgramme(input as ProgrammeInput);
      const flash = t(existing ? 'programmes.saved' : 'programmes.created', { name: saved.name });
      const requestSent = requested.length
        ? ` ${t('programmeLinks.requestSent', {
            count: requested.length,
            names: requested.map((organisation) => organisation.name).join(', '),
          })}`
        : '';
      await navigate(isAdmin ? '/admin/programmes' : '/', { state: { flash: flash + requestSent } });
    });
  };

  const organisationOptions = organisations.map((organisation) => ({
    value: organisation.id,
    text: organisation.name,
    hint: t(`organisationTypes.${organisation.type}`),
  }));

  return (
    <Page
      title={existing ? existing.name : t('programmes.addTitle')}
      hasErrors={form.hasErrors}
      breadcrumbs={
        isAdmin
          ? [{ to: '/admin/programmes', text: t('programmes.title') }]
          : [{ to: '/', text: t('nav.home') }]
      }
      width="two-thirds"
    >
      <ErrorSummary errors={form.summary} />
      {isStale && <LoadLatestButton onReload={onReload} />}
      {existing && (
        <SummaryList
          rows={[
            ...(isAdmin ? [] : [{ key: t('programmes.host'), value: existing.hostOrganisationName ?? '' }]),
            { key: t('common.lastChanged'), value: formatDateTime(existing.updatedAt) },
          ]}
        />
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        {isAdmin && (
          <>
            <TextInput
              id="name"
              label={t('programmes.name')}
              value={name}
              onChange={changeName}
              error={form.fieldError('name')}
            />
            <TextInput
              id="slug"
              label={t('programmes.slug')}
              hint={t('programmes.slugHint')}
              value={slug}
              onChange={(value) => {
                setIsSlugEdited(true);
                setSlug(value);
              }}
              width={30}
              error={form.fieldError('slug')}
              inputProps={{ spellCheck: false, autoCapitalize: 'none' }}
            />
            <Select
              id="hostOrganisationId"
              label={t('programmes.host')}
              hint={t('programmes.hostHint')}
              value={hostOrganisationId}
              onChange={setHostOrganisationId}
              error={form.fieldError('hostOrganisationId')}
              options={[{ value: '', text: t('common.choose') }, ...organisationOptions]}
            />
          </>
        )}
        <Textarea
          id="description"
          label={t('programmes.description')}
          value={description}
          onChange={setDescription}
          error={form.fieldError('description')}
        />
        <Textarea
          id="areas"
          label={t('programmes.areas')}
          hint={t('programmes.areasHint')}
          value={areas}
          onChange={setAreas}
          rows={4}
          error={form.fieldError('areas')}
        />
        <TextInput
          id="postcodeDistricts"
          label={t('programmes.postcodeDistricts')}
          hint={t('programmes.postcodeDistrictsHint')}
          value={postcodeDistricts}
          onChange={setPostcodeDistricts}
          error={form.fieldError('postcodeDistricts')}
          inputProps={{ spellCheck: false, autoCapitalize: 'characters' }}
        />
        {organisationOptions.length > 0 ? (
          <Checkboxes
            id="referringOrganisationIds"
            label={t('programmes.referrers')}
            hint={isAdmin ? t('programmes.referrersHint') : t('programmeLinks.referrersHint')}
            values={referrers}
            onChange={setReferrers}
            options={organisationOptions}
            error={form.fieldError('referringOrganisationIds')}
            isSmall
          />
        ) : (
          <p>{t('programmes.noOrganisations')}</p>
        )}
        <Button isBusy={isBusy}>{existing ? t('common.saveChanges') : t('programmes.add')}</Button>
      </form>
      {existing && <ProgrammeLinksSection programmeId={existing.id} />}
    </Page>
  );
}
