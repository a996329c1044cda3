// Reading a programme's questionnaires. Definitions are not person data, so reads are not audited.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../access/actor';
import type { Executor } from '../../db/client';
import { questionnaires } from '../../db/schema';
import { authoriseQuestionnaireWork } from './access';

/** The programme's questionnaires, in use first, then by name. */
export async function listQuestionnaires(tx: Executor, input: { actor: Actor; programmeId: string }) {
  await authoriseQuestionnaireWork(tx, input.actor, input.programmeId);
  return tx
    .select()
    .from(questionnaires)
    .where(eq(questionnaires.programmeId, input.programmeId))
    .orderBy(questionnaires.isArchived, questionnaires.name);
}
