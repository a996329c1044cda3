// Everything about one service, in the order people ask: what it is, where, when, who it is for,
// languages, cost, how to get in touch, whether it has room, and when the details were checked.
// Staff and public pages both show this; staff pages add the shortlist.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceDetail, ServiceDetailLocation } from '../../api/directory';
import { SummaryList, Tag } from '../display';
import { OpenStatus } from './result-item';
import {
  capacityTag,
  formatDate,
  formatMoney,
  freshnessText,
  languageName,
  openingTimesInWords,
} from './describe';

export function addressOf(location: ServiceDetailLocation): string {
  return [location.address1, location.city, location.postcode].filter(Boolean).join(', ');
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="lw-directory-section">
      <h2 className="nhsuk-heading-m">{title}</h2>
      {children}
    </section>
  );
}

/** The service's record of answering referrals, so a link worker knows what to expect. */
function RepliesText({ replies }: { replies: ServiceDetail['replies'] }) {
  const { t } = useTranslation();
  const months = replies.periodMonths;
  if (replies.acceptanceRate === null) return <>{t('directory.service.repliesTooFew', { months })}</>;
  const days = replies.medianReplyDays;
  return (
    <>
      <span className="lw-block">
        {t('directory.service.acceptanceRate', {
          percent: Math.round(replies.acceptanceRate * 100),
          count: replies.referralsAnswered,
          months,
        })}
      </span>
      {days !== null && (
        <span className="lw-block">
          {days < 1
            ? t('directory.service.medianReplySameDay')
            : t('directory.service.medianReply', { days: Math.round(days) })}
        </span>
      )}
    </>
  );
}

export function ServiceDetails({ service }: { service: ServiceDetail }) {
  const { t } = useTranslation();
  const openingTimes = openingTimesInWords(service.schedules, t);
  const capacity = capacityTag(service.capacity, t);
  const { minimumAge, maximumAge, description: eligibility } = service.eligibility;
  const costs = service.costs.options;
  const contacts = service.contacts.filter((contact) => contact.phone || contact.email);
  const languages = service.languages.map(languageName);
  const locations = service.locations;
  const today = new Date().toISOString().slice(0, 10);
  const closures = service.closures.filter((closure) => closure.endsOn >= today);

  let ages = t('directory.service.allAges');
  if (minimumAge !== null && maximumAge !== null)
    ages = t('directory.service.agesBetween', { minimumAge, maximumAge });
  else if (minimumAge !== null) ages = t('directory.service.agesFrom', { minimumAge });
  else if (maximumAge !== null) ages = t('directory.service.agesUpTo', { maximumAge });

  return (
    <>
      <p className="nhsuk-lede-text">{service.organisation.name}</p>
      <p className="lw-directory-result__tags">
        <OpenStatus result={service} />
        {capacity && <Tag colour={capacity.colour}>{capacity.text}</Tag>}
      </p>

      <Section title={t('directory.service.what')}>
        {service.alert && <p className="nhsuk-body-l">{service.alert}</p>}
        {service.description
          .split(/\n{2,}/)
          .filter(Boolean)
          .map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        {service.taxonomyTerms.length > 0 && (
          <p className="nhsuk-body-s">
            {t('directory.service.kinds')}: {service.taxonomyTerms.map((term) => term.name).join(', ')}
          </p>
        )}
      </Section>

      <Section title={t('directory.service.where')}>
        {locations.length === 0 && <p>{t('directory.service.noLocation')}</p>}
        {locations.map((location, index) => (
          <div key={location.id ?? index}>
            {location.name && <h3 className="nhsuk-heading-s">{location.name}</h3>}
            <p>{addressOf(location)}</p>
            {location.transport && (
              <p>
                <strong>{t('directory.service.transport')}:</strong> {location.transport}
              </p>
            )}
            {location.accessibility.length > 0 && (
              <>
                <p className="nhsuk-u-margin-bottom-1">
                  <strong>{t('directory.service.accessibility')}:</strong>
                </p>
                <ul>
                  {location.accessibility.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ))}
        {service.deliveryModes.length > 0 && (
          <p>
            <strong>{t('directory.service.howDelivered')}:</strong>{' '}
            {service.deliveryModes
              .map((mode) => t(`directory.deliveryModes.${deliveryModeKey(mode)}`))
              .join(', ')}
          </p>
        )}
      </Section>

      <Section title={t('directory.service.when')}>
        {openingTimes.length > 0 ? (
          <ul className="nhsuk-list">
            {openingTimes.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          <p>{t('directory.service.noTimes')}</p>
        )}
        {closures.map((closure) => (
          <p key={`${closure.startsOn}-${closure.endsOn}`}>
            {t('directory.service.closure', {
              from: formatDate(closure.startsOn),
              to: formatDate(closure.endsOn),
            })}
            {closure.reason ? ` (${closure.reason})` : ''}
          </p>
        ))}
      </Section>

      <Section title={t('directory.service.whoFor')}>
        {eligibility && <p>{eligibility}</p>}
        <p>{ages}</p>
      </Section>

      <SummaryList
        rows={[
          {
            key: t('directory.service.languages'),
            value: languages.length > 0 ? languages.join(', ') : t('directory.service.notKnown'),
          },
          {
            key: t('directory.service.cost'),
            value: (
              <>
                {service.costs.isFree ? t('directory.service.free') : t('directory.service.notFree')}
                {service.costs.feesDescription && <> – {service.costs.feesDescription}</>}
                {costs.map((cost, index) => (
                  <span key={index} className="lw-block">
                    {[
                      cost.option,
                      cost.amount ? formatMoney(cost.amount, cost.currency) : null,
                      cost.amountDescription,
                    ]
                      .filter(Boolean)
                      .join(' ')}
                  </span>
                ))}
              </>
            ),
          },
          {
            key: t('directory.service.capacity'),
            value: capacity ? capacity.text : t('directory.service.notKnown'),
          },
          { key: t('directory.service.replies'), value: <RepliesText replies={service.replies} /> },
          { key: t('directory.service.lastChecked'), value: freshnessText(service.freshness, t) },
        ]}
      />

      <Section title={t('directory.service.contact')}>
        {service.howToAccess && <p>{service.howToAccess}</p>}
        {contacts.map((contact, index) => (
          <p key={index}>
            {(contact.name || contact.title) && (
              <span className="lw-block">{[contact.name, contact.title].filter(Boolean).join(', ')}</span>
            )}
            {contact.phone && (
              <span className="lw-block">
                {t('directory.service.phone')}:{' '}
                <a href={`tel:${contact.phone.replace(/\s+/g, '')}`}>{contact.phone}</a>
              </span>
            )}
            {contact.email && (
              <span className="lw-block">
                {t('directory.service.email')}: <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </span>
            )}
          </p>
        ))}
        {service.email && !contacts.some((contact) => contact.email === service.email) && (
          <p>
            {t('directory.service.email')}: <a href={`mailto:${service.email}`}>{service.email}</a>
          </p>
        )}
        {(service.url ?? service.organisation.website) && (
          <p>
            <a href={service.url ?? service.organisation.website ?? undefined} rel="noopener noreferrer">
              {t('directory.service.website')}
            </a>
          </p>
        )}
      </Section>
    </>
  );
}

const deliveryModes = ['in_person', 'online', 'telephone', 'home_visit'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];
export const knownDeliveryModes: readonly DeliveryMode[] = deliveryModes;

export function deliveryModeKey(mode: string): DeliveryMode | 'other' {
  return (deliveryModes as readonly string[]).includes(mode) ? (mode as DeliveryMode) : 'other';
}
