// Single-use self-completion links, the staff side: create (and send), list with status, revoke.
// The token is 32 random bytes sent only to the person; the database keeps its SHA-256, so a
// database reader cannot use a link, and used_at / revoked_at / expires_at end it.
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { measureLinks, people, programmes, referrals } from '../../db/schema';
import { AppError, invalidField, notFound } from '../../http/errors';
import { queueNotification } from '../../notify/outbox';
import { referralResource } from '../../referrals/access';
import type { StaffActor } from '../../referrals/casework/staff';
import { lockReferral } from '../../referrals/store';
import type { Timepoint } from '../timepoints';
import { findProgrammeInstrument } from './instruments-for-programme';
import { hasAllWording } from '../wording/wording';
import { measureLinkMessage } from './messages';
import { alreadyRecorded, assertReferralTakesMeasures, findMeasureAt } from './record-measure';

export type MeasureLinkRow = typeof measureLinks.$inferSelect;
export type LinkStatus = 'active' | 'used' | 'expired' | 'revoked';

/** Long enough to fit round a fortnightly call or a week away; short enough that a forgotten text goes stale. */
export const measureLinkLifetimeMs = 14 * 24 * 60 * 60 * 1000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function linkStatus(row: MeasureLinkRow, now: Date): LinkStatus {
  if (row.usedAt) return 'used';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'active';
}

export function presentLink(row: MeasureLinkRow, now = new Date()) {
  return {
    id: row.id,
    referralId: row.referralId,
    instrumentKeys: row.instrumentKeys,
    timepoint: row.timepoint,
    channel: row.channel,
    status: linkStatus(row, now),
    expiresAt: row.expiresAt.toISOString(),
    usedAt: row.usedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A UK mobile number (07…, +447…, 447…), ignoring spaces and punctuation: texts go only there. */
function isUkMobile(phone: string): boolean {
  return /^(?:\+?44|0)7\d{9}$/.test(phone.replace(/[\s()-]/g, ''));
}

function addressFor(person: typeof people.$inferSelect, channel: 'email' | 'sms'): string {
  if (channel === 'email') {
    if (!person.email?.trim())
      throw invalidField(
        'channel',
        'This person has no email address. Add one to their record, or send a text.',
      );
    return person.email.trim();
  }
  if (!person.phone || !isUkMobile(person.phone))
    throw invalidField(
      'channel',
      'This person has no mobile number. Add one to their record, or send an email.',
    );
  return person.phone.trim();
}

export async function createMeasureLink(
  tx: Executor,
  input: {
    actor: StaffActor;
    origin: RequestOrigin;
    referralId: string;
    instrumentKeys: string[];
    timepoint: Timepoint;
    channel: 'email' | 'sms';
    publicUrl: string;
    now?: Date;
  },
): Promise<MeasureLinkRow> {
  const { actor } = input;
  const now = input.now ?? new Date();
  const referral = await lockReferral(tx, input.referralId);
  const basis = authorise(actor, 'update', referralResource(referral));
  assertReferralTakesMeasures(referral);
  const keys = [...new Set(input.instrumentKeys)];
  for (const [index, key] of keys.entries()) {
    const instrument = await findProgrammeInstrument(tx, referral.programmeId, key);
    if (!instrument)
      throw invalidField(`instrumentKeys.${index}`, `There is no questionnaire '${key}' in this programme.`);
    if (!hasAllWording(instrument.definition))
      throw invalidField(
        `instrumentKeys.${index}`,
        `${instrument.definition.name} cannot be sent yet: a coordinator must first add the licensed wording of its statements (Questionnaires → licensed wording).`,
      );
    // A link for something already recorded could only end in a refusal when the person submits.
    const existing = await findMeasureAt(tx, referral.id, key, input.timepoint);
    if (existing) throw alreadyRecorded(existing, instrument.definition);
  }
  const [person] = await tx.select().from(people).where(eq(people.id, referral.personId));
  if (!person) throw notFound('The person');
  const recipient = addressFor(person, input.channel);
  const [programme] = await tx
    .select({ name: programmes.name })
    .from(programmes)
    .where(eq(programmes.id, referral.programmeId));

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + measureLinkLifetimeMs);
  const [row] = await tx
    .insert(measureLinks)
    .values({
      programmeId: referral.programmeId,
      referralId: referral.id,
      personId: referral.personId,
      instrumentKeys: keys,
      timepoint: input.timepoint,
      tokenHash: hashToken(token),
      channel: input.channel,
      expiresAt,
      createdByUserId: actor.userId,
      createdAt: now,
    })
    .returning();
  const link = row!;
  await queueNotification(tx, {
    channel: input.channel,
    recipient,
    programmeId: referral.programmeId,
    ...measureLinkMessage({
      channel: input.channel,
      firstName: person.givenName,
      programmeName: programme?.name ?? 'Your social prescribing service',
      linkUrl: `${input.publicUrl}/m/${token}`,
      expiresAt,
    }),
  });
  await recordAudit(tx, {
    actor,
    origin: input.origin,
    action: 'measure_link.create',
    entityType: 'measure_link',
    entityId: link.id,
    programmeId: referral.programmeId,
    details: {
      basis,
      referralId: referral.id,
      personId: referral.personId,
      instrumentKeys: keys,
      timepoint: input.timepoint,
      channel: input.channel,
    },
  });
  return link;
}

/** The referral for a link route, read-authorised or update-authorised, with 404 outside the programme. */
async function referralFor(tx: Executor, actor: StaffActor, referralId: string, action: 'read' | 'update') {
  const [referral] = await tx.select().from(referrals).where(eq(referrals.id, referralId));
  if (!referral) throw notFound('The referral');
  const basis = authorise(actor, action, referralResource(referral));
  return { referral, basis };
}

export async function listMeasureLinks(
  tx: Executor,
  input: { actor: StaffActor; origin: RequestOrigin; referralId: string },
): Promise<MeasureLinkRow[]> {
  const { referral, basis } = await referralFor(tx, input.actor, input.referralId, 'read');
  const rows = await tx
    .select()
    .from(measureLinks)
    .where(eq(measureLinks.referralId, referral.id))
    .orderBy(desc(measureLinks.createdAt));
  await recordAudit(tx, {
    actor: input.actor,
    origin: input.origin,
    action: 'measure_link.list',
    entityType: 'referral',
    entityId: referral.id,
    programmeId: referral.programmeId,
    details: { basis, personId: referral.personId },
  });
  return rows;
}

export async function revokeMeasureLink(
  tx: Executor,
  input: { actor: StaffActor; origin: RequestOrigin; referralId: string; linkId: string; now?: Date },
): Promise<MeasureLinkRow> {
  const now = input.now ?? new Date();
  const { referral, basis } = await referralFor(tx, input.actor, input.referralId, 'update');
  const [link] = await tx
    .select()
    .from(measureLinks)
    .where(and(eq(measureLinks.id, input.linkId), eq(measureLinks.referralId, referral.id)))
    .for('update');
  if (!link) throw notFound('The link');
  if (link.usedAt)
    throw new AppError(
      'invalid_transition',
      'This link has already been used, so there is nothing to revoke.',
    );
  // Revoking twice changes nothing and is not an error: the link is revoked either way.
  if (link.revokedAt) return link;
  const [revoked] = await tx
    .update(measureLinks)
    .set({ revokedAt: now })
    .where(eq(measureLinks.id, link.id))
    .returning();
  await recordAudit(tx, {
    actor: input.actor,
    origin: input.origin,
    action: 'measure_link.revoke',
    entityType: 'measure_link',
    entityId: link.id,
    programmeId: referral.programmeId,
    details: { basis, referralId: referral.id, personId: referral.personId },
  });
  return revoked!;
}
