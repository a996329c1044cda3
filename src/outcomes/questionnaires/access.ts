// Who may build a programme's questionnaires: its coordinators (the policy's "update the
// programme" rule). Another programme's questionnaires answer 404, so their existence is not
// leaked; a link worker of the same programme is told 403.
import type { Actor } from '../../access/actor';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { programmes } from '../../db/schema';
import { notFound } from '../../http/errors';
import { eq } from 'drizzle-orm';

export async function authoriseQuestionnaireWork(
  db: Executor,
  actor: Actor,
  programmeId: string,
): Promise<string> {
  const basis = authorise(actor, 'update', { kind: 'questionnaire', programmeId });
  const [programme] = await db
    .select({ id: programmes.id })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  if (!programme) throw notFound('The programme');
  return basis;
}
