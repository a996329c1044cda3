// Forced set-up of an authenticator app, for accounts that must have one (platform admins) and
// have just passed the password step.
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { auth } from '../../api/endpoints';
import { Button } from '../../components/button';
import { InsetText } from '../../components/display';
import { SessionLoading } from '../../components/guards';
import { Page } from '../../components/page';
import { useSession } from '../../session/session';
import { nextStepPath } from './sign-in-page';
import { TotpEnrolment } from './totp-enrolment';

export function TotpEnrolmentPage() {
  const { t } = useTranslation();
  const { state, refresh, end } = useSession();
  const navigate = useNavigate();
  const [hasErrors, setHasErrors] = useState(false);
  const [isDone, setIsDone] = useState(false);

  if (state.status === 'loading') return <SessionLoading />;
  if (state.status !== 'totp_enrolment_required' && !isDone) {
    return <Navigate to={nextStepPath(state, undefined) ?? '/sign-in'} replace />;
  }

  const confirmed = async () => {
    setIsDone(true);
    const next = await refresh();
    await navigate(nextStepPath(next, undefined) ?? '/', {
      replace: true,
      state: { flash: t('totp.enrolledFlash') },
    });
  };

  const cancel = async () => {
    await auth.signOut().catch(() => undefined);
    end('signed_out');
    await navigate('/sign-in', { replace: true });
  };

  return (
    <Page title={t('totp.enrolTitle')} hasErrors={hasErrors} width="two-thirds">
      <InsetText>
        <p>{t('totp.enrolRequired')}</p>
      </InsetText>
      <TotpEnrolment onConfirmed={confirmed} onErrorsChange={setHasErrors} />
      <Button type="button" variant="secondary" onClick={() => void cancel()}>
        {t('totp.cancel')}
      </Button>
    </Page>
  );
}
