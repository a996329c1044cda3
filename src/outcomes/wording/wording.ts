// Licensed item wording (SWEMWBS): Linkwell ships item numbers only, and each programme registered
// with the licence holder enters the wording once. Here: reading it, merging it into an instrument's
// definition (so every page and the self-completion link show the same words), and saving it.
import { and, eq } from 'drizzle-orm';
import type { Actor, RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { instrumentWording, programmes } from '../../db/schema';
import { invalidFields, notFound } from '../../http/errors';
import { versionConflict } from '../../http/schemas';
import { builtInInstruments, findBuiltInInstrument, type InstrumentDefinition } from '../instruments';

export type WordingRow = typeof instrumentWording.$inferSelect;

/** The built-in instruments whose wording each programme supplies. */
export const licensedInstruments = (): InstrumentDefinition[] =>
  builtInInstruments.filter((definition) => definition.licence.wordingSuppliedByProgramme);

/** The instrument with the programme's wording as each item's question (unchanged when none). */
export function withWording(definition: InstrumentDefinition, wording: WordingRow | undefined) {
  if (!wording || !definition.licence.wordingSuppliedByProgramme) return definition;
  return {
    ...definition,
    items: definition.items.map((item) => ({ ...item, question: wording.items[item.id] ?? item.question })),
  };
}

/** False for a licensed instrument whose wording the programme has not entered yet. */
export function hasAllWording(definition: InstrumentDefinition): boolean {
  return (
    !definition.licence.wordingSuppliedByProgramme ||
    definition.items.every((item) => item.question !== undefined)
  );
}

export async function loadProgrammeWording(
  tx: Executor,
  programmeId: string,
): Promise<Map<string, WordingRow>> {
  const rows = await tx
    .select()
    .from(instrumentWording)
    .where(eq(instrumentWording.programmeId, programmeId));
  return new Map(rows.map((row) => [row.instrumentKey, row]));
}

async function authoriseWording(tx: Executor, actor: Actor, programmeId: string): Promise<string> {
  // The coordinators of the programme, like its questionnaires; another programme answers 404.
  const basis = authorise(actor, 'update', { kind: 'instrument_wording', programmeId });
  const [programme] = await tx
    .select({ id: programmes.id })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  if (!programme) throw notFound('The programme');
  return basis;
}

export async function listWording(tx: Executor, actor: Actor, programmeId: string) {
  await authoriseWording(tx, actor, programmeId);
  const stored = await loadProgrammeWording(tx, programmeId);
  return licensedInstruments().map((definition) => ({ definition, wording: stored.get(definition.key) }));
}

/** Every item's wording is required: a partly worded questionnaire cannot be shown to anyone. */
function checkItems(definition: InstrumentDefinition, items: Record<string, string>): Record<string, string> {
  const known = new Set(definition.items.map((item) => item.id));
  const errors = [
    ...Object.keys(items)
      .filter((itemId) => !known.has(itemId))
      .map((itemId) => ({ field: `items.${itemId}`, detail: `${definition.name} has no item “${itemId}”.` })),
    ...definition.items
      .filter((item) => !items[item.id]?.trim())
      .map((item) => ({
        field: `items.${item.id}`,
        detail: `Enter the wording of statement ${item.number ?? item.id}.`,
      })),
  ];
  if (errors.length > 0) throw invalidFields(errors);
  return Object.fromEntries(definition.items.map((item) => [item.id, items[item.id]!.trim()]));
}

export async function saveWording(
  tx: Executor,
  input: {
    actor: Actor;
    origin: RequestOrigin;
    programmeId: string;
    instrumentKey: string;
    licenceReference: string;
    items: Record<string, string>;
    version?: number;
  },
) {
  const basis = await authoriseWording(tx, input.actor, input.programmeId);
  const definition = findBuiltInInstrument(input.instrumentKey);
  if (!definition?.licence.wordingSuppliedByProgramme) throw notFound('The questionnaire');
  const items = checkItems(definition, input.items);
  const [current] = await tx
    .select()
    .from(instrumentWording)
    .where(
      and(
        eq(instrumentWording.programmeId, input.programmeId),
        eq(instrumentWording.instrumentKey, definition.key),
      ),
    )
    .for('update');
  if (current && current.version !== input.version) throw versionConflict('wording', current.version);
  const updatedByUserId = input.actor.type === 'user' ? input.actor.userId : null;
  const values = { licenceReference: input.licenceReference, items, updatedByUserId };
  // A first save racing another first save: the primary key turns the loser into a conflict.
  const [row] = current
    ? await tx
        .update(instrumentWording)
        .set({ ...values, version: current.version + 1, updatedAt: new Date() })
        .where(
          and(
            eq(instrumentWording.programmeId, input.programmeId),
            eq(instrumentWording.instrumentKey, definition.key),
          ),
        )
        .returning()
    : await tx
        .insert(instrumentWording)
        .values({ programmeId: input.programmeId, instrumentKey: definition.key, ...values })
        .onConflictDoNothing()
        .returning();
  if (!row) throw versionConflict('wording', 1);
  await recordAudit(tx, {
    actor: input.actor,
    origin: input.origin,
    action: 'instrument_wording.save',
    entityType: 'programme',
    entityId: input.programmeId,
    programmeId: input.programmeId,
    details: { basis, instrumentKey: definition.key, version: row.version },
  });
  return { definition, wording: row };
}
