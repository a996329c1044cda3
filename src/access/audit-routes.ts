import type { RouteModule } from '../http/context';

export const auditRoutes: RouteModule = () => {};
