// API clients: keys that let another system (a GP system's integration engine, a provider's case
// management system) call Linkwell for one organisation. A key is shown once, when it is made.
import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { admin } from '../../api/endpoints';
import type { ApiClient } from '../../api/types';
import { Button, ButtonLink } from '../../components/button';
import { Loading, NotificationBanner, Table, Tag, WarningCallout } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Select, TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime } from '../../i18n';
import { useOrganisationChoices } from './shared';

const noFields: readonly string[] = [];

export function ApiClientsPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const list = useApiData(() => admin.listApiClients(), []);
  const [confirming, setConfirming] = useState<ApiClient | undefined>();
  const [revokedName, setRevokedName] = useState<string | undefined>();
  const form = useFormErrors(noFields);
  const { isBusy, run } = useSubmit(form.showApiError);
  const confirmation = useRef<HTMLDivElement>(null);

  const askToRevoke = (client: ApiClient) => {
    setConfirming(client);
    setRevokedName(undefined);
    // Move focus to the question so keyboard and screen reader users meet it.
    requestAnimationFrame(() => confirmation.current?.focus());
  };

  const revoke = async () => {
    if (!confirming) return;
    await run(async () => {
      await admin.revokeApiClient(confirming.id);
      setRevokedName(confirming.name);
      setConfirming(undefined);
      form.clear();
      list.reload();
    });
  };

  return (
    <Page title={t('apiClients.title')} hasErrors={form.hasErrors}>
      {flash && !revokedName && <NotificationBanner isSuccess>{flash}</NotificationBanner>}
      {revokedName && (
        <NotificationBanner isSuccess>{t('apiClients.revoked', { name: revokedName })}</NotificationBanner>
      )}
      <ErrorSummary errors={form.summary} />
      <p>{t('apiClients.intro')}</p>
      <ButtonLink to="/admin/api-clients/new">{t('apiClients.add')}</ButtonLink>
      {confirming && (
        <div ref={confirmation} tabIndex={-1} className="lw-focus-target">
          <WarningCallout heading={t('apiClients.confirmTitle', { name: confirming.name })}>
            <p>{t('apiClients.confirmBody')}</p>
            <div className="lw-button-group">
              <Button type="button" variant="warning" isBusy={isBusy} onClick={() => void revoke()}>
                {t('apiClients.confirmRevoke')}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setConfirming(undefined)}>
                {t('common.cancel')}
              </Button>
            </div>
          </WarningCallout>
        </div>
      )}
      {list.isLoading && !list.data && <Loading />}
      {Boolean(list.error) && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <p>{t('apiClients.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <Table
          caption={t('apiClients.title')}
          isCaptionHidden
          rows={list.data.items}
          rowKey={(client) => client.id}
          columns={[
            { header: t('apiClients.name'), cell: (client) => client.name },
            { header: t('apiClients.organisation'), cell: (client) => client.organisationName ?? '' },
            { header: t('apiClients.keyPrefix'), cell: (client) => <code>{client.keyPrefix}…</code> },
            { header: t('common.created'), cell: (client) => formatDateTime(client.createdAt) },
            {
              header: t('apiClients.lastUsed'),
              cell: (client) => (client.lastUsedAt ? formatDateTime(client.lastUsedAt) : t('users.never')),
            },
            {
              header: t('apiClients.signedAssertions'),
              cell: (client) => (
                <>
                  {client.jwksKeyIds.length
                    ? t('apiClients.keyCount', { count: client.jwksKeyIds.length })
                    : t('apiClients.noKeys')}
                  {!client.revokedAt && (
                    <>
                      <br />
                      <Link to={`/admin/api-clients/${client.id}/keys`}>
                        {client.jwksKeyIds.length
                          ? t('apiClients.replaceKeys')
                          : t('apiClients.registerKeys')}
                        <span className="nhsuk-u-visually-hidden"> {client.name}</span>
                      </Link>
                    </>
                  )}
                </>
              ),
            },
            {
              header: t('apiClients.status'),
              cell: (client) =>
                client.revokedAt ? (
                  <Tag colour="grey">{t('apiClients.statusRevoked')}</Tag>
                ) : (
                  <Tag colour="green">{t('apiClients.statusActive')}</Tag>
                ),
            },
            {
              header: <span className="nhsuk-u-visually-hidden">{t('common.actions')}</span>,
              cell: (client) =>
                client.revokedAt ? null : (
                  <button type="button" className="lw-link-button" onClick={() => askToRevoke(client)}>
                    {t('apiClients.revoke')}
                    <span className="nhsuk-u-visually-hidden"> {client.name}</span>
                  </button>
                ),
            },
          ]}
        />
      )}
    </Page>
  );
}

const fields = ['organisationId', 'name'] as const;

export function NewApiClientPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const organisations = useOrganisationChoices();
  const [organisationId, setOrganisationId] = useState('');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ client: ApiClient; key: string } | undefined>();
  const form = useFormErrors(fields);
  const { isBusy, run } = useSubmit(form.showApiError);
  const crumbs = [{ to: '/admin/api-clients', text: t('apiClients.title') }];

  if (created) {
    return (
      <Page title={t('apiClients.createdTitle')} breadcrumbs={crumbs} width="two-thirds">
        <div className="nhsuk-panel">
          <p>
            {t('apiClients.createdFor', {
              name: created.client.name,
              organisation: created.client.organisationName ?? '',
            })}
          </p>
          <p className="nhsuk-u-margin-bottom-2">
            <strong>{t('apiClients.key')}</strong>
          </p>
          <p className="lw-secret" id="api-key">
            {created.key}
          </p>
        </div>
        <WarningCallout heading={t('apiClients.onceTitle')}>
          <p>{t('apiClients.onceBody')}</p>
        </WarningCallout>
        <Button
          type="button"
          onClick={() =>
            void navigate('/admin/api-clients', {
              state: { flash: t('apiClients.createdFlash', { name: created.client.name }) },
            })
          }
        >
          {t('apiClients.done')}
        </Button>
      </Page>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!organisationId) problems.organisationId = t('apiClients.errors.organisationMissing');
    if (!name.trim()) problems.name = t('apiClients.errors.nameMissing');
    if (Object.keys(problems).length) return form.showFieldErrors(problems);
    await run(async () => {
      setCreated(await admin.createApiClient({ organisationId, name: name.trim() }));
    });
  };

  return (
    <Page title={t('apiClients.addTitle')} hasErrors={form.hasErrors} breadcrumbs={crumbs} width="two-thirds">
      <ErrorSummary errors={form.summary} />
      {organisations.isLoading && <Loading />}
      {Boolean(organisations.error) && (
        <LoadError error={organisations.error} onRetry={organisations.reload} />
      )}
      {organisations.data && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Select
            id="organisationId"
            label={t('apiClients.organisation')}
            hint={t('apiClients.organisationHint')}
            value={organisationId}
            onChange={setOrganisationId}
            error={form.fieldError('organisationId')}
            options={[
              { value: '', text: t('common.choose') },
              ...organisations.data.map((organisation) => ({
                value: organisation.id,
                text: organisation.name,
              })),
            ]}
          />
          <TextInput
            id="name"
            label={t('apiClients.name')}
            hint={t('apiClients.nameHint')}
            value={name}
            onChange={setName}
            error={form.fieldError('name')}
          />
          <Button isBusy={isBusy}>{t('apiClients.create')}</Button>
        </form>
      )}
    </Page>
  );
}
