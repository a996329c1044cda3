// Link worker casework: triage queue, assignment, transitions, contacts, assessment, history, tasks.
import type { RouteModule } from '../../http/context';

export const caseworkRoutes: RouteModule = () => {};
