// Outcomes pages for coordinators: the programme's questionnaires and the builder.
// Listed inside <Routes> in app.tsx.
import { Route } from 'react-router';
import { RequireCaseworker } from '../casework/shared';
import { QuestionnaireBuilderPage } from './builder-page';
import { QuestionnairesPage } from './questionnaires-page';
import './outcomes.scss';

const coordinators = (page: React.JSX.Element) => (
  <RequireCaseworker isCoordinatorOnly>{page}</RequireCaseworker>
);

export const outcomesRoutes = (
  <>
    <Route path="/outcomes/questionnaires" element={coordinators(<QuestionnairesPage />)} />
    <Route
      path="/outcomes/questionnaires/new"
      element={coordinators(<QuestionnaireBuilderPage key="new" />)}
    />
    <Route path="/outcomes/questionnaires/:id" element={coordinators(<QuestionnaireBuilderPage />)} />
  </>
);
