// Registering an API client's public keys (JWKS), so its system can swap a signed JWT for a
// 5-minute access token (OAuth2 client credentials, SMART Backend Services) instead of sending
// its long-lived API key. Only public keys: the server refuses private key material.
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { admin } from '../../api/endpoints';
import { Button } from '../../components/button';
import { Loading, SummaryList, WarningCallout } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Textarea } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';

// The API names every problem inside the key set under `keys` (keys.0.d → keys).
const fields = ['keys'] as const;

export function ApiClientKeysPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const list = useApiData(() => admin.listApiClients(), []);
  const [text, setText] = useState('');
  const form = useFormErrors(fields);
  const { isBusy, run } = useSubmit(form.showApiError);
  const crumbs = [{ to: '/admin/api-clients', text: t('apiClients.title') }];
  const client = list.data?.items.find((item) => item.id === id);

  // Every state is a titled page, so a screen reader user always lands on a heading.
  if (!client) {
    return (
      <Page title={t('apiClients.keys.genericTitle')} breadcrumbs={crumbs} width="two-thirds">
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : list.data ? (
          <p>{t('apiClients.keys.notFound')}</p>
        ) : (
          <Loading />
        )}
      </Page>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return form.showFieldErrors({ keys: t('apiClients.keys.errors.missing') });
    let jwks: unknown;
    try {
      jwks = JSON.parse(text);
    } catch {
      return form.showFieldErrors({ keys: t('apiClients.keys.errors.notJson') });
    }
    await run(async () => {
      const saved = await admin.replaceApiClientKeys(client.id, jwks);
      void navigate('/admin/api-clients', {
        state: {
          flash: t('apiClients.keys.saved', { name: saved.name, kids: saved.jwksKeyIds.join(', ') }),
        },
      });
    });
  };

  const title = t('apiClients.keys.title', { name: client.name });
  return (
    <Page title={title} hasErrors={form.hasErrors} breadcrumbs={crumbs} width="two-thirds">
      <ErrorSummary errors={form.summary} />
      <p>{t('apiClients.keys.intro', { name: client.name })}</p>
      <SummaryList
        rows={[
          { key: t('apiClients.keys.clientId'), value: <code>{client.id}</code> },
          {
            key: t('apiClients.keys.tokenUrl'),
            value: <code>{`${window.location.origin}/oauth2/token`}</code>,
          },
          {
            key: t('apiClients.keys.registered'),
            value: client.jwksKeyIds.length ? client.jwksKeyIds.join(', ') : t('apiClients.keys.none'),
          },
        ]}
      />
      {client.revokedAt ? (
        <WarningCallout heading={t('apiClients.statusRevoked')}>
          <p>{t('apiClients.keys.revokedClient')}</p>
        </WarningCallout>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Textarea
            id="keys"
            label={t('apiClients.keys.label')}
            hint={t('apiClients.keys.hint')}
            value={text}
            onChange={setText}
            error={form.fieldError('keys')}
            rows={10}
          />
          <Button isBusy={isBusy}>{t('apiClients.keys.submit')}</Button>
        </form>
      )}
    </Page>
  );
}
