// Which programmes an actor's Insight dashboards cover, and whether small numbers are suppressed for
// them. The policy decides (kind 'insight' in src/access/work-rules.ts); this file only loads the facts
// it needs (the actor's organisation's borough and the programmes listed for it in
// programme_commissioners) and asks it about each programme, so the programme filter, every panel,
// the CSV and the PDF answer to one rule:
//   coordinator            their own programme, in full
//   commissioner           programmes whose areas include their organisation's borough, or that their
//                          organisation is listed as commissioning (an ICB has no borough, so only the
//                          latter), suppressed
//   regional commissioner  every programme, suppressed
//   platform admin         every programme, suppressed: admins run the service, they are not analysts
//   provider staff         no dashboards (403): their own services' evidence at /api/insight/provider
//   everyone else          403 (link workers, buddies, referrers), 401 signed out
import { asc, eq } from 'drizzle-orm';
import type { Actor, UserActor } from '../access/actor';
import { authoriseUser } from '../access/authorise-as';
import { loadCommissionerReach } from '../access/commissioner-reach';
import { listScope } from '../access/list-scope';
import { decide } from '../access/policy';
import type { CommissionerReach } from '../access/work-rules';
import type { Executor } from '../db/client';
import { programmes } from '../db/schema';

export type InsightProgramme = { id: string; name: string; areas: string[] };

export type InsightScope = {
  actor: UserActor;
  /** Ordered by name; may be empty (a commissioner whose organisation commissions nothing yet). */
  programmes: InsightProgramme[];
  /** True unless the actor sees every programme in scope in full (a coordinator's own). */
  isSuppressed: boolean;
  commissionerReach: CommissionerReach | null;
};

/** Throws 401/403 unless the actor may open Insight dashboards; returns the programmes they cover. */
export async function resolveInsightScope(db: Executor, actor: Actor): Promise<InsightScope> {
  const person = authoriseUser(actor, 'list', { kind: 'insight', part: 'dashboards' });
  const scope = listScope(person, 'insight');
  const columns = { id: programmes.id, name: programmes.name, areas: programmes.areas };
  let candidates: InsightProgramme[] = [];
  let commissionerReach: CommissionerReach | null = null;
  if (scope !== 'none' && scope !== 'all' && 'programmeId' in scope) {
    candidates = await db.select(columns).from(programmes).where(eq(programmes.id, scope.programmeId));
  } else if (scope !== 'none') {
    if (scope !== 'all') commissionerReach = await loadCommissionerReach(db, scope.organisationId);
    // Programmes number in the tens: filtering by the policy here keeps one rule, not a SQL twin of it.
    candidates = await db.select(columns).from(programmes).orderBy(asc(programmes.name), asc(programmes.id));
  }
  const visible = candidates.filter(
    (programme) =>
      decide(person, 'read', { kind: 'insight', part: 'dashboards', programme, commissionerReach }).allowed,
  );
  return {
    actor: person,
    programmes: visible,
    isSuppressed: !canSeeSmallNumbers(person, visible),
    commissionerReach,
  };
}

/** Suppression is off only when the actor sees every programme in scope in full (and there is one). */
export function canSeeSmallNumbers(actor: UserActor, covered: readonly InsightProgramme[]): boolean {
  return (
    covered.length > 0 &&
    covered.every(
      (programme) => decide(actor, 'read', { kind: 'insight', part: 'small_numbers', programme }).allowed,
    )
  );
}

/** A programme as the policy's Insight rules need it (id and areas), or undefined. */
export async function findInsightProgramme(db: Executor, programmeId: string) {
  const [programme] = await db
    .select({ id: programmes.id, areas: programmes.areas })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  return programme;
}
