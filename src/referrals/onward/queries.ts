// Reads shared by the onward-referral, unmet-need and referrer routes.
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  attendances,
  onwardReferrals,
  people,
  referrals,
  serviceTaxonomyTerms,
  services,
  taxonomyTerms,
  users,
} from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { parsePostcode, resolvePostcode } from '../../geo';

export type OnwardReferralRow = typeof onwardReferrals.$inferSelect;
export type AttendanceRow = typeof attendances.$inferSelect;

/** Top-level taxonomy terms of a service ("Connected", "Active"): what the referrer is told. */
export async function serviceKindsOf(
  db: Executor,
  serviceId: string,
): Promise<{ names: string[]; codes: string[] }> {
  type Term = { id: string; code: string; name: string; parentId: string | null };
  let frontier: Term[] = await db
    .select({
      id: taxonomyTerms.id,
      code: taxonomyTerms.code,
      name: taxonomyTerms.name,
      parentId: taxonomyTerms.parentId,
    })
    .from(serviceTaxonomyTerms)
    .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTaxonomyTerms.taxonomyTermId))
    .where(eq(serviceTaxonomyTerms.serviceId, serviceId));
  const roots = new Map<string, Term>();
  // Taxonomies are a few levels deep; the bound only protects against a cycle in bad data.
  for (let depth = 0; depth < 8 && frontier.length > 0; depth += 1) {
    const parentIds = new Set<string>();
    for (const term of frontier) {
      if (term.parentId) parentIds.add(term.parentId);
      else roots.set(term.id, term);
    }
    if (parentIds.size === 0) break;
    frontier = await db
      .select({
        id: taxonomyTerms.id,
        code: taxonomyTerms.code,
        name: taxonomyTerms.name,
        parentId: taxonomyTerms.parentId,
      })
      .from(taxonomyTerms)
      .where(inArray(taxonomyTerms.id, [...parentIds]));
  }
  const sorted = [...roots.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { names: sorted.map((t) => t.name), codes: sorted.map((t) => t.code) };
}

/**
 * Where a person lives, as coarsely as gap analysis needs: borough and postcode district. Best
 * effort: a missing, malformed or non-London postcode leaves the area unknown rather than failing
 * the step that records the need.
 */
export async function areaOfPostcode(
  db: Executor,
  postcode: string | null,
): Promise<{ boroughCode: string | null; postcodeDistrict: string | null }> {
  if (!postcode) return { boroughCode: null, postcodeDistrict: null };
  let postcodeDistrict: string | null = null;
  try {
    postcodeDistrict = parsePostcode(postcode).district;
    const resolved = await resolvePostcode(db, postcode);
    return { boroughCode: resolved.boroughCode, postcodeDistrict };
  } catch (error) {
    if (error instanceof AppError) return { boroughCode: null, postcodeDistrict };
    throw error;
  }
}

export async function findOnwardReferral(db: Executor, id: string): Promise<OnwardReferralRow> {
  const [row] = await db.select().from(onwardReferrals).where(eq(onwardReferrals.id, id));
  if (!row) throw notFound('The onward referral');
  return row;
}

export async function lockOnwardReferral(db: Executor, id: string): Promise<OnwardReferralRow> {
  const [row] = await db.select().from(onwardReferrals).where(eq(onwardReferrals.id, id)).for('update');
  if (!row) throw notFound('The onward referral');
  return row;
}

export async function attendanceOf(db: Executor, onwardReferralId: string): Promise<AttendanceRow[]> {
  return db
    .select()
    .from(attendances)
    .where(eq(attendances.onwardReferralId, onwardReferralId))
    .orderBy(asc(attendances.sessionOn), asc(attendances.createdAt));
}

/** Everything the onward referral's view needs besides the row itself. */
export async function loadOnwardContext(db: Executor, onward: OnwardReferralRow) {
  const [joined] = await db
    .select({
      referral: {
        reference: referrals.reference,
        needs: referrals.needs,
        reasonText: referrals.reasonText,
        contactPreferences: referrals.contactPreferences,
        consentToShare: referrals.consentToShare,
        sharedFields: referrals.sharedFields,
        assignedLinkWorkerId: referrals.assignedLinkWorkerId,
      },
      person: {
        givenName: people.givenName,
        familyName: people.familyName,
        dateOfBirth: people.dateOfBirth,
        email: people.email,
        phone: people.phone,
        preferredChannel: people.preferredChannel,
        addressLine: people.addressLine,
        postcode: people.postcode,
        language: people.language,
        needsInterpreter: people.needsInterpreter,
      },
      service: { id: services.id, name: services.name },
    })
    .from(onwardReferrals)
    .innerJoin(referrals, eq(referrals.id, onwardReferrals.referralId))
    .innerJoin(people, eq(people.id, onwardReferrals.personId))
    .innerJoin(services, eq(services.id, onwardReferrals.serviceId))
    .where(eq(onwardReferrals.id, onward.id));
  return { ...joined!, attendance: await attendanceOf(db, onward.id) };
}
export type OnwardContext = Awaited<ReturnType<typeof loadOnwardContext>>;

/** A service's name for messages about an onward referral (the row always exists: a foreign key). */
export async function serviceName(db: Executor, serviceId: string): Promise<string> {
  const [row] = await db.select({ name: services.name }).from(services).where(eq(services.id, serviceId));
  return row?.name ?? 'The service';
}

/** Provider staff who should hear about a new referral to their organisation. */
export async function providerStaffOf(db: Executor, organisationId: string) {
  return db
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        eq(users.role, 'provider_staff'),
        isNull(users.disabledAt),
      ),
    );
}

export async function userContact(db: Executor, userId: string | null) {
  if (!userId) return undefined;
  const [row] = await db
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  return row;
}

export async function previousOnwardReferrals(db: Executor, personId: string, serviceId: string) {
  return db
    .select({
      id: onwardReferrals.id,
      status: onwardReferrals.status,
      declineReason: onwardReferrals.declineReason,
      sentAt: onwardReferrals.sentAt,
    })
    .from(onwardReferrals)
    .where(and(eq(onwardReferrals.personId, personId), eq(onwardReferrals.serviceId, serviceId)))
    .orderBy(desc(onwardReferrals.sentAt));
}
