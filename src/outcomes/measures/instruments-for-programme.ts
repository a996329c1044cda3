// The instruments a programme's staff may use: the built-ins every programme has, plus the
// programme's own non-archived questionnaires. Stored definitions are checked again on the way out,
// so a row written by older code (or by hand) can never reach the scoring engine unchecked.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { questionnaires } from '../../db/schema';
import {
  builtInInstruments,
  findBuiltInInstrument,
  instrumentDefinitionSchema,
  type InstrumentDefinition,
} from '../instruments';
import { loadProgrammeWording, withWording } from '../wording/wording';

export type AvailableInstrument = {
  definition: InstrumentDefinition;
  /** The programme questionnaire's row, or null for a built-in. */
  questionnaireId: string | null;
};

function fromRow(row: typeof questionnaires.$inferSelect): AvailableInstrument | null {
  const parsed = instrumentDefinitionSchema.safeParse(row.definition);
  return parsed.success ? { definition: parsed.data, questionnaireId: row.id } : null;
}

export async function listProgrammeInstruments(
  tx: Executor,
  programmeId: string,
): Promise<AvailableInstrument[]> {
  const rows = await tx
    .select()
    .from(questionnaires)
    .where(and(eq(questionnaires.programmeId, programmeId), eq(questionnaires.isArchived, false)))
    .orderBy(questionnaires.name);
  const own = rows
    .map(fromRow)
    .filter((instrument): instrument is AvailableInstrument => instrument !== null);
  const wording = await loadProgrammeWording(tx, programmeId);
  const builtIns = builtInInstruments.map((definition) => ({
    definition: withWording(definition, wording.get(definition.key)),
    questionnaireId: null,
  }));
  return [...builtIns, ...own];
}

/**
 * One instrument by key for recording a measure. Archived questionnaires are found too when
 * `includeArchived` is set, so measures taken before archiving can still be shown and corrected.
 */
export async function findProgrammeInstrument(
  tx: Executor,
  programmeId: string,
  key: string,
  options: { includeArchived?: boolean } = {},
): Promise<AvailableInstrument | undefined> {
  const builtIn = findBuiltInInstrument(key);
  if (builtIn) {
    if (!builtIn.licence.wordingSuppliedByProgramme) return { definition: builtIn, questionnaireId: null };
    const wording = await loadProgrammeWording(tx, programmeId);
    return { definition: withWording(builtIn, wording.get(key)), questionnaireId: null };
  }
  const [row] = await tx
    .select()
    .from(questionnaires)
    .where(and(eq(questionnaires.programmeId, programmeId), eq(questionnaires.key, key)));
  if (!row || (row.isArchived && !options.includeArchived)) return undefined;
  return fromRow(row) ?? undefined;
}

/** Every instrument a set of measures refers to, keyed by instrument key (archived ones included). */
export async function instrumentsByKey(
  tx: Executor,
  programmeId: string,
  keys: Iterable<string>,
): Promise<Map<string, InstrumentDefinition>> {
  const found = new Map<string, InstrumentDefinition>();
  for (const key of new Set(keys)) {
    const instrument = await findProgrammeInstrument(tx, programmeId, key, { includeArchived: true });
    if (instrument) found.set(key, instrument.definition);
  }
  return found;
}
