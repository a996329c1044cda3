// The programmes whose evaluation an actor may open (GET /api/evaluation/programmes): the policy's
// list scope for 'evaluation' (a coordinator their own programme, a commissioner their
// organisation's), each programme then checked by the same rule as the report, so this list and
// the report can never disagree; anyone else none.
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor';
import { authoriseUser } from '../../access/authorise-as';
import { listScope } from '../../access/list-scope';
import { decide } from '../../access/policy';
import type { Executor } from '../../db/client';
import { programmes } from '../../db/schema';
import { loadEvaluationReach } from './access';

export interface EvaluableProgramme {
  id: string;
  name: string;
  areas: string[];
}

export async function listEvaluableProgrammes(db: Executor, actor: Actor): Promise<EvaluableProgramme[]> {
  // 401 for the signed-out, 403 for API clients and jobs: evaluation reports are read by people.
  const person = authoriseUser(actor, 'list', { kind: 'evaluation' });
  const columns = { id: programmes.id, name: programmes.name, areas: programmes.areas };
  const scope = listScope(person, 'evaluation');
  if (scope === 'none') return [];
  if (scope !== 'all' && 'programmeId' in scope)
    return db.select(columns).from(programmes).where(eq(programmes.id, scope.programmeId));
  const commissionerReach = await loadEvaluationReach(db, person);
  // Programmes number in the tens, so filtering here keeps one rule rather than a SQL twin of it.
  const all = await db.select(columns).from(programmes).orderBy(asc(programmes.name), asc(programmes.id));
  return all.filter(
    (programme) =>
      decide(person, 'read', { kind: 'evaluation', programme, commissionerReach, purpose: 'report' }).allowed,
  );
}
