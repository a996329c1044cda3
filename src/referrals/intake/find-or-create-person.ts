// Find-or-create the person a referral is about, inside the routed programme. Candidates come from
// one indexed query (same NHS number, or same date of birth, in the programme) with pg_trgm name
// similarity; person-match.ts decides. An existing record is reused but not written to: what the
// referral says about the person stays on the referral (referred-person.ts) until a link worker
// accepts it. A disagreement makes a new person, flagged on the referral for duplicate review.
import { and, count, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import type { Executor } from '../../db/client';
import { people, referrals } from '../../db/schema';
import { personAreaOfPostcode } from '../../geo';
import { demographicColumns } from '../../people/demographics';
import { openReferralStatuses } from '../referral-state';
import {
  decidePersonMatch,
  type AutomaticMatchReason,
  type CandidateRow,
  type MatchReason,
  type PersonFacts,
} from './person-match';
import { referredPersonFromInput, type ReferredPerson } from './referred-person';
import type { ReferralPersonInput } from './schemas';

type PersonRow = typeof people.$inferSelect;
export type PersonCandidate = CandidateRow & { row: PersonRow };

export async function findPersonCandidates(
  db: Executor,
  programmeId: string,
  facts: PersonFacts,
): Promise<PersonCandidate[]> {
  const sameNhsNumber = facts.nhsNumber ? eq(people.nhsNumber, facts.nhsNumber) : undefined;
  const sameDateOfBirth = facts.dateOfBirth ? eq(people.dateOfBirth, facts.dateOfBirth) : undefined;
  if (!sameNhsNumber && !sameDateOfBirth) return [];
  const fullName = `${facts.givenName} ${facts.familyName}`.toLowerCase();
  const rows = await db
    .select({
      row: people,
      nameSimilarity: sql<number>`similarity(lower(${people.givenName} || ' ' || ${people.familyName}), ${fullName})`,
    })
    .from(people)
    .where(and(eq(people.programmeId, programmeId), or(sameNhsNumber, sameDateOfBirth)))
    .limit(200);
  return rows.map(({ row, nameSimilarity }) => ({
    id: row.id,
    givenName: row.givenName,
    familyName: row.familyName,
    dateOfBirth: row.dateOfBirth,
    nhsNumber: row.nhsNumber,
    postcode: row.postcode,
    nameSimilarity: Number(nameSimilarity),
    row,
  }));
}

export async function countOpenReferrals(db: Executor, personIds: string[]): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({ personId: referrals.personId, open: count() })
    .from(referrals)
    .where(and(inArray(referrals.personId, personIds), inArray(referrals.status, [...openReferralStatuses])))
    .groupBy(referrals.personId);
  return new Map(rows.map((r) => [r.personId, Number(r.open)]));
}

export type PersonOutcome = {
  person: PersonRow;
  isExisting: boolean;
  matchedOn: AutomaticMatchReason | null;
  /** What the referral said about the person; undefined when staff referred a known person by id. */
  referred?: ReferredPerson;
  /** People a link worker should compare with this one before working the referral (never shown to referrers). */
  possibleDuplicates?: { personId: string; reason: MatchReason }[];
};

/**
 * Serialises duplicate checks for one programme and date of birth until the transaction ends, so
 * two referrals for the same new person arriving together make one record, not two.
 */
async function lockDuplicateCheck(tx: Executor, programmeId: string, dateOfBirth: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`person-match:${programmeId}:${dateOfBirth}`}))`,
  );
}

export async function findOrCreatePerson(
  tx: Executor,
  input: {
    programmeId: string;
    person: ReferralPersonInput;
    actor: Actor;
    origin: RequestOrigin;
  },
): Promise<PersonOutcome> {
  const { programmeId, person, actor, origin } = input;
  await lockDuplicateCheck(tx, programmeId, person.dateOfBirth);
  const facts: PersonFacts = {
    givenName: person.givenName,
    familyName: person.familyName,
    dateOfBirth: person.dateOfBirth,
    nhsNumber: person.nhsNumber ?? null,
    postcode: person.postcode,
  };
  const referred = referredPersonFromInput(person);
  const { match, possibleDuplicates } = decidePersonMatch(
    facts,
    await findPersonCandidates(tx, programmeId, facts),
  );
  if (match) {
    // Another organisation's details never reach the record here (they would direct links and
    // shortlists to an address the person may not have given): accept fills blanks instead.
    await recordAudit(tx, {
      actor,
      origin,
      action: 'person.match',
      entityType: 'person',
      entityId: match.candidate.id,
      programmeId,
      details: { matchedOn: match.reason },
    });
    return { person: match.candidate.row, isExisting: true, matchedOn: match.reason, referred };
  }
  const [created] = await tx
    .insert(people)
    .values({
      programmeId,
      givenName: person.givenName,
      familyName: person.familyName,
      dateOfBirth: person.dateOfBirth,
      nhsNumber: person.nhsNumber ?? null,
      email: person.email ?? null,
      phone: person.phone ?? null,
      preferredChannel: person.preferredChannel ?? null,
      addressLine: person.addressLine ?? null,
      postcode: person.postcode,
      language: person.language ?? null,
      needsInterpreter: person.needsInterpreter ?? false,
      // A new person gets the referral's answers; an existing one only as blanks filled on accept.
      ...demographicColumns(person),
      ...(await personAreaOfPostcode(tx, person.postcode)),
      createdByUserId: actor.type === 'user' ? actor.userId : null,
    })
    .returning();
  await recordAudit(tx, {
    actor,
    origin,
    action: 'person.create',
    entityType: 'person',
    entityId: created!.id,
    programmeId,
    details: {
      via: 'referral',
      possibleDuplicates: possibleDuplicates.map((d) => ({ personId: d.candidate.id, reason: d.reason })),
    },
  });
  return {
    person: created!,
    isExisting: false,
    matchedOn: null,
    referred,
    possibleDuplicates: possibleDuplicates.map((d) => ({ personId: d.candidate.id, reason: d.reason })),
  };
}
