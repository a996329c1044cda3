// Who may see a programme's evaluation, and in which view. Kept beside the evaluation routes until
// the policy engine (src/access/policy.ts) gains a resource kind for programme reports.
//
// - The programme's coordinators: the full report and the research export.
// - Commissioners (role commissioner, belonging to an organisation rather than a programme): the
//   aggregate view only, for programmes whose areas include their organisation's borough — or any
//   programme when their organisation has no borough, as for an ICB spanning several boroughs.
//   This area rule is a stand-in: a table of commissioning relationships (which organisation
//   commissions which programme) is the proper fix, since a borough commissioner may fund a
//   programme beyond its borough and an ICB does not commission every programme in London.
// - Anyone else in the programme: 403. Anyone outside it (another programme's coordinator): 404.
import { eq } from 'drizzle-orm';
import type { Actor, UserActor } from '../../access/actor';
import type { Executor } from '../../db/client';
import { organisations, programmes } from '../../db/schema';
import { AppError } from '../../http/errors';

export type EvaluationView = 'full' | 'aggregate';
export type EvaluationPurpose = 'report' | 'research_export';

export interface ProgrammeForEvaluation {
  id: string;
  name: string;
  areas: string[];
  settings: unknown;
}

const notFound = () => new AppError('not_found', 'The record was not found.');

/**
 * Which programmes' evaluations a commissioner may see: those covering their organisation's
 * borough, or every programme when the organisation has no borough (an ICB). Null when the
 * commissioner belongs to no organisation, who may see none. The one place the area rule lives:
 * the report, the PDF and the list of programmes all ask it.
 */
export type CommissionerArea = { borough: string | null };

export async function loadCommissionerArea(db: Executor, actor: UserActor): Promise<CommissionerArea | null> {
  if (actor.role !== 'commissioner' || !actor.organisationId) return null;
  const [organisation] = await db
    .select({ borough: organisations.borough })
    .from(organisations)
    .where(eq(organisations.id, actor.organisationId));
  return organisation ?? null;
}

export function isProgrammeInArea(area: CommissionerArea, programme: { areas: readonly string[] }): boolean {
  return area.borough === null || programme.areas.includes(area.borough);
}

/** 401 for the signed-out, 403 for API clients and jobs: evaluation reports are read by people. */
export function requirePerson(actor: Actor): UserActor {
  if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in to continue.');
  if (actor.type !== 'user')
    throw new AppError('forbidden', 'Evaluation reports are for people, not systems.');
  return actor;
}

/** Throws 401/403/404 unless the actor may see the programme's evaluation; returns their view. */
export async function authoriseEvaluation(
  db: Executor,
  actor: Actor,
  programmeId: string,
  purpose: EvaluationPurpose,
): Promise<{ view: EvaluationView; programme: ProgrammeForEvaluation }> {
  const person = requirePerson(actor);
  const [programme] = await db
    .select({
      id: programmes.id,
      name: programmes.name,
      areas: programmes.areas,
      settings: programmes.settings,
    })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  if (!programme) throw notFound();

  if (person.role === 'coordinator' && person.programmeId === programme.id)
    return { view: 'full', programme };
  if (person.role === 'commissioner') {
    const area = await loadCommissionerArea(db, person);
    if (!area || !isProgrammeInArea(area, programme)) throw notFound();
    if (purpose === 'research_export') {
      throw new AppError(
        'forbidden',
        'Commissioners see aggregate figures only; the research export is person-level.',
      );
    }
    return { view: 'aggregate', programme };
  }
  if (person.programmeId === programme.id) {
    throw new AppError('forbidden', 'Only the programme’s coordinators can see its evaluation.');
  }
  throw notFound();
}
