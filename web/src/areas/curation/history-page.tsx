// A service's history (/curation/services/:id/history): every version with who, when, its status
// and the fields it changed. Curators may restore an earlier published version.
import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { curation, directory, type ServiceRevision } from '../../api/directory';
import { ApiError } from '../../api/client';
import { Loading, NotificationBanner, Table, Tag, type TagColour } from '../../components/display';
import { ErrorSummary, type ErrorItem } from '../../components/error-summary';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { isCurator } from './shared';

const statusColour: Record<string, TagColour> = {
  live: 'green',
  pending: 'blue',
  superseded: 'grey',
  rejected: 'red',
};
const knownStatuses = ['live', 'pending', 'superseded', 'rejected'] as const;

export function ServiceHistoryPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user } = useSignedIn();
  const data = useApiData(async () => {
    const [service, revisions] = await Promise.all([directory.service(id), curation.revisions(id)]);
    return { service, revisions: revisions.items };
  }, [id]);
  const [message, setMessage] = useState<string | undefined>();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [busyId, setBusyId] = useState<string | undefined>();
  const crumbs = [{ to: '/curation/services', text: t('curation.services.title') }];

  if (!data.data) {
    return (
      <Page title={t('curation.history.loadingTitle')} breadcrumbs={crumbs}>
        {data.isLoading ? <Loading /> : <LoadError error={data.error} onRetry={data.reload} />}
      </Page>
    );
  }

  const restore = async (revision: ServiceRevision) => {
    if (busyId) return;
    setBusyId(revision.id);
    setErrors([]);
    setMessage(undefined);
    try {
      await curation.revert(id, revision.id);
      setMessage(t('curation.history.restored'));
      data.reload();
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

  const statusText = (status: string) =>
    (knownStatuses as readonly string[]).includes(status)
      ? t(`curation.history.statuses.${status as (typeof knownStatuses)[number]}`)
      : status;
  const canRestore = isCurator(user.role);

  return (
    <Page
      title={t('curation.history.title', { name: data.data.service.name })}
      breadcrumbs={crumbs}
      hasErrors={errors.length > 0}
    >
      <ErrorSummary errors={errors} />
      {message && (
        <NotificationBanner isSuccess key={message}>
          <p className="nhsuk-notification-banner__heading">{message}</p>
        </NotificationBanner>
      )}
      {data.data.revisions.length === 0 ? (
        <p>{t('curation.history.none')}</p>
      ) : (
        <Table
          caption={t('curation.history.caption')}
          rows={data.data.revisions}
          rowKey={(revision) => revision.id}
          columns={[
            { header: t('curation.history.when'), cell: (revision) => formatDateTime(revision.createdAt) },
            {
              header: t('curation.history.who'),
              cell: (revision) => revision.createdBy?.name ?? t('curation.history.nobody'),
            },
            {
              header: t('curation.history.status'),
              cell: (revision) => (
                <Tag colour={statusColour[revision.status]}>{statusText(revision.status)}</Tag>
              ),
            },
            {
              header: t('curation.history.change'),
              cell: (revision) => (
                <>
                  <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">{revision.summary}</p>
                  {revision.changedFields.length > 0 && (
                    <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                      {t('curation.history.changedFields', { fields: revision.changedFields.join(', ') })}
                    </p>
                  )}
                  {revision.reviewNote && (
                    <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                      {t('curation.history.reviewNote', { note: revision.reviewNote })}
                    </p>
                  )}
                  {canRestore && revision.status === 'superseded' && (
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                      aria-disabled={busyId === revision.id || undefined}
                      onClick={() => void restore(revision)}
                    >
                      {t('curation.history.restore')}
                      <span className="nhsuk-u-visually-hidden">
                        {' '}
                        {t('curation.history.restoreFrom', { date: formatDateTime(revision.createdAt) })}
                      </span>
                    </button>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
