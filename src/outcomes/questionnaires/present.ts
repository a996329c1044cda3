// A questionnaire row as the API shows it.
import type { questionnaires } from '../../db/schema';

export type QuestionnaireRow = typeof questionnaires.$inferSelect;

export function presentQuestionnaire(row: QuestionnaireRow) {
  return {
    id: row.id,
    programmeId: row.programmeId,
    key: row.key,
    name: row.name,
    definition: row.definition as Record<string, unknown>,
    isArchived: row.isArchived,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
