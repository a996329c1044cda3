// The development mailbox: messages Linkwell would have sent (password resets, invitations,
// lockout warnings), kept on the server instead when no GOV.UK Notify key is configured.
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { devMail } from '../../api/endpoints';
import type { DevNotification } from '../../api/types';
import { Button } from '../../components/button';
import { Loading, SummaryList, Tag } from '../../components/display';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime } from '../../i18n';

const urlPattern = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

/** Message text with its web addresses turned into links. */
export function linkify(text: string): ReactNode[] {
  return text.split(urlPattern).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part} className="lw-wrap-anywhere">
        {part}
      </a>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}

function Message({ message }: { message: DevNotification }) {
  const { t } = useTranslation();
  const heading = message.subject || t('mailbox.noSubject');
  return (
    <article className="lw-message" aria-labelledby={`message-${message.id}`}>
      <h2 className="nhsuk-heading-s" id={`message-${message.id}`}>
        {heading}
      </h2>
      <SummaryList
        isBorderless
        rows={[
          { key: t('mailbox.to'), value: <span className="lw-wrap-anywhere">{message.recipient}</span> },
          {
            key: t('mailbox.channel'),
            value: message.channel === 'sms' ? t('mailbox.sms') : t('mailbox.email'),
          },
          { key: t('mailbox.template'), value: <code>{message.template}</code> },
          { key: t('mailbox.created'), value: formatDateTime(message.createdAt) },
          {
            key: t('mailbox.status'),
            value: (
              <Tag
                colour={message.status === 'sent' ? 'green' : message.status === 'failed' ? 'red' : 'grey'}
              >
                {t(`mailbox.statuses.${message.status}` as 'mailbox.statuses.sent', {
                  defaultValue: message.status,
                })}
              </Tag>
            ),
          },
        ]}
      />
      <pre className="lw-message__body nhsuk-body">{linkify(message.body)}</pre>
    </article>
  );
}

export function MailboxPage() {
  const { t } = useTranslation();
  const list = useApiData(() => devMail.list(), []);
  const messages = [...(list.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const isOff = list.error instanceof ApiError && list.error.status === 404;

  return (
    <Page title={t('mailbox.title')}>
      <p>{t('mailbox.intro')}</p>
      <Button type="button" variant="secondary" onClick={list.reload} isBusy={list.isLoading}>
        {t('mailbox.refresh')}
      </Button>
      {list.isLoading && <Loading />}
      {isOff && <p>{t('mailbox.off')}</p>}
      {Boolean(list.error) && !isOff && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && <p role="status">{t('mailbox.count', { count: messages.length })}</p>}
      {messages.map((message) => (
        <Message key={message.id} message={message} />
      ))}
    </Page>
  );
}
