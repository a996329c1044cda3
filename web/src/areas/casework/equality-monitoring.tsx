// The person's equality monitoring answers and area on the referral record, and the page that
// changes the answers (/casework/referrals/:id/equality: PATCH /api/people/:id with the record's
// version; the server audits it). The area (LSOA, borough, IMD 2019 deciles) follows the postcode.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { referralLink, type ReferralRecord } from '../../api/casework';
import { people } from '../../api/people';
import { Button } from '../../components/button';
import { SummaryList, type SummaryRow } from '../../components/display';
import {
  demographicAnswers,
  demographicFields,
  demographicLabel,
  draftOfAnswers,
  EqualityMonitoringFields,
} from '../../components/equality-monitoring';
import { ErrorSummary } from '../../components/error-summary';
import { Page } from '../../components/page';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { personNameOf } from './shared';
import { ReferralGate, useReferralCase } from './use-referral';
import { deprivationDomains } from '../../../../src/vocabulary/demographics';

type RecordPerson = ReferralRecord['person'];

/** The answers and the area as summary lists, with a Change link to the edit page. */
export function EqualityMonitoringSummary({
  person,
  changeHref,
}: {
  person: RecordPerson;
  changeHref: string | null;
}) {
  const { t } = useTranslation();
  const change = changeHref ? (
    <Link to={changeHref}>
      {t('demographics.change')}
      <span className="nhsuk-u-visually-hidden"> {t('demographics.changeHidden')}</span>
    </Link>
  ) : undefined;
  const rows: SummaryRow[] = demographicFields
    .filter((field) => field !== 'genderIdentity' || person.genderIdentitySame === 'no')
    .map((field, index) => ({
      key: t(`demographics.fields.${field}`),
      value: demographicLabel(t, field, person[field]),
      action: index === 0 ? change : undefined,
    }));
  const area = person.area;
  const areaRows: SummaryRow[] = area
    ? [
        { key: t('demographics.area.borough'), value: area.boroughName ?? area.boroughCode },
        {
          key: t('demographics.area.lsoa'),
          value: area.lsoaCode
            ? `${area.lsoaName ?? ''} (${area.lsoaCode})`.trim()
            : t('demographics.area.boroughOnly'),
        },
        ...(area.imdDecile
          ? [
              {
                key: t('demographics.area.imd'),
                value: (
                  <>
                    {t('demographics.area.imdDecile', { decile: area.imdDecile })}
                    {area.imdRank ? (
                      <>
                        {' – '}
                        {t('demographics.area.imdRank', { rank: area.imdRank.toLocaleString('en-GB') })}
                      </>
                    ) : null}
                  </>
                ),
              },
            ]
          : []),
        ...(area.domainDeciles
          ? [
              {
                key: t('demographics.area.domains'),
                value: (
                  <ul className="nhsuk-list">
                    {deprivationDomains.map((domain) => (
                      <li key={domain}>
                        {t('demographics.area.domainDecile', {
                          domain: t(`demographics.area.domainNames.${domain}`),
                          decile: area.domainDeciles![domain],
                        })}
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]
          : []),
      ]
    : [{ key: t('demographics.area.borough'), value: t('demographics.area.unknown') }];
  return (
    <>
      <h2 className="nhsuk-heading-m">{t('demographics.recordTitle')}</h2>
      <SummaryList rows={rows} />
      <h3 className="nhsuk-heading-s">{t('demographics.areaTitle')}</h3>
      <SummaryList rows={areaRows} />
      {area?.domainDeciles && <p className="nhsuk-body-s">{t('demographics.area.source')}</p>}
    </>
  );
}

export function EqualityMonitoringPage() {
  const { t } = useTranslation();
  const referralCase = useReferralCase();
  return (
    <ReferralGate referralCase={referralCase} title={t('demographics.recordTitle')}>
      {(record) => <EqualityMonitoringForm record={record} reason={referralCase.reason} />}
    </ReferralGate>
  );
}

function EqualityMonitoringForm({ record, reason }: { record: ReferralRecord; reason: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const person = record.person;
  const [draft, setDraft] = useState(() => draftOfAnswers(person));
  const errors = useFormErrors(demographicFields);
  const { isBusy, run } = useSubmit(errors.showApiError);
  const back = referralLink(record.id, '', reason);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await people.updateDemographics(
        person.id,
        { ...demographicAnswers(draft), version: person.version },
        reason,
      );
      void navigate(back, { state: { flash: t('demographics.saved') } });
    });
  };

  return (
    <Page
      title={t('demographics.editTitle', { name: personNameOf(person) })}
      caption={record.reference}
      backLink={{ to: back, text: t('casework.backToCase') }}
      hasErrors={errors.hasErrors}
      width="two-thirds"
    >
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <EqualityMonitoringFields draft={draft} onChange={setDraft} error={errors.fieldError} isOpen />
        <div className="nhsuk-button-group">
          <Button isBusy={isBusy}>{t('demographics.save')}</Button>
          <Link to={back} className="nhsuk-link">
            {t('demographics.cancel')}
          </Link>
        </div>
      </form>
    </Page>
  );
}
