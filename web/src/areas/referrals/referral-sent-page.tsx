// "Referral sent" (/referrals/new/done): the reference and the programme the referral went to,
// shown straight after the quick referral form.
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { type CreatedReferral } from '../../api/referrals';
import { ButtonLink } from '../../components/button';
import { NotificationBanner, SummaryList } from '../../components/display';
import { Page } from '../../components/page';
import { formatDateTime } from '../../i18n';

/** "Referral sent": the reference and the programme it went to. */
export function ReferralSentPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const created = (location.state as { created?: CreatedReferral } | null)?.created;
  if (!created) {
    return (
      <Page title={t('referrals.done.missingTitle')} width="two-thirds">
        <p>{t('referrals.done.missingBody')}</p>
        <p>
          <Link to="/referrals/sent">{t('referrals.done.toList')}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('referrals.done.title')} width="two-thirds">
      <NotificationBanner isSuccess title={t('common.success')}>
        <p className="nhsuk-notification-banner__heading">
          {t('referrals.done.banner', { reference: created.reference })}
        </p>
      </NotificationBanner>
      <SummaryList
        rows={[
          { key: t('referrals.done.reference'), value: <strong>{created.reference}</strong> },
          { key: t('referrals.done.programme'), value: created.programme.name },
          { key: t('referrals.done.receivedAt'), value: formatDateTime(created.receivedAt) },
        ]}
      />
      <p>{t('referrals.done.next')}</p>
      <p>
        <Link to={`/referrals/sent/${created.id}`}>{t('referrals.done.follow')}</Link>
      </p>
      <ButtonLink to="/referrals/new" variant="secondary">
        {t('referrals.done.another')}
      </ButtonLink>
    </Page>
  );
}
