// The shortlist (/directory/shortlist): the services a link worker chose for a person, with the
// details the person needs on paper — name, address, phone and opening times — a print button, and
// (for programme staff) a form to send it to the person by email or text message.
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { directory, type ServiceDetail } from '../../api/directory';
import { Loading } from '../../components/display';
import { describeContact } from '../../components/directory/contact';
import { openingTimesInWords } from '../../components/directory/describe';
import { addressOf } from '../../components/directory/service-details';
import { useShortlist } from '../../components/directory/shortlist';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useSignedIn } from '../../session/session';
import { SendShortlistForm } from './send-shortlist-form';
import { useSendShortlistText } from './send-shortlist-text';
import '../../components/directory/directory.scss';

export function ShortlistPage() {
  const { t } = useTranslation();
  const sendText = useSendShortlistText();
  const { abilities } = useSignedIn();
  const [hasSendErrors, setHasSendErrors] = useState(false);
  const shortlist = useShortlist();
  const ids = shortlist.entries.map((entry) => entry.id);
  const details = useApiData(async () => {
    const answers = await Promise.allSettled(ids.map((id) => directory.service(id)));
    return new Map(
      answers.flatMap((answer, index) =>
        answer.status === 'fulfilled' ? [[ids[index]!, answer.value] as [string, ServiceDetail]] : [],
      ),
    );
  }, [ids.join(',')]);

  return (
    <Page
      title={t('directory.shortlist.title')}
      backLink={{ to: '/directory', text: t('directory.search.backToSearch') }}
      width="two-thirds"
      hasErrors={hasSendErrors}
    >
      <div className="lw-shortlist">
        {shortlist.entries.length === 0 ? (
          <p>
            {t('directory.shortlist.empty')}{' '}
            <Link to="/directory">{t('directory.shortlist.findServices')}</Link>
          </p>
        ) : (
          <>
            <p className="lw-no-print">{t('directory.shortlist.intro')}</p>
            <div className="lw-no-print">
              <button type="button" className="nhsuk-button" onClick={() => window.print()}>
                {t('directory.shortlist.print')}
              </button>
            </div>
            {details.isLoading && <Loading />}
            {Boolean(details.error) && <LoadError error={details.error} onRetry={details.reload} />}
            <ol className="lw-shortlist__list">
              {shortlist.entries.map((entry) => {
                const service = details.data?.get(entry.id);
                const location = service?.locations?.[0];
                const phones = describeContact(service);
                const times = openingTimesInWords(service?.schedules, t);
                return (
                  <li key={entry.id} className="lw-shortlist__item">
                    <h2 className="nhsuk-heading-m nhsuk-u-margin-bottom-1">{entry.name}</h2>
                    <p className="nhsuk-body-s">{entry.organisationName}</p>
                    {location && (
                      <p>
                        <strong>{t('directory.shortlist.address')}:</strong>{' '}
                        <span>{addressOf(location)}</span>
                      </p>
                    )}
                    {phones.length > 0 && (
                      <p>
                        <strong>{t('directory.service.phone')}:</strong> <span>{phones.join(', ')}</span>
                      </p>
                    )}
                    {times.length > 0 && (
                      <>
                        <p className="nhsuk-u-margin-bottom-1">
                          <strong>{t('directory.shortlist.openingTimes')}:</strong>
                        </p>
                        <ul className="nhsuk-list">
                          {times.map((line) => (
                            <li key={line}>{line}</li>
                          ))}
                        </ul>
                      </>
                    )}
                    <p className="lw-no-print">
                      <Link to={`/directory/services/${entry.id}`}>
                        {t('directory.shortlist.view')}
                        <span className="nhsuk-u-visually-hidden">: {entry.name}</span>
                      </Link>
                    </p>
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small lw-no-print"
                      onClick={() => shortlist.remove(entry.id)}
                    >
                      {t('directory.shortlist.remove')}
                      <span className="nhsuk-u-visually-hidden">: {entry.name}</span>
                    </button>
                  </li>
                );
              })}
            </ol>
            {/* Sending needs a programme: the same people the worker can find (server-decided). */}
            {abilities.canFindPeople && (
              <section className="lw-no-print" aria-labelledby="send-shortlist-heading">
                <h2 className="nhsuk-heading-l" id="send-shortlist-heading">
                  {sendText('heading')}
                </h2>
                <SendShortlistForm serviceIds={ids} onErrorsChange={setHasSendErrors} />
              </section>
            )}
          </>
        )}
      </div>
    </Page>
  );
}
