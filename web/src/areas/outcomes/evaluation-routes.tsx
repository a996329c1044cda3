// The programme evaluation report for coordinators and commissioners, with charts and a printable
// version. Listed inside <Routes> in app.tsx; the server decides every figure each role may see.
import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { Forbidden, RequireSignIn } from '../../components/guards';
import { useSession } from '../../session/session';
import { EvaluationListPage } from './evaluation-list-page';
import { EvaluationReportPage } from './evaluation-report-page';
import './evaluation.scss';

function RequireEvaluator({ children }: { children: ReactNode }) {
  const { state } = useSession();
  if (state.status === 'signed_in') {
    const { role } = state.info.user;
    if (role !== 'coordinator' && role !== 'commissioner') return <Forbidden />;
  }
  return <RequireSignIn>{children}</RequireSignIn>;
}

export const evaluationRoutes = (
  <>
    <Route
      path="/evaluation"
      element={
        <RequireEvaluator>
          <EvaluationListPage />
        </RequireEvaluator>
      }
    />
    <Route
      path="/evaluation/:programmeId"
      element={
        <RequireEvaluator>
          <EvaluationReportPage />
        </RequireEvaluator>
      }
    />
  </>
);
