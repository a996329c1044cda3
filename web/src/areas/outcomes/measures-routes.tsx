// Link workers' measure pages: recording a questionnaire, correcting one, self-completion links and
// health-service use. The person's outcome chart is on the referral record (measures-section.tsx).
// Listed inside <Routes> in app.tsx.
import { Route } from 'react-router';
import { RequireCaseworker } from '../casework/shared';
import { HealthUsePage } from './health-use-page';
import { ChangeMeasurePage } from './measures-change-page';
import { MeasureLinksPage } from './measures-links-page';
import { RecordMeasurePage } from './measures-new-page';

const staff = (page: React.JSX.Element) => <RequireCaseworker>{page}</RequireCaseworker>;

export const measuresRoutes = (
  <>
    <Route path="/casework/referrals/:id/measures/new" element={staff(<RecordMeasurePage />)} />
    <Route path="/casework/referrals/:id/measures/links" element={staff(<MeasureLinksPage />)} />
    <Route path="/casework/referrals/:id/measures/:measureId/change" element={staff(<ChangeMeasurePage />)} />
    <Route path="/casework/referrals/:id/health-use" element={staff(<HealthUsePage />)} />
  </>
);
