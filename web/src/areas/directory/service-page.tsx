// One service, for link workers (/directory/services/:id): the details, plus the shortlist.
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { directory } from '../../api/directory';
import { Loading } from '../../components/display';
import { useBackTo } from '../../components/directory/back-to-search';
import { ServiceDetails } from '../../components/directory/service-details';
import { useShortlist } from '../../components/directory/shortlist';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import '../../components/directory/directory.scss';

export function DirectoryServicePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const service = useApiData(() => directory.service(id), [id]);
  const shortlist = useShortlist();
  const backLink = { to: useBackTo('/directory'), text: t('directory.search.backToSearch') };
  if (!service.data) {
    return (
      <Page title={t('directory.service.loadingTitle')} backLink={backLink}>
        {service.isLoading ? <Loading /> : <LoadError error={service.error} onRetry={service.reload} />}
      </Page>
    );
  }
  const data = service.data;
  const isShortlisted = shortlist.has(data.id);
  return (
    <Page title={data.name} backLink={backLink} width="two-thirds">
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        aria-pressed={isShortlisted}
        onClick={() =>
          isShortlisted
            ? shortlist.remove(data.id)
            : shortlist.add({ id: data.id, name: data.name, organisationName: data.organisation.name })
        }
      >
        {isShortlisted ? t('directory.shortlist.remove') : t('directory.shortlist.add')}
      </button>
      <ServiceDetails service={data} />
      <p>
        <Link to={`/find/services/${data.id}/report`}>{t('curation.report.link')}</Link>
      </p>
    </Page>
  );
}
