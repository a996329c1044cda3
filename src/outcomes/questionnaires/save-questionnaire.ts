// Creating, changing and archiving a programme's questionnaire. Every change to the definition
// bumps definition.version, so each stored measure keeps the version it was scored with (the
// measures table copies it). The key never changes: measures are filed under it.
import { and, eq, sql } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import type { Executor } from '../../db/client';
import { questionnaires } from '../../db/schema';
import { AppError, invalidField, notFound } from '../../http/errors';
import { versionConflict } from '../../http/schemas';
import { authoriseQuestionnaireWork } from './access';
import {
  assertNotBuiltInKey,
  checkDefinition,
  hasDefinitionChanged,
  keyConflict,
  nextDefinitionVersion,
} from './check-definition';
import type { QuestionnaireRow } from './present';

type Common = { actor: Actor; origin: RequestOrigin; programmeId: string };

const userIdOf = (actor: Actor) => (actor.type === 'user' ? actor.userId : null);

async function assertKeyFree(tx: Executor, programmeId: string, key: string) {
  const [clash] = await tx
    .select({ id: questionnaires.id })
    .from(questionnaires)
    .where(and(eq(questionnaires.programmeId, programmeId), eq(questionnaires.key, key)));
  if (clash) throw keyConflict(`The programme already has a questionnaire with the key “${key}”.`);
}

export async function createQuestionnaire(
  tx: Executor,
  input: Common & { definition: Record<string, unknown> },
): Promise<QuestionnaireRow> {
  const basis = await authoriseQuestionnaireWork(tx, input.actor, input.programmeId);
  const definition = checkDefinition(input.definition, '1');
  assertNotBuiltInKey(definition.key);
  await assertKeyFree(tx, input.programmeId, definition.key);
  const [row] = await tx
    .insert(questionnaires)
    .values({
      programmeId: input.programmeId,
      key: definition.key,
      name: definition.name,
      definition,
      createdByUserId: userIdOf(input.actor),
    })
    .returning();
  await recordAudit(tx, {
    actor: input.actor,
    origin: input.origin,
    action: 'questionnaire.create',
    entityType: 'questionnaire',
    entityId: row!.id,
    programmeId: input.programmeId,
    details: { basis, key: definition.key, definitionVersion: definition.version },
  });
  return row!;
}

async function lockQuestionnaire(tx: Executor, programmeId: string, questionnaireId: string) {
  const [row] = await tx
    .select()
    .from(questionnaires)
    .where(eq(questionnaires.id, questionnaireId))
    .for('update');
  // Another programme's questionnaire is "not found", like one that does not exist.
  if (!row || row.programmeId !== programmeId) throw notFound('The questionnaire');
  return row;
}

function assertChangeable(row: QuestionnaireRow, version: number) {
  if (row.version !== version) throw versionConflict('questionnaire', row.version);
  if (row.isArchived)
    throw new AppError('invalid_transition', 'This questionnaire is archived and can no longer be changed.');
}

export async function updateQuestionnaire(
  tx: Executor,
  input: Common & { questionnaireId: string; definition: Record<string, unknown>; version: number },
): Promise<QuestionnaireRow> {
  const basis = await authoriseQuestionnaireWork(tx, input.actor, input.programmeId);
  const existing = await lockQuestionnaire(tx, input.programmeId, input.questionnaireId);
  assertChangeable(existing, input.version);
  const storedVersion = (existing.definition as { version?: unknown }).version;
  const unchanged = checkDefinition(input.definition, String(storedVersion));
  if (unchanged.key !== existing.key)
    throw invalidField(
      'definition.key',
      `The key cannot change once the questionnaire exists (answers are filed under “${existing.key}”).`,
    );
  const isChanged = hasDefinitionChanged(existing.definition, unchanged);
  const definition = isChanged ? { ...unchanged, version: nextDefinitionVersion(storedVersion) } : unchanged;
  const [row] = await tx
    .update(questionnaires)
    .set({
      name: definition.name,
      definition,
      updatedAt: new Date(),
      version: sql`${questionnaires.version} + 1`,
    })
    .where(and(eq(questionnaires.id, existing.id), eq(questionnaires.version, existing.version)))
    .returning();
  if (!row) throw versionConflict('questionnaire', existing.version + 1);
  await recordAudit(tx, {
    actor: input.actor,
    origin: input.origin,
    action: 'questionnaire.update',
    entityType: 'questionnaire',
    entityId: row.id,
    programmeId: input.programmeId,
    details: { basis, key: row.key, definitionVersion: definition.version, isDefinitionChanged: isChanged },
  });
  return row;
}

/** Archived questionnaires are offered for no new measures; measures already taken keep pointing at them. */
export async function archiveQuestionnaire(
  tx: Executor,
  input: Common & { questionnaireId: string; version: number },
): Promise<QuestionnaireRow> {
  const basis = await authoriseQuestionnaireWork(tx, input.actor, input.programmeId);
  const existing = await lockQuestionnaire(tx, input.programmeId, input.questionnaireId);
  assertChangeable(existing, input.version);
  const [row] = await tx
    .update(questionnaires)
    .set({ isArchived: true, updatedAt: new Date(), version: sql`${questionnaires.version} + 1` })
    .where(eq(questionnaires.id, existing.id))
    .returning();
  await recordAudit(tx, {
    actor: input.actor,
    origin: input.origin,
    action: 'questionnaire.archive',
    entityType: 'questionnaire',
    entityId: existing.id,
    programmeId: input.programmeId,
    details: { basis, key: existing.key },
  });
  return row!;
}
