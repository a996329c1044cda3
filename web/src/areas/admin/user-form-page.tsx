// Adding a user (they receive an invitation email to choose a password) or changing one: name,
// role, where they work, disabling the account, unlocking it, resetting the authenticator app.
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { admin } from '../../api/endpoints';
import {
  organisationRoles,
  programmeRoles,
  roles,
  type AdminUser,
  type Organisation,
  type Programme,
  type Role,
} from '../../api/types';
import { Button } from '../../components/button';
import { Loading, NotificationBanner, SummaryList } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Checkbox, Select, TextInput } from '../../components/fields';
import { LoadLatestButton } from '../../components/load-latest-button';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { useOrganisationChoices, useProgrammeChoices } from './shared';
import { UserStatusTags } from './users-page';

const fields = ['name', 'email', 'role', 'programmeId', 'organisationId', 'isDisabled'] as const;

/** Roles a coordinator may give (the server enforces this; the form only offers these). */
const coordinatorRoles: readonly Role[] = ['coordinator', 'link_worker', 'buddy'];

export function UserFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { abilities } = useSignedIn();
  const isAdmin = abilities.canAdministerPlatform ?? false;
  const existing = useApiData(async () => (id ? admin.getUser(id) : undefined), [id]);
  const organisations = useOrganisationChoices();
  const programmes = useProgrammeChoices(isAdmin);
  const crumbs = [{ to: '/admin/users', text: isAdmin ? t('users.title') : t('users.teamTitle') }];
  const error = existing.error ?? organisations.error ?? programmes.error;
  const title = id ? t('users.editTitle') : t('users.addTitle');

  if (error) {
    return (
      <Page title={title} breadcrumbs={crumbs}>
        <LoadError
          error={error}
          onRetry={() => [existing, organisations, programmes].forEach((data) => data.reload())}
        />
      </Page>
    );
  }
  if ((id && !existing.data) || !organisations.data || !programmes.data) {
    return (
      <Page title={title} breadcrumbs={crumbs}>
        <Loading />
      </Page>
    );
  }
  return (
    <UserForm
      key={`${id ?? 'new'}-${existing.data?.version ?? 0}`}
      existing={existing.data}
      organisations={organisations.data}
      programmes={programmes.data}
      onReload={existing.reload}
    />
  );
}

function UserForm({
  existing,
  organisations,
  programmes,
  onReload,
}: {
  existing: AdminUser | undefined;
  organisations: Organisation[];
  programmes: Programme[];
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { abilities, user: me } = useSignedIn();
  const navigate = useNavigate();
  const isAdmin = abilities.canAdministerPlatform ?? false;
  const [name, setName] = useState(existing?.name ?? '');
  const [email, setEmail] = useState(existing?.email ?? '');
  const [role, setRole] = useState<string>(existing?.role ?? '');
  const [programmeId, setProgrammeId] = useState(
    existing?.programmeId ?? (isAdmin ? '' : (me.programmeId ?? '')),
  );
  const [organisationId, setOrganisationId] = useState(existing?.organisationId ?? '');
  const [isDisabled, setIsDisabled] = useState(existing?.isDisabled ?? false);
  const [isStale, setIsStale] = useState(false);
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const form = useFormErrors(fields);
  const { isBusy, run } = useSubmit((error: unknown) => {
    setIsStale(error instanceof ApiError && error.status === 409);
    form.showApiError(error);
  });

  const offeredRoles = isAdmin ? roles : coordinatorRoles;
  const needsProgramme = programmeRoles.includes(role as Role);
  const needsOrganisation = organisationRoles.includes(role as Role);
  const crumbs = [{ to: '/admin/users', text: isAdmin ? t('users.title') : t('users.teamTitle') }];
  const isSelf = existing?.id === me.id;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t('users.errors.nameMissing');
    if (!existing && !email.trim()) problems.email = t('users.errors.emailMissing');
    if (!role) problems.role = t('users.errors.roleMissing');
    if (needsProgramme && !programmeId) problems.programmeId = t('users.errors.programmeMissing');
    if (needsOrganisation && !organisationId) problems.organisationId = t('users.errors.organisationMissing');
    if (Object.keys(problems).length) return form.showFieldErrors(problems);
    const placement = {
      programmeId: needsProgramme ? programmeId : null,
      organisationId: needsOrganisation ? organisationId : null,
    };
    await run(async () => {
      if (existing) {
        const saved = await admin.updateUser(existing.id, {
          name: name.trim(),
          role: role as Role,
          ...(isAdmin ? placement : {}),
          ...(isSelf ? {} : { isDisabled }),
          version: existing.version,
        });
        await navigate('/admin/users', { state: { flash: t('users.saved', { name: saved.name }) } });
      } else {
        const saved = await admin.createUser({
          name: name.trim(),
          email: email.trim(),
          role: role as Role,
          ...placement,
        });
        await navigate('/admin/users', {
          state: { flash: t('users.created', { name: saved.name, email: saved.email }) },
        });
      }
    });
  };

  const runAction = async (action: 'unlock' | 'reset-totp') => {
    if (!existing) return;
    await run(async () => {
      if (action === 'unlock') await admin.unlockUser(existing.id);
      else await admin.resetUserTotp(existing.id);
      // The reload remounts this form with the new version; the message travels in the location.
      await navigate(location.pathname, {
        replace: true,
        state: { flash: action === 'unlock' ? t('users.unlocked') : t('users.totpReset') },
      });
      onReload();
    });
  };

  const programmeOptions = isAdmin
    ? programmes.map((programme) => ({ value: programme.id, text: programme.name }))
    : me.programmeId
      ? [{ value: me.programmeId, text: me.programmeName ?? me.programmeId }]
      : [];

  return (
    <Page
      title={existing ? existing.name : t('users.addTitle')}
      hasErrors={form.hasErrors}
      breadcrumbs={crumbs}
      width="two-thirds"
    >
      {flash && <NotificationBanner isSuccess>{flash}</NotificationBanner>}
      <ErrorSummary errors={form.summary} />
      {isStale && <LoadLatestButton onReload={onReload} />}
      {existing && (
        <SummaryList
          rows={[
            { key: t('users.email'), value: <span className="lw-wrap-anywhere">{existing.email}</span> },
            { key: t('users.status'), value: <UserStatusTags user={existing} /> },
            {
              key: t('users.lastSignIn'),
              value: existing.lastLoginAt ? formatDateTime(existing.lastLoginAt) : t('users.never'),
            },
            { key: t('common.created'), value: formatDateTime(existing.createdAt) },
          ]}
        />
      )}
      {!existing && <p>{t('users.invitationHint')}</p>}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextInput
          id="name"
          label={t('users.name')}
          value={name}
          onChange={setName}
          error={form.fieldError('name')}
          inputProps={{ autoComplete: 'off' }}
        />
        {!existing && (
          <TextInput
            id="email"
            label={t('users.email')}
            type="email"
            value={email}
            onChange={setEmail}
            error={form.fieldError('email')}
            inputProps={{ autoComplete: 'off', spellCheck: false, autoCapitalize: 'none' }}
          />
        )}
        <Select
          id="role"
          label={t('users.role')}
          value={role}
          onChange={setRole}
          error={form.fieldError('role')}
          options={[
            { value: '', text: t('common.choose') },
            ...offeredRoles.map((value) => ({ value, text: t(`roles.${value}`) })),
          ]}
        />
        {needsProgramme && (
          <Select
            id="programmeId"
            label={t('users.programme')}
            value={programmeId}
            onChange={setProgrammeId}
            error={form.fieldError('programmeId')}
            options={[{ value: '', text: t('common.choose') }, ...programmeOptions]}
          />
        )}
        {needsOrganisation && (
          <Select
            id="organisationId"
            label={t('users.organisation')}
            value={organisationId}
            onChange={setOrganisationId}
            error={form.fieldError('organisationId')}
            options={[
              { value: '', text: t('common.choose') },
              ...organisations.map((organisation) => ({ value: organisation.id, text: organisation.name })),
            ]}
          />
        )}
        {existing && !isSelf && (
          <Checkbox
            id="isDisabled"
            label={t('users.disableLabel')}
            hint={t('users.disableHint')}
            checked={isDisabled}
            onChange={setIsDisabled}
            error={form.fieldError('isDisabled')}
          />
        )}
        <Button isBusy={isBusy}>{existing ? t('common.saveChanges') : t('users.sendInvitation')}</Button>
      </form>
      {existing && (existing.isLocked || existing.hasTotp) && (
        <>
          <h2 className="nhsuk-heading-m">{t('users.signInHelpTitle')}</h2>
          {existing.isLocked && (
            <>
              <p>{t('users.unlockBody')}</p>
              <Button
                type="button"
                variant="secondary"
                isBusy={isBusy}
                onClick={() => void runAction('unlock')}
              >
                {t('users.unlock')}
              </Button>
            </>
          )}
          {existing.hasTotp && (
            <>
              <p>{t('users.resetTotpBody')}</p>
              <Button
                type="button"
                variant="secondary"
                isBusy={isBusy}
                onClick={() => void runAction('reset-totp')}
              >
                {t('users.resetTotp')}
              </Button>
            </>
          )}
        </>
      )}
    </Page>
  );
}
