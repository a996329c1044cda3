// Pieces every casework page shares: who may use the pages, status and urgency tags in words (never
// colour alone), names, dates, the vocabularies' labels, and the reason a link worker gave to open
// a case that is not theirs (kept in the address so every page of that case carries it).
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ReferralStatus, Urgency } from '../../api/casework';
import { Tag, type TagColour } from '../../components/display';
import { Forbidden, RequireSignIn } from '../../components/guards';
import { useSession } from '../../session/session';
import { needDomainCodes } from '../../../../src/vocabulary/needs';

export { needDomainCodes };

/** Casework pages are for link workers and coordinators; coordinator-only pages say so. */
export function RequireCaseworker({
  children,
  isCoordinatorOnly,
}: {
  children: ReactNode;
  isCoordinatorOnly?: boolean;
}) {
  const { state } = useSession();
  if (state.status === 'signed_in') {
    const role = state.info.user.role;
    const isAllowed = isCoordinatorOnly
      ? role === 'coordinator'
      : role === 'coordinator' || role === 'link_worker';
    if (!isAllowed) return <Forbidden />;
  }
  return <RequireSignIn>{children}</RequireSignIn>;
}

const statusColours: Record<ReferralStatus, TagColour> = {
  received: 'blue',
  accepted: 'aqua-green',
  contacting: 'yellow',
  in_progress: 'green',
  on_hold: 'orange',
  completed: 'grey',
  rejected: 'red',
  cancelled: 'grey',
};

export const referralStatusList = Object.keys(statusColours) as ReferralStatus[];

export function StatusTag({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return (
    <Tag colour={statusColours[status] ?? 'grey'}>
      {t(`casework.status.${status}` as 'casework.status.received', { defaultValue: status })}
    </Tag>
  );
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation();
  return urgency === 'urgent' ? (
    <Tag colour="red">{t('casework.urgency.urgent')}</Tag>
  ) : (
    <Tag colour="white">{t('casework.urgency.routine')}</Tag>
  );
}

/** A label from one of the casework vocabularies, falling back to the code for an unknown value. */
export function labelOf(t: TFunction, group: string, code: string | null | undefined): string {
  if (!code) return '';
  // Free text (an override reason, say) is shown as written.
  if (!/^[a-z0-9_.-]+$/.test(code)) return code;
  return t(`casework.${group}.${code}` as 'casework.status.received', {
    defaultValue: code.replace(/_/g, ' '),
  });
}

export const needLabel = (t: TFunction, code: string) => labelOf(t, 'needs', code);
export const onwardStatusText = (t: TFunction, code: string) => labelOf(t, 'onwardStatus', code);

export function needsText(t: TFunction, codes: readonly string[] | undefined): string {
  return (codes ?? []).map((code) => needLabel(t, code)).join(', ');
}

export function personNameOf(person: { name?: string; givenName?: string; familyName?: string }): string {
  return person.name ?? [person.givenName, person.familyName].filter(Boolean).join(' ');
}

/** Whole years between a date of birth and today. */
export function ageFrom(dateOfBirth: string | null | undefined): number | undefined {
  if (!dateOfBirth) return undefined;
  const born = new Date(dateOfBirth);
  if (Number.isNaN(born.getTime())) return undefined;
  const now = new Date();
  let age = now.getFullYear() - born.getFullYear();
  const hadBirthday =
    now.getMonth() > born.getMonth() ||
    (now.getMonth() === born.getMonth() && now.getDate() >= born.getDate());
  if (!hadBirthday) age -= 1;
  return age;
}

/** The reason given to open a case that is not on the link worker's caseload (audited by the server). */
export function useAccessReason(): string | undefined {
  const [params] = useSearchParams();
  return params.get('reason') ?? undefined;
}
