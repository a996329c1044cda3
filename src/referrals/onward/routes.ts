// Onward referrals to providers, the provider inbox, attendance, unmet needs and the referrer's flowback view.
import type { RouteModule } from '../../http/context';

export const onwardReferralRoutes: RouteModule = () => {};
