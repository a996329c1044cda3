// One service for the public (/find/services/:id): the same details staff see, in plain words.
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { directory } from '../../api/directory';
import { Loading } from '../../components/display';
import { useBackTo } from '../../components/directory/back-to-search';
import { ServiceDetails } from '../../components/directory/service-details';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import '../../components/directory/directory.scss';

export function PublicServicePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const service = useApiData(() => directory.service(id), [id]);
  const backLink = { to: useBackTo('/find'), text: t('find.back') };
  if (!service.data) {
    return (
      <Page title={t('directory.service.loadingTitle')} backLink={backLink}>
        {service.isLoading ? <Loading /> : <LoadError error={service.error} onRetry={service.reload} />}
      </Page>
    );
  }
  return (
    <Page title={service.data.name} backLink={backLink} width="two-thirds">
      <ServiceDetails service={service.data} />
      <p>
        <Link to={`/find/services/${service.data.id}/report`}>{t('curation.report.link')}</Link>
      </p>
    </Page>
  );
}
