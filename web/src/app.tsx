// The routes of the web app. Public pages (sign-in, password reset, the development mailbox) need
// no session; everything else sits behind <RequireSignIn>, and admin pages behind an ability the
// server granted.
import { BrowserRouter, Route, Routes } from 'react-router';
import { AccountPage } from './areas/account/account-page';
import { SetUpAuthenticatorPage, TurnOffAuthenticatorPage } from './areas/account/authenticator-pages';
import { ChangePasswordPage } from './areas/account/change-password-page';
import { ApiClientsPage, NewApiClientPage } from './areas/admin/api-clients-page';
import { ApiClientKeysPage } from './areas/admin/api-client-keys-page';
import { AuditPage } from './areas/admin/audit-page';
import { OrganisationFormPage } from './areas/admin/organisation-form-page';
import { OrganisationsPage } from './areas/admin/organisations-page';
import { ProgrammeFormPage } from './areas/admin/programme-form-page';
import { ProgrammesPage } from './areas/admin/programmes-page';
import { UserFormPage } from './areas/admin/user-form-page';
import { UsersPage } from './areas/admin/users-page';
import { ForgotPasswordPage } from './areas/auth/forgot-password-page';
import { ResetPasswordPage } from './areas/auth/reset-password-page';
import { SignInPage } from './areas/auth/sign-in-page';
import { TotpCodePage } from './areas/auth/totp-code-page';
import { TotpEnrolmentPage } from './areas/auth/totp-enrolment-page';
import { EditServicePage } from './areas/curation/edit-service-page';
import { ServiceHistoryPage } from './areas/curation/history-page';
import { ReportSentPage, ReportServicePage } from './areas/curation/report-page';
import { ReviewPage } from './areas/curation/review-page';
import { CurationServicesPage } from './areas/curation/services-page';
import { TaxonomyTermsPage } from './areas/curation/taxonomy-terms-page';
import { MailboxPage } from './areas/dev/mailbox-page';
import { DirectorySearchPage } from './areas/directory/search-page';
import { DirectoryServicePage } from './areas/directory/service-page';
import { ShortlistPage } from './areas/directory/shortlist-page';
import { caseworkRoutes } from './areas/casework/routes';
import { outcomesRoutes } from './areas/outcomes/routes';
import { evaluationRoutes } from './areas/outcomes/evaluation-routes';
import { measuresRoutes } from './areas/outcomes/measures-routes';
import { selfCompletionRoutes } from './areas/outcomes/self-completion-routes';
import { HomePage } from './areas/home/home-page';
import { insightRoutes } from './areas/insight/routes';
import { referralRoutes } from './areas/referrals/routes';
import { FindPage } from './areas/public/find-page';
import { ProgrammeRequestsPage } from './areas/programme-links/programme-requests-page';
import { PublicServicePage } from './areas/public/service-page';
import { NotFound, RequireAbility, RequireSignIn } from './components/guards';
import { Layout } from './components/layout';
import { SessionProvider } from './session/session';

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Layout>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/sign-in/code" element={<TotpCodePage />} />
            <Route path="/sign-in/set-up-authenticator" element={<TotpEnrolmentPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            <Route path="/reset-password" element={<ResetPasswordPage />} />
            <Route path="/dev/mail" element={<MailboxPage />} />
            <Route path="/find" element={<FindPage />} />
            <Route path="/find/services/:id" element={<PublicServicePage />} />
            <Route path="/find/services/:id/report" element={<ReportServicePage />} />
            <Route path="/find/services/:id/report/sent" element={<ReportSentPage />} />

            <Route
              path="/"
              element={
                <RequireSignIn>
                  <HomePage />
                </RequireSignIn>
              }
            />
            <Route
              path="/account"
              element={
                <RequireSignIn>
                  <AccountPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/account/password"
              element={
                <RequireSignIn>
                  <ChangePasswordPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/account/authenticator"
              element={
                <RequireSignIn>
                  <SetUpAuthenticatorPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/account/authenticator/turn-off"
              element={
                <RequireSignIn>
                  <TurnOffAuthenticatorPage />
                </RequireSignIn>
              }
            />

            <Route
              path="/admin/organisations"
              element={
                <RequireAbility ability="canAdministerPlatform">
                  <OrganisationsPage />
                </RequireAbility>
              }
            />
            <Route
              path="/admin/organisations/new"
              element={
                <RequireAbility ability="canManageOrganisations">
                  <OrganisationFormPage />
                </RequireAbility>
              }
            />
            <Route
              path="/admin/organisations/:id"
              element={
                <RequireAbility ability="canAdministerPlatform">
                  <OrganisationFormPage />
                </RequireAbility>
              }
            />
            <Route
              path="/admin/programmes"
              element={
                <RequireAbility ability="canManageProgrammes">
                  <ProgrammesPage />
                </RequireAbility>
              }
            />
            <Route
              path="/admin/programmes/new"
              element={
                <RequireAbility ability="canManageProgrammes">
                  <ProgrammeFormPage />
                </RequireAbility>
              }
            />
            <Route
              path="/admin/programmes/:id"
              element={
                <RequireSignIn>
                  <ProgrammeFormPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/programme-requests"
              element={
                <RequireAbility ability="canAnswerProgrammeLinks">
                  <ProgrammeRequestsPage />
                </RequireAbility>
              }
            />
            <Route
              path="/admin/users"
              element={
                <RequireAbility ability="canManageUsers">
                  <UsersPage />
                </RequireAbility>
              }
            />
            <Route
              path="/admin/users/new"
              element={
                <RequireAbility ability="canManageUsers">
                  <UserFormPage />
                </RequireAbility>
              }
            />
            <Route
              path="/admin/users/:id"
              element={
                <RequireAbility ability="canManageUsers">
                  <UserFormPage />
                </RequireAbility>
              }
            />
            <Route
              path="/admin/api-clients"
              element={
                <RequireAbility ability="canManageApiClients">
                  <ApiClientsPage />
                </RequireAbility>
              }
            />
            <Route
              path="/admin/api-clients/new"
              element={
                <RequireAbility ability="canManageApiClients">
                  <NewApiClientPage />
                </RequireAbility>
              }
            />
            <Route
              path="/admin/api-clients/:id/keys"
              element={
                <RequireAbility ability="canManageApiClients">
                  <ApiClientKeysPage />
                </RequireAbility>
              }
            />
            <Route
              path="/admin/audit"
              element={
                <RequireAbility ability="canReadAuditLog">
                  <AuditPage />
                </RequireAbility>
              }
            />

            <Route
              path="/directory"
              element={
                <RequireSignIn>
                  <DirectorySearchPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/directory/shortlist"
              element={
                <RequireSignIn>
                  <ShortlistPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/directory/services/:id"
              element={
                <RequireSignIn>
                  <DirectoryServicePage />
                </RequireSignIn>
              }
            />

            <Route
              path="/curation/services"
              element={
                <RequireSignIn>
                  <CurationServicesPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/curation/services/:id/edit"
              element={
                <RequireSignIn>
                  <EditServicePage />
                </RequireSignIn>
              }
            />
            <Route
              path="/curation/services/:id/history"
              element={
                <RequireSignIn>
                  <ServiceHistoryPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/curation/review"
              element={
                <RequireSignIn>
                  <ReviewPage />
                </RequireSignIn>
              }
            />
            <Route
              path="/curation/terms"
              element={
                <RequireSignIn>
                  <TaxonomyTermsPage />
                </RequireSignIn>
              }
            />

            {referralRoutes}
            {caseworkRoutes}
            {outcomesRoutes}
            {measuresRoutes}
            {evaluationRoutes}
            {selfCompletionRoutes}
            {insightRoutes}

            <Route path="*" element={<NotFound />} />
          </Routes>
        </Layout>
      </SessionProvider>
    </BrowserRouter>
  );
}
