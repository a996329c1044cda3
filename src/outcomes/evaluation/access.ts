// Loads what the policy engine needs to decide on a programme's evaluation ('evaluation' in
// src/access/work-rules.ts): the programme and, for a commissioner, their organisation's area. The
// rule itself (coordinators: full report and research export; commissioners: the aggregate view
// of programmes in their area; 403 inside the programme, 404 outside) lives in the policy.
import { eq } from 'drizzle-orm';
import type { Actor, UserActor } from '../../access/actor';
import { authoriseUser } from '../../access/authorise-as';
import { listScope } from '../../access/list-scope';
import { authorise, decide } from '../../access/policy';
import { loadCommissionerReach } from '../../access/commissioner-reach';
import type { CommissionerReach } from '../../access/work-rules';
import type { Executor } from '../../db/client';
import { programmes } from '../../db/schema';
import { notFound } from '../../http/errors';

export type EvaluationView = 'full' | 'aggregate';
export type EvaluationPurpose = 'report' | 'research_export';

export interface ProgrammeForEvaluation {
  id: string;
  name: string;
  areas: string[];
  settings: unknown;
}

/**
 * What the organisation a commissioner acts for commissions (its borough, and the programmes listed
 * for it); null when the actor's evaluation scope is not an organisation's, who may see none. The
 * one loader the report, the PDF and the list of programmes all use.
 */
export async function loadEvaluationReach(db: Executor, actor: UserActor): Promise<CommissionerReach | null> {
  const scope = listScope(actor, 'evaluation');
  if (typeof scope !== 'object' || !('organisationId' in scope)) return null;
  return loadCommissionerReach(db, scope.organisationId);
}

/** Throws 401/403/404 unless the actor may see the programme's evaluation; returns their view. */
export async function authoriseEvaluation(
  db: Executor,
  actor: Actor,
  programmeId: string,
  purpose: EvaluationPurpose,
): Promise<{ view: EvaluationView; programme: ProgrammeForEvaluation }> {
  // 401 for the signed-out, 403 for API clients and jobs: evaluation reports are read by people.
  const person = authoriseUser(actor, 'list', { kind: 'evaluation' });
  const [programme] = await db
    .select({
      id: programmes.id,
      name: programmes.name,
      areas: programmes.areas,
      settings: programmes.settings,
    })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  if (!programme) throw notFound('The record');
  const resource = {
    kind: 'evaluation',
    programme,
    commissionerReach: await loadEvaluationReach(db, person),
  } as const;
  authorise(person, 'read', { ...resource, purpose });
  // Whoever may take the person-level research export sees the full report; others the aggregate.
  const view = decide(person, 'read', { ...resource, purpose: 'research_export' }).allowed
    ? 'full'
    : 'aggregate';
  return { view, programme };
}
