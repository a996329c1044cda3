// The public self-completion page a person opens from a single-use link (/m/:token, the address
// src/outcomes/measures/measure-links.ts puts in the message), phone-first and without an account;
// and the coordinator's page to enter a questionnaire's licensed wording. Listed inside <Routes>
// in app.tsx.
import { Route } from 'react-router';
import { RequireCaseworker } from '../casework/shared';
import { SelfCompletionPage } from './self-completion-page';
import { WordingPage } from './wording-page';

export const selfCompletionRoutes = (
  <>
    <Route path="/m/:token" element={<SelfCompletionPage />} />
    <Route
      path="/outcomes/wording/:instrumentKey"
      element={
        <RequireCaseworker isCoordinatorOnly>
          <WordingPage />
        </RequireCaseworker>
      }
    />
  </>
);
