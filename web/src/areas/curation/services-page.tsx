// "Your services" (/curation/services): a provider's own entries, when each was last checked, a
// one-click "still correct" confirmation and a link to edit.
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { curation, type OrganisationServiceSummary } from '../../api/directory';
import { Loading, NotificationBanner, Table, Tag } from '../../components/display';
import { ErrorSummary, type ErrorItem } from '../../components/error-summary';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { ApiError } from '../../api/client';
import { isStale } from './shared';

export function CurationServicesPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const organisationId = user.organisationId;
  const services = useApiData(
    async () => (organisationId ? (await curation.organisationServices(organisationId)).contents : []),
    [organisationId],
  );
  const [verified, setVerified] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | undefined>();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [busyId, setBusyId] = useState<string | undefined>();

  const confirm = async (service: OrganisationServiceSummary) => {
    if (busyId) return;
    setBusyId(service.id);
    setErrors([]);
    setMessage(undefined);
    try {
      const result = await curation.verify(service.id);
      setVerified((current) => ({ ...current, [service.id]: result.lastVerifiedAt }));
      setMessage(t('curation.services.confirmed', { name: service.name }));
    } catch (error) {
      setErrors([
        {
          text:
            error instanceof ApiError
              ? (error.problem.detail ?? error.problem.title)
              : t('errors.unexpected'),
        },
      ]);
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <Page title={t('curation.services.title')} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} />
      {message && (
        <NotificationBanner isSuccess key={message}>
          <p className="nhsuk-notification-banner__heading">{message}</p>
        </NotificationBanner>
      )}
      <p>{t('curation.services.intro')}</p>
      {!organisationId && <p>{t('curation.services.noOrganisation')}</p>}
      {organisationId && services.isLoading && !services.data && <Loading />}
      {organisationId && Boolean(services.error) && (
        <LoadError error={services.error} onRetry={services.reload} />
      )}
      {organisationId && services.data?.length === 0 && <p>{t('curation.services.none')}</p>}
      {services.data && services.data.length > 0 && (
        <Table
          caption={t('curation.services.caption')}
          isCaptionHidden
          rows={services.data}
          rowKey={(service) => service.id}
          columns={[
            {
              header: t('curation.services.name'),
              cell: (service) => <Link to={`/directory/services/${service.id}`}>{service.name}</Link>,
            },
            {
              header: t('curation.services.lastChecked'),
              cell: (service) => {
                const lastVerifiedAt = verified[service.id] ?? service.last_verified_at;
                return (
                  <>
                    {lastVerifiedAt ? formatDateTime(lastVerifiedAt) : t('curation.services.neverChecked')}
                    {isStale(lastVerifiedAt) && (
                      <>
                        <br />
                        <Tag colour="orange">{t('curation.services.stale')}</Tag>
                      </>
                    )}
                  </>
                );
              },
            },
            {
              header: t('common.actions'),
              cell: (service) => (
                <ul className="nhsuk-list">
                  <li>
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                      aria-disabled={busyId === service.id || undefined}
                      onClick={() => void confirm(service)}
                    >
                      {t('curation.services.confirm')}
                      <span className="nhsuk-u-visually-hidden">
                        {' '}
                        {t('curation.services.confirmFor', { name: service.name })}
                      </span>
                    </button>
                  </li>
                  <li>
                    <Link to={`/curation/services/${service.id}/edit`}>
                      {t('curation.services.edit')}
                      <span className="nhsuk-u-visually-hidden"> {service.name}</span>
                    </Link>
                  </li>
                  <li>
                    <Link to={`/curation/services/${service.id}/history`}>
                      {t('curation.services.history')}
                      <span className="nhsuk-u-visually-hidden"> {service.name}</span>
                    </Link>
                  </li>
                </ul>
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
