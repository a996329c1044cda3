// Organisations: search by name, filter by type, and (platform admins) add or change them.
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { admin } from '../../api/endpoints';
import { organisationTypes } from '../../api/types';
import { Button, ButtonLink } from '../../components/button';
import { Loading, NotificationBanner, NumberedPagination, Table } from '../../components/display';
import { Select, TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { formatNumber } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { useUrlFilters } from './shared';

const pageSize = 25;
const filterKeys = ['q', 'type', 'page'] as const;

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { abilities } = useSignedIn();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const { values, apply, linkWith } = useUrlFilters(filterKeys);
  const page = Math.max(1, Number.parseInt(values.page, 10) || 1);
  const [q, setQ] = useState(values.q);
  const [type, setType] = useState(values.type);
  const list = useApiData(
    () =>
      admin.listOrganisations({
        q: values.q,
        type: values.type,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      }),
    [values.q, values.type, page],
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    apply({ q: q.trim(), type });
  };

  const total = list.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));

  return (
    <Page title={t('organisations.title')}>
      {flash && <NotificationBanner isSuccess>{flash}</NotificationBanner>}
      {abilities.canManageOrganisations && (
        <ButtonLink to="/admin/organisations/new">{t('organisations.add')}</ButtonLink>
      )}
      <form
        className="lw-filters"
        role="search"
        onSubmit={search}
        aria-label={t('organisations.searchLabel')}
      >
        <TextInput
          id="q"
          label={t('organisations.searchName')}
          type="search"
          value={q}
          onChange={setQ}
          width={20}
        />
        <Select
          id="type"
          label={t('organisations.type')}
          value={type}
          onChange={setType}
          options={[
            { value: '', text: t('organisations.anyType') },
            ...organisationTypes.map((value) => ({ value, text: t(`organisationTypes.${value}`) })),
          ]}
        />
        <Button variant="secondary">{t('common.search')}</Button>
      </form>
      {list.isLoading && <Loading />}
      {Boolean(list.error) && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <p role="status">{t('organisations.count', { count: total, formatted: formatNumber(total) })}</p>
          {list.data.items.length > 0 && (
            <Table
              caption={t('organisations.title')}
              isCaptionHidden
              rows={list.data.items}
              rowKey={(organisation) => organisation.id}
              columns={[
                {
                  header: t('organisations.name'),
                  cell: (organisation) => (
                    <Link to={`/admin/organisations/${organisation.id}`}>{organisation.name}</Link>
                  ),
                },
                {
                  header: t('organisations.type'),
                  cell: (organisation) => t(`organisationTypes.${organisation.type}`),
                },
                { header: t('organisations.odsCode'), cell: (organisation) => organisation.odsCode ?? '' },
                { header: t('organisations.borough'), cell: (organisation) => organisation.borough ?? '' },
              ]}
            />
          )}
          <NumberedPagination page={page} pageCount={pageCount} linkToPage={(to) => linkWith({ page: to })} />
        </>
      )}
    </Page>
  );
}
