// The programmes whose evaluation an actor may open (GET /api/evaluation/programmes): a coordinator
// their own programme, a commissioner every programme in their area (access.ts holds the rule, so
// this list and the report can never disagree), anyone else none.
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor';
import type { Executor } from '../../db/client';
import { programmes } from '../../db/schema';
import { isProgrammeInArea, loadCommissionerArea, requirePerson } from './access';

export interface EvaluableProgramme {
  id: string;
  name: string;
  areas: string[];
}

export async function listEvaluableProgrammes(db: Executor, actor: Actor): Promise<EvaluableProgramme[]> {
  const person = requirePerson(actor);
  const columns = { id: programmes.id, name: programmes.name, areas: programmes.areas };
  if (person.role === 'coordinator' && person.programmeId) {
    return db.select(columns).from(programmes).where(eq(programmes.id, person.programmeId));
  }
  const area = await loadCommissionerArea(db, person);
  if (!area) return [];
  // Programmes number in the tens, so filtering here keeps one rule rather than a SQL twin of it.
  const all = await db.select(columns).from(programmes).orderBy(asc(programmes.name), asc(programmes.id));
  return all.filter((programme) => isProgrammeInArea(area, programme));
}
