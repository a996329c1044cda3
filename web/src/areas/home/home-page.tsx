// "/" after sign-in: each role lands on its own page.
import type { Role } from '../../api/types';
import { useSignedIn } from '../../session/session';
import { BuddyHome } from '../buddy/home';
import { CommissionerHome } from '../commissioner/home';
import { CoordinatorHome } from '../coordinator/home';
import { LinkWorkerHome } from '../link-worker/home';
import { PlatformAdminHome } from '../platform-admin/home';
import { ProviderHome } from '../provider/home';
import { ReferrerHome } from '../referrer/home';

const homes: Record<Role, () => React.JSX.Element> = {
  platform_admin: PlatformAdminHome,
  coordinator: CoordinatorHome,
  link_worker: LinkWorkerHome,
  buddy: BuddyHome,
  referrer: ReferrerHome,
  provider_staff: ProviderHome,
  commissioner: CommissionerHome,
  regional_commissioner: CommissionerHome,
};

export function HomePage() {
  const { user } = useSignedIn();
  const Home = homes[user.role];
  return <Home />;
}
