import type { RouteModule } from '../http/context';

export const adminRoutes: RouteModule = () => {};
