// Users: platform admins see everyone; coordinators see their own programme's team.
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { admin } from '../../api/endpoints';
import { roles, type AdminUser } from '../../api/types';
import { Button, ButtonLink } from '../../components/button';
import { Loading, NotificationBanner, NumberedPagination, Table, Tag } from '../../components/display';
import { Select, TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime, formatNumber } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { useOrganisationChoices, useProgrammeChoices, useUrlFilters } from './shared';

const pageSize = 25;
const filterKeys = ['q', 'role', 'programmeId', 'page'] as const;

export function UserStatusTags({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  return (
    <>
      {user.isDisabled ? (
        <Tag colour="grey">{t('users.disabled')}</Tag>
      ) : (
        <Tag colour="green">{t('users.active')}</Tag>
      )}{' '}
      {user.isLocked && <Tag colour="red">{t('users.locked')}</Tag>}{' '}
      {user.hasTotp && <Tag colour="blue">{t('users.totp')}</Tag>}
    </>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const { abilities, user: me } = useSignedIn();
  const isAdmin = abilities.canAdministerPlatform ?? false;
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const { values, apply, linkWith } = useUrlFilters(filterKeys);
  const page = Math.max(1, Number.parseInt(values.page, 10) || 1);
  const [q, setQ] = useState(values.q);
  const [role, setRole] = useState(values.role);
  const [programmeId, setProgrammeId] = useState(values.programmeId);
  const programmes = useProgrammeChoices(isAdmin);
  const organisations = useOrganisationChoices();
  const list = useApiData(
    () =>
      admin.listUsers({
        q: values.q,
        role: values.role,
        programmeId: values.programmeId,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      }),
    [values.q, values.role, values.programmeId, page],
  );

  const programmeName = (id: string | null) =>
    id
      ? (programmes.data?.find((p) => p.id === id)?.name ??
        (id === me.programmeId ? me.programmeName : undefined))
      : undefined;
  const organisationName = (id: string | null) =>
    id ? organisations.data?.find((o) => o.id === id)?.name : undefined;

  const search = (event: FormEvent) => {
    event.preventDefault();
    apply({ q: q.trim(), role, programmeId });
  };
  const total = list.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const title = isAdmin ? t('users.title') : t('users.teamTitle');

  return (
    <Page title={title} caption={isAdmin ? undefined : (me.programmeName ?? undefined)}>
      {flash && <NotificationBanner isSuccess>{flash}</NotificationBanner>}
      <ButtonLink to="/admin/users/new">{t('users.add')}</ButtonLink>
      <form className="lw-filters" role="search" onSubmit={search} aria-label={t('users.searchLabel')}>
        <TextInput id="q" label={t('users.searchName')} type="search" value={q} onChange={setQ} width={20} />
        <Select
          id="role"
          label={t('users.role')}
          value={role}
          onChange={setRole}
          options={[
            { value: '', text: t('users.anyRole') },
            ...roles.map((value) => ({ value, text: t(`roles.${value}`) })),
          ]}
        />
        {isAdmin && (
          <Select
            id="programmeId"
            label={t('users.programme')}
            value={programmeId}
            onChange={setProgrammeId}
            options={[
              { value: '', text: t('users.anyProgramme') },
              ...(programmes.data ?? []).map((programme) => ({ value: programme.id, text: programme.name })),
            ]}
          />
        )}
        <Button variant="secondary">{t('common.search')}</Button>
      </form>
      {list.isLoading && <Loading />}
      {Boolean(list.error) && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <p role="status">{t('users.count', { count: total, formatted: formatNumber(total) })}</p>
          {list.data.items.length > 0 && (
            <Table
              caption={title}
              isCaptionHidden
              rows={list.data.items}
              rowKey={(user) => user.id}
              columns={[
                {
                  header: t('users.name'),
                  cell: (user) => (
                    <>
                      <Link to={`/admin/users/${user.id}`}>{user.name}</Link>
                      <br />
                      <span className="nhsuk-body-s lw-wrap-anywhere">{user.email}</span>
                    </>
                  ),
                },
                { header: t('users.role'), cell: (user) => t(`roles.${user.role}`) },
                {
                  header: t('users.worksIn'),
                  cell: (user) =>
                    programmeName(user.programmeId) ?? organisationName(user.organisationId) ?? '',
                },
                {
                  header: t('users.lastSignIn'),
                  cell: (user) => (user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.never')),
                },
                { header: t('users.status'), cell: (user) => <UserStatusTags user={user} /> },
              ]}
            />
          )}
          <NumberedPagination page={page} pageCount={pageCount} linkToPage={(to) => linkWith({ page: to })} />
        </>
      )}
    </Page>
  );
}
