// The link worker's duplicate review on a referral's record: the warning when intake found another
// person this one may be (a shared NHS number with other details, say), the details the referral
// gives that the person's record lacks or holds differently, and the timeline lines that say what
// intake flagged and what accepting filled in. The server decides who may open the other person's
// referral (canOpen); this only shows its answer.
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  referralLink,
  type ProposedPersonDetail,
  type ProposedPersonField,
  type ReferralRecord,
  type TimelineEvent,
} from '../../api/casework';
import { SummaryList, Tag, WarningCallout } from '../../components/display';
import { demographicLabel, isDemographicField } from '../../components/equality-monitoring';
import { formatDay } from '../../i18n';
import { labelOf } from './shared';

export const referredDetailsId = 'referred-details';

export function PossibleDuplicateWarning({ record }: { record: ReferralRecord }) {
  const { t } = useTranslation();
  if (record.possibleDuplicates.length === 0) return null;
  const check =
    record.status === 'received'
      ? t('casework.duplicateReview.checkBeforeAccepting')
      : t('casework.duplicateReview.checkSamePerson');
  return (
    <WarningCallout heading={t('casework.duplicateReview.heading')}>
      {record.possibleDuplicates.map((duplicate) => {
        const born = duplicate.dateOfBirth
          ? t('casework.duplicateReview.born', { date: formatDay(duplicate.dateOfBirth) })
          : t('casework.duplicateReview.bornUnknown');
        return (
          <div key={duplicate.personId}>
            <p>
              {t(`casework.duplicateReview.found.${duplicate.reason}`, {
                name: duplicate.name,
                born,
                check,
              })}
            </p>
            <p>
              {duplicate.canOpen && duplicate.referralId ? (
                <Link to={referralLink(duplicate.referralId)}>
                  {t('casework.duplicateReview.open', { name: duplicate.name })}
                </Link>
              ) : (
                t('casework.duplicateReview.askCoordinator', { name: duplicate.name })
              )}
            </p>
          </div>
        );
      })}
    </WarningCallout>
  );
}

/** What the referral proposes against what the record holds; shown only when they differ. */
export function ReferredDetails({ record }: { record: ReferralRecord }) {
  const { t } = useTranslation();
  const details = record.personDetailsFromReferral;
  if (details.length === 0) return null;
  const canAccept = record.abilities.canAccept;
  return (
    <>
      <h2 className="nhsuk-heading-m" id={referredDetailsId}>
        {t('casework.referredDetails.title')}
      </h2>
      <p>
        {canAccept ? t('casework.referredDetails.introBeforeAccept') : t('casework.referredDetails.intro')}
      </p>
      <SummaryList
        rows={details.map((detail) => ({
          key: fieldLabel(t, detail.field),
          value: (
            <>
              <p className="nhsuk-u-margin-bottom-1 lw-wrap-anywhere">
                {valueText(t, detail.field, detail.proposed)}
              </p>
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 lw-wrap-anywhere">
                {detail.onRecord === null
                  ? t('casework.referredDetails.notOnRecord')
                  : t('casework.referredDetails.onRecord', {
                      value: valueText(t, detail.field, detail.onRecord),
                    })}
              </p>
              {detail.fillsBlank ? (
                <Tag colour={canAccept ? 'blue' : 'grey'}>
                  {canAccept
                    ? t('casework.referredDetails.fillsOnAccept')
                    : t('casework.referredDetails.blankOnRecord')}
                </Tag>
              ) : (
                <Tag colour="orange">{t('casework.referredDetails.differs')}</Tag>
              )}
            </>
          ),
        }))}
      />
    </>
  );
}

/** The lines under a duplicate-review event in the timeline: why intake flagged, what accept filled. */
export function DuplicateReviewEventLines({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  const details = event.details;
  if (event.type === 'referral.possible_duplicate_person') {
    const reasons = [
      ...new Set(
        recordsIn(details.possibleDuplicates).flatMap((item) =>
          typeof item.reason === 'string' ? [item.reason] : [],
        ),
      ),
    ];
    if (reasons.length === 0) return null;
    return (
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
        {t('casework.timeline.duplicateWhy', {
          reasons: reasons.map((reason) => labelOf(t, 'matchReasons', reason)).join('; '),
        })}
      </p>
    );
  }
  if (event.type !== 'referral.person_details_proposed') return null;
  const filled = recordsIn(details.filled).flatMap(asDetail);
  const notApplied = recordsIn(details.notApplied).flatMap(asDetail);
  return (
    <>
      {filled.length > 0 && (
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 lw-wrap-anywhere">
          {t('casework.timeline.detailsFilled', {
            details: filled
              .map((detail) =>
                t('casework.timeline.detail', {
                  field: fieldLabel(t, detail.field),
                  value: valueText(t, detail.field, detail.proposed),
                }),
              )
              .join('; '),
          })}
        </p>
      )}
      {notApplied.length > 0 && (
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 lw-wrap-anywhere">
          {t('casework.timeline.detailsNotApplied', {
            details: notApplied
              .map((detail) =>
                t('casework.timeline.detailDiffers', {
                  field: fieldLabel(t, detail.field),
                  value: valueText(t, detail.field, detail.proposed),
                  onRecord: valueText(t, detail.field, detail.onRecord),
                }),
              )
              .join('; '),
          })}
        </p>
      )}
    </>
  );
}

const fieldLabel = (t: TFunction, field: ProposedPersonField) =>
  isDemographicField(field)
    ? t(`demographics.fields.${field}`)
    : t(`casework.referredDetails.fields.${field}`);

function valueText(t: TFunction, field: ProposedPersonField, value: string | boolean | null): string {
  if (typeof value === 'boolean')
    return value ? t('casework.referredDetails.yes') : t('casework.referredDetails.no');
  if (value === null) return t('common.notSet');
  if (isDemographicField(field)) return demographicLabel(t, field, value);
  return field === 'preferredChannel' ? labelOf(t, 'channels', value) : value;
}

// Event details are stored JSON (Record<string, unknown>): read what is there, skip what is not.
function recordsIn(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    : [];
}

const proposedFields: readonly ProposedPersonField[] = [
  'nhsNumber',
  'email',
  'phone',
  'preferredChannel',
  'addressLine',
  'postcode',
  'language',
  'needsInterpreter',
];

const isDetailValue = (value: unknown): value is string | boolean =>
  typeof value === 'string' || typeof value === 'boolean';

function asDetail(item: Record<string, unknown>): ProposedPersonDetail[] {
  const field = proposedFields.find((name) => name === item.field);
  if (!field || !isDetailValue(item.proposed)) return [];
  const onRecord = isDetailValue(item.onRecord) ? item.onRecord : null;
  return [{ field, proposed: item.proposed, onRecord, fillsBlank: item.fillsBlank === true }];
}
