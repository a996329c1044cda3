import type { RouteModule } from '../http/context';

export const peopleRoutes: RouteModule = () => {};
