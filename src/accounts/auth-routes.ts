import type { RouteModule } from '../http/context';

export const authRoutes: RouteModule = () => {};
