// The link worker's duplicate review on a referral's record: the people intake flagged as perhaps
// this referral's person (the referral.possible_duplicate_person event), who they are, why, and
// their latest referral to compare with. Whether the actor may open that referral is the policy's
// answer, given with the list, so the web app shows a link only where the server would serve it.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../access/actor';
import { decide } from '../../access/policy';
import type { Executor } from '../../db/client';
import { people, referrals, type referralEvents } from '../../db/schema';
import { referralResource } from '../access';
import type { ReferralRow } from '../store';
import { fullName } from './present';
import { personMatchReasons, type referralDetailResponse } from './schemas';

type PossibleDuplicate = z.infer<typeof referralDetailResponse>['possibleDuplicates'][number];

// The event's details as create-referral.ts writes them; anything else is ignored, never a 500.
const flaggedShape = z.object({
  possibleDuplicates: z.array(z.object({ personId: z.uuid(), reason: z.enum(personMatchReasons) })),
});

export async function loadPossibleDuplicates(
  db: Executor,
  actor: Actor,
  referral: ReferralRow,
  timeline: (typeof referralEvents.$inferSelect)[],
): Promise<PossibleDuplicate[]> {
  const reasons = new Map<string, PossibleDuplicate['reason']>();
  for (const event of timeline) {
    if (event.type !== 'referral.possible_duplicate_person') continue;
    const parsed = flaggedShape.safeParse(event.details);
    if (!parsed.success) continue;
    for (const { personId, reason } of parsed.data.possibleDuplicates)
      if (!reasons.has(personId)) reasons.set(personId, reason);
  }
  // Names of other people are person-level data: only those who may look people up in the
  // programme (the duplicate check's rule) see them.
  const mayListPeople = decide(actor, 'list', {
    kind: 'person',
    programmeId: referral.programmeId,
    assignedLinkWorkerId: null,
  }).allowed;
  if (reasons.size === 0 || !mayListPeople) return [];
  const ids = [...reasons.keys()];
  // Sequential: one transaction is one connection (see loadReferralParts).
  const rows = await db
    .select()
    .from(people)
    .where(and(eq(people.programmeId, referral.programmeId), inArray(people.id, ids)));
  const theirReferrals = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.programmeId, referral.programmeId), inArray(referrals.personId, ids)))
    .orderBy(desc(referrals.receivedAt));
  return ids.flatMap((id) => {
    const person = rows.find((row) => row.id === id);
    if (!person) return [];
    const latest = theirReferrals.find((row) => row.personId === id);
    const canOpen = latest !== undefined && decide(actor, 'read', referralResource(latest)).allowed;
    return [
      {
        personId: person.id,
        name: fullName(person),
        dateOfBirth: person.dateOfBirth,
        reason: reasons.get(id)!,
        canOpen,
        referralId: canOpen ? latest.id : null,
      },
    ];
  });
}
