// Importing health-service use from a CSV file, e.g. a GP practice's search exported by the
// coordinator. The columns, in any order, header row first:
//
//   referral_reference  the Linkwell reference, e.g. LW-7K3M9Q (must be a referral of this programme)
//   period              before | after (the referral's received date)
//   window_months       3 | 6
//   gp_appointments     whole number 0–200 (0–100 for 3 months); empty if not known
//   ae_attendances      whole number 0–200 (0–100 for 3 months); empty if not known
//
// Like the directory import (src/directory/csv), every row is checked first and ALL problems are
// reported as { row, field, detail } with spreadsheet row numbers (the header is row 1); if any row
// is wrong nothing is written. A row for a window already stored updates it (source csv_import).
import { parse } from 'csv-parse/sync';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, RequestOrigin } from '../../access/actor';
import { recordAudit } from '../../access/audit';
import { asUser } from '../../access/authorise-as';
import { authorise } from '../../access/policy';
import type { Executor } from '../../db/client';
import { programmes, referrals } from '../../db/schema';
import { AppError, notFound } from '../../http/errors';
import { checkCounts, type HealthUseCounts } from './rules';
import { rowsOfReferrals, slotOf, upsertCounts } from './store';

export const healthUseCsvColumns = [
  'referral_reference',
  'period',
  'window_months',
  'gp_appointments',
  'ae_attendances',
] as const;
type Column = (typeof healthUseCsvColumns)[number];
type RowProblem = { row: number; field: string; detail: string };

const count = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
  z.coerce
    .number({ message: 'must be a whole number, or empty if not known' })
    .int('must be a whole number')
    .min(0, 'cannot be below 0')
    .nullable(),
);

const rowSchema = z.object({
  referral_reference: z.string().trim().min(1, 'Enter the referral reference').toUpperCase(),
  period: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['before', 'after'], { message: 'must be before or after' })),
  window_months: z
    .string()
    .trim()
    .pipe(z.enum(['3', '6'], { message: 'must be 3 or 6' }))
    .transform(Number),
  gp_appointments: count,
  ae_attendances: count,
});

function rowsFailed(problems: RowProblem[]): AppError {
  const rows = new Set(problems.map((problem) => problem.row)).size;
  return new AppError(
    'validation_failed',
    `Nothing was imported: ${rows} row${rows === 1 ? ' has' : 's have'} problems. Correct them and import the file again.`,
    {
      extra: {
        errors: problems.map((p) => ({ ...p, pointer: `#/rows/${p.row}/${p.field}`, in: 'body' })),
      },
    },
  );
}

function readCsv(text: string): { records: Record<Column, string>[] } | { problems: RowProblem[] } {
  let raw: string[][];
  try {
    raw = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const row = (error as { lines?: number }).lines ?? 1;
    return {
      problems: [{ row, field: '', detail: `The file is not valid CSV: ${(error as Error).message}` }],
    };
  }
  const [header, ...body] = raw;
  if (!header)
    return { problems: [{ row: 1, field: '', detail: 'The file is empty: start with the header row.' }] };
  const names = header.map((name) => name.trim().toLowerCase());
  const problems: RowProblem[] = [];
  for (const name of names)
    if (!(healthUseCsvColumns as readonly string[]).includes(name))
      problems.push({
        row: 1,
        field: name,
        detail: `"${name}" is not one of the columns (${healthUseCsvColumns.join(', ')}).`,
      });
  for (const column of healthUseCsvColumns)
    if (!names.includes(column))
      problems.push({ row: 1, field: column, detail: `The column "${column}" is missing.` });
  if (body.length === 0)
    problems.push({ row: 2, field: '', detail: 'The file has no rows under the header.' });
  if (problems.length) return { problems };
  const records = body.map(
    (cells) =>
      Object.fromEntries(
        healthUseCsvColumns.map((column) => [column, cells[names.indexOf(column)] ?? '']),
      ) as Record<Column, string>,
  );
  return { records };
}

type CheckedRow = HealthUseCounts & { row: number; reference: string };

export async function importHealthUseCsv(
  tx: Executor,
  input: { actor: Actor; origin: RequestOrigin; programmeId: string; text: string; now?: Date },
) {
  const now = input.now ?? new Date();
  // Counts are person-level data: the programme's coordinators import them, not platform admins.
  const basis = authorise(input.actor, 'create', { kind: 'health_use', programmeId: input.programmeId });
  const importer = asUser(input.actor);
  const [programme] = await tx
    .select({ id: programmes.id })
    .from(programmes)
    .where(eq(programmes.id, input.programmeId));
  if (!programme) throw notFound('The programme');

  const read = readCsv(input.text);
  if ('problems' in read) throw rowsFailed(read.problems);
  const problems: RowProblem[] = [];
  const checked: CheckedRow[] = [];
  read.records.forEach((record, index) => {
    const row = index + 2;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ row, field: String(issue.path[0] ?? ''), detail: issue.message });
      return;
    }
    const value = parsed.data;
    checked.push({
      row,
      reference: value.referral_reference,
      period: value.period,
      windowMonths: value.window_months as 3 | 6,
      gpAppointments: value.gp_appointments,
      aeAttendances: value.ae_attendances,
    });
  });

  // Only this programme's referrals are found: another programme's reference reads as unknown.
  const references = [...new Set(checked.map((row) => row.reference))];
  const found = references.length
    ? await tx
        .select()
        .from(referrals)
        .where(and(eq(referrals.programmeId, input.programmeId), inArray(referrals.reference, references)))
    : [];
  const referralByReference = new Map(found.map((referral) => [referral.reference.toUpperCase(), referral]));
  const seen = new Map<string, number>();
  for (const row of checked) {
    const referral = referralByReference.get(row.reference);
    if (!referral) {
      problems.push({
        row: row.row,
        field: 'referral_reference',
        detail: `No referral ${row.reference} was found in this programme.`,
      });
      continue;
    }
    const slot = slotOf({ referralId: referral.id, period: row.period, windowMonths: row.windowMonths });
    const earlier = seen.get(slot);
    if (earlier !== undefined)
      problems.push({
        row: row.row,
        field: 'window_months',
        detail: `Row ${earlier} already gives these ${row.windowMonths} months ${row.period} referral ${row.reference}.`,
      });
    seen.set(slot, row.row);
    const columnOf = {
      windowMonths: 'window_months',
      gpAppointments: 'gp_appointments',
      aeAttendances: 'ae_attendances',
    } as const;
    for (const problem of checkCounts(row, referral.receivedAt, now))
      problems.push({ row: row.row, field: columnOf[problem.field], detail: problem.detail });
  }
  if (problems.length) throw rowsFailed(problems.sort((a, b) => a.row - b.row));

  const stored = new Set(
    (
      await rowsOfReferrals(
        tx,
        found.map((referral) => referral.id),
      )
    ).map(slotOf),
  );
  let created = 0;
  for (const referral of found) {
    const entries = checked.filter((row) => row.reference === referral.reference.toUpperCase());
    created += entries.filter((entry) => !stored.has(slotOf({ referralId: referral.id, ...entry }))).length;
    await upsertCounts(tx, {
      referral,
      entries,
      source: 'csv_import',
      recordedByUserId: importer.userId,
      now,
    });
  }
  await recordAudit(tx, {
    actor: input.actor,
    origin: input.origin,
    action: 'health_use.import',
    entityType: 'programme',
    entityId: input.programmeId,
    programmeId: input.programmeId,
    details: {
      basis,
      rows: checked.length,
      created,
      updated: checked.length - created,
      referralIds: found.map((referral) => referral.id),
      personIds: [...new Set(found.map((referral) => referral.personId))],
    },
  });
  return { rows: checked.length, created, updated: checked.length - created };
}
