// The timeline of every event on a referral, oldest first: what happened, the status it moved
// between, the reason and note, who did it, its SNOMED CT code, and whether the referrer sees it.
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../api/casework';
import { Tag } from '../../components/display';
import { formatDateTime } from '../../i18n';
import { DuplicateReviewEventLines } from './duplicate-review';
import { labelOf, needsText } from './shared';

export function Timeline({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p>{t('casework.timeline.empty')}</p>;
  // The server lists events in the order they were recorded (newest last).
  const ordered = events;
  return (
    <ol className="lw-timeline" aria-labelledby="timeline-heading">
      {ordered.map((event) => {
        const snomed = event.snomed;
        const details = event.details;
        const serviceName = typeof details.serviceName === 'string' ? details.serviceName : undefined;
        const needs = Array.isArray(details.needs) ? (details.needs as string[]) : undefined;
        const assignee =
          event.type === 'referral.assigned' && typeof details.to === 'string' ? details.to : undefined;
        const contact =
          typeof details.mode === 'string' && typeof details.outcome === 'string'
            ? `${labelOf(t, 'modes', details.mode)} – ${labelOf(t, 'outcomes', details.outcome)}`
            : undefined;
        return (
          <li className="lw-timeline__item" key={event.id}>
            <p className="lw-timeline__title nhsuk-u-margin-bottom-1">{labelOf(t, 'events', event.type)}</p>
            <p className="lw-timeline__meta nhsuk-body-s">
              <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time> ·{' '}
              {t('casework.timeline.by', { actor: event.actorLabel })}
            </p>
            {event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus && (
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                {t('casework.timeline.statusChange', {
                  from: labelOf(t, 'status', event.fromStatus),
                  to: labelOf(t, 'status', event.toStatus),
                })}
              </p>
            )}
            {serviceName && (
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                {t('casework.timeline.service', { service: serviceName })}
              </p>
            )}
            {assignee && (
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                {t('casework.timeline.assignedTo', { name: assignee })}
              </p>
            )}
            {contact && <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">{contact}</p>}
            {needs && needs.length > 0 && (
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                {t('casework.timeline.needs', { needs: needsText(t, needs) })}
              </p>
            )}
            {event.reason && (
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                {t('casework.timeline.reason', { reason: labelOf(t, 'reasons', event.reason) })}
              </p>
            )}
            {event.note && <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">{event.note}</p>}
            <DuplicateReviewEventLines event={event} />
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
              {snomed && (
                <span>{t('casework.timeline.snomed', { code: snomed.code, display: snomed.display })} </span>
              )}
              {event.isVisibleToReferrer && (
                <Tag colour="white">{t('casework.timeline.sharedWithReferrer')}</Tag>
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
