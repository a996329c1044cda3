import type { RouteModule } from '../http/context';

export const notifyRoutes: RouteModule = () => {};
