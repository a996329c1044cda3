// Who is referring, and what follows from it: the programme staff refer into, the referring
// organisation and its default source type, and the referrer's contact details for flowback.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor';
import { referringAs } from '../../access/work-rules';
import type { Executor } from '../../db/client';
import { organisations } from '../../db/schema';
import { AppError, invalidField } from '../../http/errors';
import type { CreateReferralBody, SourceType } from './schemas';

/** The referral's source as the organisation's type suggests; the referrer may be more precise. */
export const sourceTypeByOrganisationType: Record<string, SourceType> = {
  gp_practice: 'gp_practice',
  hospital_trust: 'hospital',
  council: 'adult_social_care',
  housing_association: 'housing',
  vcse: 'vcse',
  advice_agency: 'vcse',
  cvs: 'vcse',
};

export type Referrer = {
  isProgrammeStaff: boolean;
  staffProgrammeId: string | null;
  organisationId: string | null;
  organisationType: string | null;
  defaultName: string;
  defaultEmail: string | null;
  /** Providers always refer back as 'provider'. */
  isProvider: boolean;
};

/** Who may refer in through this endpoint; everyone else is told plainly (401 / 403). */
export async function describeReferrer(db: Executor, actor: Actor): Promise<Referrer> {
  if (actor.type === 'anonymous')
    throw new AppError('unauthenticated', 'Sign in to make a referral, or use the self-referral form.');
  if (actor.type === 'system') throw new AppError('forbidden', 'Background jobs cannot make referrals.');
  const organisationId = actor.organisationId;
  const organisationType = organisationId
    ? ((
        await db
          .select({ type: organisations.type })
          .from(organisations)
          .where(eq(organisations.id, organisationId))
      )[0]?.type ?? null)
    : null;
  if (actor.type === 'api_client') {
    return {
      isProgrammeStaff: false,
      staffProgrammeId: null,
      organisationId,
      organisationType,
      defaultName: actor.name,
      defaultEmail: null,
      isProvider: false,
    };
  }
  const side = referringAs(actor);
  const isProgrammeStaff = side === 'programme_staff';
  if (isProgrammeStaff && !actor.programmeId)
    throw new AppError(
      'forbidden',
      'Your account is not part of a programme yet, so you cannot refer into one.',
    );
  if (side === null)
    throw new AppError(
      'forbidden',
      'Only referrers, service providers and programme staff can make referrals.',
    );
  if (!isProgrammeStaff && !organisationId)
    throw new AppError(
      'forbidden',
      'Your account is not linked to an organisation, so you cannot make referrals.',
    );
  return {
    isProgrammeStaff,
    staffProgrammeId: isProgrammeStaff ? actor.programmeId : null,
    // Staff refer on the person's or a caller's behalf; their host organisation is not the referrer.
    organisationId: isProgrammeStaff ? null : organisationId,
    organisationType,
    defaultName: actor.name,
    defaultEmail: actor.email,
    isProvider: side === 'provider',
  };
}

export function chooseSourceType(referrer: Referrer, requested: SourceType | undefined): SourceType {
  if (referrer.isProvider) return 'provider';
  if (referrer.isProgrammeStaff) return requested ?? 'other';
  if (requested === 'self' || requested === 'provider')
    throw invalidField('sourceType', 'Choose the kind of organisation you are referring from.');
  return requested ?? sourceTypeByOrganisationType[referrer.organisationType ?? ''] ?? 'other';
}

export function referrerContact(
  referrer: Referrer,
  given: CreateReferralBody['referrer'],
): { name: string; email: string | null; phone: string | null; notifyBy: 'email' | 'sms' | 'none' } {
  const name = given.name ?? referrer.defaultName;
  const email = given.email ?? (referrer.isProgrammeStaff ? null : referrer.defaultEmail);
  const phone = given.phone ?? null;
  // Staff taking a phone referral do not need messages about their own programme's work.
  const notifyBy = given.notifyBy ?? (referrer.isProgrammeStaff || !email ? 'none' : 'email');
  if (notifyBy === 'email' && !email)
    throw invalidField('referrer.email', 'Give an email address to hear about the referral by email.');
  if (notifyBy === 'sms' && !phone)
    throw invalidField('referrer.phone', 'Give a mobile number to hear about the referral by text message.');
  return { name, email, phone, notifyBy };
}
