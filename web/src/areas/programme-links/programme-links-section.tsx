// On a programme's page: the organisations whose referrals come to it (approved by the organisation)
// and the programme's requests still waiting for an organisation's answer, which the programme may
// withdraw (the server says which, abilities.canWithdraw).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { programmeLinksApi, type ProgrammeLinkRequest } from '../../api/programme-links';
import { Button } from '../../components/button';
import { Loading, NotificationBanner, Table } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { LoadError } from '../../components/load-error';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime } from '../../i18n';

const noFields: readonly string[] = [];

export function ProgrammeLinksSection({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const links = useApiData(() => programmeLinksApi.list({ programmeId }), [programmeId]);
  const [done, setDone] = useState<string | undefined>();
  const form = useFormErrors(noFields);
  const { isBusy, run } = useSubmit((error: unknown) => {
    form.showApiError(error);
    links.reload();
  });

  const withdraw = (request: ProgrammeLinkRequest) =>
    run(
      () => programmeLinksApi.withdraw(request),
      () => {
        setDone(t('programmeLinks.withdrawn', { organisation: request.organisationName }));
        form.clear();
        links.reload();
      },
    );

  const pending = links.data?.requests.filter((request) => request.status === 'pending') ?? [];
  const approved = links.data?.links ?? [];

  return (
    <section aria-labelledby="programme-links-title">
      <h2 className="nhsuk-heading-m" id="programme-links-title">
        {t('programmeLinks.programmeSection')}
      </h2>
      {done && <NotificationBanner isSuccess>{done}</NotificationBanner>}
      <ErrorSummary errors={form.summary} />
      <p>{t('programmeLinks.programmeIntro')}</p>
      {links.isLoading && !links.data && <Loading />}
      {Boolean(links.error) && <LoadError error={links.error} onRetry={links.reload} />}
      {links.data && (
        <>
          <h3 className="nhsuk-heading-s">{t('programmeLinks.programmeLinksTitle')}</h3>
          {approved.length === 0 ? (
            <p>{t('programmeLinks.programmeNoLinks')}</p>
          ) : (
            <Table
              caption={t('programmeLinks.programmeLinksTitle')}
              isCaptionHidden
              rowKey={(link) => link.organisationId}
              rows={approved}
              columns={[
                { header: t('programmeLinks.organisation'), cell: (link) => link.organisationName },
                {
                  header: t('programmeLinks.approvedBy'),
                  cell: (link) => link.approvedByName ?? t('programmeLinks.unknownPerson'),
                },
                { header: t('programmeLinks.approvedOn'), cell: (link) => formatDateTime(link.approvedAt) },
              ]}
            />
          )}
          <h3 className="nhsuk-heading-s">{t('programmeLinks.programmePendingTitle')}</h3>
          {pending.length === 0 ? (
            <p>{t('programmeLinks.programmeNoPending')}</p>
          ) : (
            <Table
              caption={t('programmeLinks.programmePendingTitle')}
              isCaptionHidden
              rowKey={(request) => request.id}
              rows={pending}
              columns={[
                { header: t('programmeLinks.organisation'), cell: (request) => request.organisationName },
                {
                  header: t('programmeLinks.askedBy'),
                  cell: (request) => request.requestedByName ?? t('programmeLinks.unknownPerson'),
                },
                {
                  header: t('programmeLinks.askedOn'),
                  cell: (request) => formatDateTime(request.requestedAt),
                },
                {
                  header: <span className="nhsuk-u-visually-hidden">{t('common.actions')}</span>,
                  cell: (request) =>
                    request.abilities.canWithdraw ? (
                      <Button
                        type="button"
                        variant="secondary"
                        isSmall
                        isBusy={isBusy}
                        onClick={() => void withdraw(request)}
                      >
                        {t('programmeLinks.withdraw')}
                        <span className="nhsuk-u-visually-hidden"> {request.organisationName}</span>
                      </Button>
                    ) : null,
                },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
