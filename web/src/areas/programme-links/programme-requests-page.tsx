// A referring organisation's answer to programmes that ask for its referrals (its referrers; platform
// admins see every organisation's). A link decides where the organisation's referrals go, so only
// the organisation approves it (src/programmes/links.ts); the server says, per request, who may
// answer (abilities.canApprove / canDecline), and this page offers only that.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { programmeLinksApi, type ProgrammeLinkRequest } from '../../api/programme-links';
import { Button } from '../../components/button';
import { Loading, NotificationBanner, Table, WarningCallout } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Textarea } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime } from '../../i18n';
import { useSignedIn } from '../../session/session';

const fields = ['note'] as const;

export function ProgrammeRequestsPage() {
  const { t } = useTranslation();
  const { abilities } = useSignedIn();
  // A platform admin answers for every organisation, so each row names it.
  const isForEveryOrganisation = abilities.canAdministerPlatform ?? false;
  const links = useApiData(() => programmeLinksApi.list(), []);
  const [declining, setDeclining] = useState<ProgrammeLinkRequest | undefined>();
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | undefined>();
  const form = useFormErrors(fields);
  // A refused answer (already answered, changed since loaded) shows why, and the list is read again.
  const { isBusy, run } = useSubmit((error: unknown) => {
    form.showApiError(error);
    links.reload();
  });
  const confirmation = useRef<HTMLDivElement>(null);

  const names = (request: ProgrammeLinkRequest) => ({
    programme: request.programmeName,
    organisation: request.organisationName,
  });

  const approve = (request: ProgrammeLinkRequest) =>
    run(
      () => programmeLinksApi.approve(request),
      () => {
        setDeclining(undefined);
        setDone(t('programmeLinks.approved', names(request)));
        form.clear();
        links.reload();
      },
    );

  const askToDecline = (request: ProgrammeLinkRequest) => {
    setDeclining(request);
    setNote('');
    setDone(undefined);
    form.clear();
    // Move focus to the question so keyboard and screen reader users meet it.
    requestAnimationFrame(() => confirmation.current?.focus());
  };

  const decline = (request: ProgrammeLinkRequest) =>
    run(
      () => programmeLinksApi.decline(request, note),
      () => {
        setDeclining(undefined);
        setDone(t('programmeLinks.declined', names(request)));
        form.clear();
        links.reload();
      },
    );

  const pending = links.data?.requests.filter((request) => request.status === 'pending') ?? [];
  const approvedLinks = links.data?.links ?? [];
  const organisationColumn = isForEveryOrganisation
    ? [
        {
          header: t('programmeLinks.organisation'),
          cell: (row: { organisationName: string }) => row.organisationName,
        },
      ]
    : [];

  return (
    <Page title={t('programmeLinks.title')} hasErrors={form.hasErrors}>
      {done && <NotificationBanner isSuccess>{done}</NotificationBanner>}
      <ErrorSummary errors={form.summary} />
      <p>{t('programmeLinks.intro')}</p>
      {declining && (
        <div ref={confirmation} tabIndex={-1} className="lw-focus-target">
          <WarningCallout heading={t('programmeLinks.declineTitle', names(declining))}>
            <p>{t('programmeLinks.declineBody', names(declining))}</p>
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void decline(declining);
              }}
            >
              <Textarea
                id="note"
                label={t('programmeLinks.declineNote')}
                hint={t('programmeLinks.declineNoteHint')}
                value={note}
                onChange={setNote}
                rows={3}
                error={form.fieldError('note')}
              />
              <div className="lw-button-group">
                <Button variant="warning" isBusy={isBusy}>
                  {t('programmeLinks.confirmDecline')}
                </Button>
                <Button type="button" variant="secondary" onClick={() => setDeclining(undefined)}>
                  {t('common.cancel')}
                </Button>
              </div>
            </form>
          </WarningCallout>
        </div>
      )}
      {links.isLoading && !links.data && <Loading />}
      {Boolean(links.error) && <LoadError error={links.error} onRetry={links.reload} />}
      {links.data && (
        <>
          <h2 className="nhsuk-heading-m">{t('programmeLinks.pendingTitle')}</h2>
          {pending.length === 0 ? (
            <p>{t('programmeLinks.noPending')}</p>
          ) : (
            <Table
              caption={t('programmeLinks.pendingTitle')}
              isCaptionHidden
              rowKey={(request) => request.id}
              rows={pending}
              columns={[
                { header: t('programmeLinks.programme'), cell: (request) => request.programmeName },
                ...organisationColumn,
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
                  // A span: the table wraps each cell's content in one (no block inside an inline).
                  cell: (request) => (
                    <span className="lw-button-group">
                      {request.abilities.canApprove && (
                        <Button type="button" isSmall isBusy={isBusy} onClick={() => void approve(request)}>
                          {t('programmeLinks.approve')}
                          <span className="nhsuk-u-visually-hidden"> {request.programmeName}</span>
                        </Button>
                      )}
                      {request.abilities.canDecline && (
                        <Button
                          type="button"
                          variant="secondary"
                          isSmall
                          onClick={() => askToDecline(request)}
                        >
                          {t('programmeLinks.decline')}
                          <span className="nhsuk-u-visually-hidden"> {request.programmeName}</span>
                        </Button>
                      )}
                    </span>
                  ),
                },
              ]}
            />
          )}
          <h2 className="nhsuk-heading-m">{t('programmeLinks.linksTitle')}</h2>
          {approvedLinks.length === 0 ? (
            <p>{t('programmeLinks.noLinks')}</p>
          ) : (
            <Table
              caption={t('programmeLinks.linksTitle')}
              isCaptionHidden
              rowKey={(link) => `${link.programmeId}-${link.organisationId}`}
              rows={approvedLinks}
              columns={[
                { header: t('programmeLinks.programme'), cell: (link) => link.programmeName },
                ...organisationColumn,
                {
                  header: t('programmeLinks.approvedBy'),
                  cell: (link) => link.approvedByName ?? t('programmeLinks.unknownPerson'),
                },
                { header: t('programmeLinks.approvedOn'), cell: (link) => formatDateTime(link.approvedAt) },
              ]}
            />
          )}
        </>
      )}
    </Page>
  );
}
