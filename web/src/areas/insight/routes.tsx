// The Insight pages, listed inside <Routes> in app.tsx: the dashboards for coordinators, commissioners,
// regional commissioners (and platform admins, whom the API serves the suppressed view), and "Your
// evidence" for provider staff. The guard only spares people a page that would answer 403; the
// server decides every figure each role may see.
import type { ReactNode } from 'react';
import { Navigate, Route, useLocation } from 'react-router';
import type { Role } from '../../api/types';
import { Forbidden, RequireSignIn } from '../../components/guards';
import { useSession } from '../../session/session';
import { InsightPanelPage } from './panel-page';
import { ProviderEvidencePage } from './provider-page';
import './insight.scss';

export const insightDashboardRoles: readonly Role[] = [
  'coordinator',
  'commissioner',
  'regional_commissioner',
  'platform_admin',
];

function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { state } = useSession();
  if (state.status === 'signed_in' && !roles.includes(state.info.user.role)) return <Forbidden />;
  return <RequireSignIn>{children}</RequireSignIn>;
}

/** /insight opens the first panel, keeping any filters in the address. */
function InsightStart() {
  const location = useLocation();
  return <Navigate to={`/insight/activity${location.search}`} replace />;
}

export const insightRoutes = (
  <>
    <Route
      path="/insight"
      element={
        <RequireRole roles={insightDashboardRoles}>
          <InsightStart />
        </RequireRole>
      }
    />
    <Route
      path="/insight/provider"
      element={
        <RequireRole roles={['provider_staff']}>
          <ProviderEvidencePage />
        </RequireRole>
      }
    />
    <Route
      path="/insight/:panel"
      element={
        <RequireRole roles={insightDashboardRoles}>
          <InsightPanelPage />
        </RequireRole>
      }
    />
  </>
);
