import type { RouteModule } from '../http/context';

export const accountRoutes: RouteModule = () => {};
