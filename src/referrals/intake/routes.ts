// Referral in: staff referrals, self-referral at /refer, routing and duplicate checks.
import type { RouteModule } from '../../http/context';

export const referralIntakeRoutes: RouteModule = () => {};
