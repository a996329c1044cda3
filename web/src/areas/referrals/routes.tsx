// Referral pages for referrers, citizens (self-referral, no account) and providers (inbox).
// Listed inside <Routes> in app.tsx. The server decides every permission; the guards only keep
// signed-out people away from pages that would answer 401.
import { Route } from 'react-router';
import { RequireSignIn } from '../../components/guards';
import { NewReferralPage } from './new-referral-page';
import { ProviderInboxPage } from './provider-inbox-page';
import { ProviderReferralPage } from './provider-referral-page';
import { ReferralSentPage } from './referral-sent-page';
import { SelfReferralPage } from './self-referral-page';
import { SelfReferralDonePage, SelfReferralStatusPage } from './self-referral-status-pages';
import { SentReferralPage, SentReferralsPage } from './sent-pages';

const signedIn = (element: React.JSX.Element) => <RequireSignIn>{element}</RequireSignIn>;

export const referralRoutes = (
  <>
    <Route path="/referrals/new" element={signedIn(<NewReferralPage />)} />
    <Route path="/referrals/new/done" element={signedIn(<ReferralSentPage />)} />
    <Route path="/referrals/sent" element={signedIn(<SentReferralsPage />)} />
    <Route path="/referrals/sent/:id" element={signedIn(<SentReferralPage />)} />

    <Route path="/refer" element={<SelfReferralPage />} />
    <Route path="/refer/done" element={<SelfReferralDonePage />} />
    <Route path="/refer/status" element={<SelfReferralStatusPage />} />

    <Route path="/provider/referrals" element={signedIn(<ProviderInboxPage />)} />
    <Route path="/provider/referrals/:id" element={signedIn(<ProviderReferralPage />)} />
  </>
);
