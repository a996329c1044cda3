// The frame shared by every role's landing page: who you are acting as and what you can do today
// (real work or nothing: no roadmap notes).
import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NotificationBanner } from '../../components/display';
import { Page } from '../../components/page';
import { formatNumber } from '../../i18n';
import { useSignedIn } from '../../session/session';

export function RoleHome({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const place = user.programmeName ?? user.organisationName ?? undefined;
  return (
    <Page title={title} caption={place}>
      {flash && <NotificationBanner isSuccess>{flash}</NotificationBanner>}
      <p className="nhsuk-lede-text">
        {t('home.welcome', { name: user.name, role: t(`roles.${user.role}`) })}
      </p>
      {children}
    </Page>
  );
}

export type Stat = { label: string; value: number | undefined; to?: string };

/** A row of headline numbers. A number still loading shows as an ellipsis. */
export function StatList({ stats, label }: { stats: Stat[]; label: string }) {
  return (
    <ul className="lw-stat-list" aria-label={label}>
      {stats.map((stat) => (
        <li className="lw-stat" key={stat.label}>
          <span className="lw-stat__value">{stat.value === undefined ? '…' : formatNumber(stat.value)}</span>
          <span className="lw-stat__label">{stat.label}</span>
        </li>
      ))}
    </ul>
  );
}
