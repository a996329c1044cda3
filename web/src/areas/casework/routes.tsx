// Casework pages for link workers and coordinators: queue, caseload, the referral record, plan, tasks.
// Listed inside <Routes> in app.tsx.
import { Route } from 'react-router';
import { AssignPage, ReasonActionPage } from './action-pages';
import { AssessmentPage } from './assessment-page';
import { CaseloadPage } from './caseload-page';
import { ContactPage } from './contact-page';
import { EqualityMonitoringPage } from './equality-monitoring';
import { PlanPage } from './plan-page';
import { QueuePage } from './queue-page';
import { ReferralPage } from './referral-page';
import { RequireCaseworker } from './shared';
import { TasksPage } from './tasks-page';
import './casework.scss';

const staff = (page: React.JSX.Element) => <RequireCaseworker>{page}</RequireCaseworker>;
const coordinators = (page: React.JSX.Element) => (
  <RequireCaseworker isCoordinatorOnly>{page}</RequireCaseworker>
);

export const caseworkRoutes = (
  <>
    <Route path="/casework/queue" element={staff(<QueuePage />)} />
    <Route path="/casework/caseload" element={staff(<CaseloadPage key="caseload" view="caseload" />)} />
    <Route path="/casework/all" element={coordinators(<CaseloadPage key="all" view="all" />)} />
    <Route path="/casework/tasks" element={staff(<TasksPage />)} />
    <Route path="/casework/referrals/:id" element={staff(<ReferralPage />)} />
    <Route path="/casework/referrals/:id/contact" element={staff(<ContactPage />)} />
    <Route path="/casework/referrals/:id/assessment" element={staff(<AssessmentPage />)} />
    <Route path="/casework/referrals/:id/plan" element={staff(<PlanPage />)} />
    <Route
      path="/casework/referrals/:id/reject"
      element={staff(<ReasonActionPage key="reject" action="reject" />)}
    />
    <Route
      path="/casework/referrals/:id/close"
      element={staff(<ReasonActionPage key="close" action="close" />)}
    />
    <Route path="/casework/referrals/:id/assign" element={coordinators(<AssignPage />)} />
    <Route path="/casework/referrals/:id/equality" element={staff(<EqualityMonitoringPage />)} />
  </>
);
