// Programmes: each social prescribing scheme, the tenant for its people's data.
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { admin } from '../../api/endpoints';
import { Button, ButtonLink } from '../../components/button';
import { Loading, NotificationBanner, NumberedPagination, Table } from '../../components/display';
import { TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { formatNumber } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { useUrlFilters } from './shared';

const pageSize = 25;
const filterKeys = ['q', 'page'] as const;

export function ProgrammesPage() {
  const { t } = useTranslation();
  const { abilities } = useSignedIn();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const { values, apply, linkWith } = useUrlFilters(filterKeys);
  const page = Math.max(1, Number.parseInt(values.page, 10) || 1);
  const [q, setQ] = useState(values.q);
  const list = useApiData(
    () => admin.listProgrammes({ q: values.q, limit: pageSize, offset: (page - 1) * pageSize }),
    [values.q, page],
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    apply({ q: q.trim() });
  };
  const total = list.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));

  return (
    <Page title={t('programmes.title')}>
      {flash && <NotificationBanner isSuccess>{flash}</NotificationBanner>}
      {abilities.canManageProgrammes && (
        <ButtonLink to="/admin/programmes/new">{t('programmes.add')}</ButtonLink>
      )}
      <form className="lw-filters" role="search" onSubmit={search} aria-label={t('programmes.searchLabel')}>
        <TextInput
          id="q"
          label={t('programmes.searchName')}
          type="search"
          value={q}
          onChange={setQ}
          width={20}
        />
        <Button variant="secondary">{t('common.search')}</Button>
      </form>
      {list.isLoading && <Loading />}
      {Boolean(list.error) && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <p role="status">{t('programmes.count', { count: total, formatted: formatNumber(total) })}</p>
          {list.data.items.length > 0 && (
            <Table
              caption={t('programmes.title')}
              isCaptionHidden
              rows={list.data.items}
              rowKey={(programme) => programme.id}
              columns={[
                {
                  header: t('programmes.name'),
                  cell: (programme) => <Link to={`/admin/programmes/${programme.id}`}>{programme.name}</Link>,
                },
                { header: t('programmes.host'), cell: (programme) => programme.hostOrganisationName ?? '' },
                { header: t('programmes.areas'), cell: (programme) => programme.areas.join(', ') },
                {
                  header: t('programmes.referrers'),
                  cell: (programme) => formatNumber(programme.referringOrganisationIds.length),
                  isNumeric: true,
                },
              ]}
            />
          )}
          <NumberedPagination page={page} pageCount={pageCount} linkToPage={(to) => linkWith({ page: to })} />
        </>
      )}
    </Page>
  );
}
