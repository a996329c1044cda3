// Small-number suppression for every Insight panel, in one pass over the raw tables (panel.ts), so no
// panel can forget it. For aggregate-only viewers (commissioners, regional commissioners, platform
// admins, providers):
//   1. a count of 1–4 people is hidden (0 is shown: it reveals no one);
//   2. a share or rate is hidden when its numerator is 1–4, its denominator is under 5, or the
//      difference (those not counted) is 1–4, as in src/outcomes/statistics.ts suppressShare;
//      a median or mean is hidden when it rests on fewer than 5 people;
//   3. complementary suppression: wherever "total = sum of parts" holds (the total row per column, a
//      column keyed 'total' per row, and the relations a table declares in `sums`, e.g. a funnel's
//      stages) and exactly one member is hidden, a second one is hidden too (the smallest non-zero
//      part, else the total), so the hidden figure cannot be worked out by subtraction; a share in
//      the same row as a hidden count, resting on that count, is hidden with it. Then the relations
//      are solved together, and a small count they still determine gets a partner hidden too.
//      Repeated until nothing changes, because each new hidden cell can expose another relation.
// This protects the relations inside a table. Figures in different tables of one panel are built from
// the same rows, but each is its own breakdown; panels must not show the same total in two tables
// in a way that lets two suppressed breakdowns be differenced (the builders keep to that).
import { SMALL_NUMBER_MINIMUM } from '../outcomes/statistics';
import {
  TOTAL_ROW,
  type CellRef,
  type RawCell,
  type RawHeadline,
  type RawPanel,
  type RawTable,
} from './panel';
import type { InsightCell, InsightHeadline, InsightTable } from './schemas';

export const SMALL_COUNT_REASON = `Fewer than ${SMALL_NUMBER_MINIMUM} people`;
export const SMALL_BASE_REASON = `Based on fewer than ${SMALL_NUMBER_MINIMUM} people`;
export const REVEALING_REASON = `Would reveal a group of fewer than ${SMALL_NUMBER_MINIMUM} people`;
export const COMPLEMENT_REASON = 'Hidden so that a suppressed figure cannot be worked out from the totals';

const isSmall = (count: number) => count > 0 && count < SMALL_NUMBER_MINIMUM;
const countUnits = new Set(['count', 'people']);

type Unit = InsightTable['unit'];

/** The rule-1 and rule-2 reason a figure must be hidden for, or null when it may be shown. */
export function primaryReason(cell: RawCell, unit: Unit): string | null {
  if (cell.value === null) return null;
  if (cell.of !== undefined) {
    const numerator = cell.people ?? 0;
    if (cell.of < SMALL_NUMBER_MINIMUM) return SMALL_BASE_REASON;
    if (isSmall(numerator) || isSmall(cell.of - numerator)) return REVEALING_REASON;
    return null;
  }
  if (countUnits.has(unit)) return isSmall(cell.people ?? cell.value) ? SMALL_COUNT_REASON : null;
  // A median, mean or index of people: it needs enough of them behind it.
  if (cell.people !== undefined && cell.people < SMALL_NUMBER_MINIMUM) return SMALL_BASE_REASON;
  return null;
}

const refKey = (ref: CellRef) => `${ref.row}\u0000${ref.column}`;

type Grid = {
  cellAt(ref: CellRef): RawCell | undefined;
  isCount(ref: CellRef): boolean;
  rowKeys: string[];
  columnKeys: string[];
};

function gridOf(table: RawTable): Grid {
  const rowsByKey = new Map(table.rows.map((row) => [row.key, row.cells]));
  if (table.total) rowsByKey.set(TOTAL_ROW, table.total.cells);
  const unitOf = new Map(table.columns.map((column) => [column.key, column.unit ?? table.unit]));
  const cellAt = (ref: CellRef) => rowsByKey.get(ref.row)?.[ref.column];
  return {
    cellAt,
    isCount: (ref) => {
      const cell = cellAt(ref);
      return (
        cell !== undefined && cell.of === undefined && countUnits.has(unitOf.get(ref.column) ?? table.unit)
      );
    },
    rowKeys: [...rowsByKey.keys()],
    columnKeys: table.columns.map((column) => column.key),
  };
}

/** Every "total = sum of parts" relation among the table's count cells. */
export function relationsOf(table: RawTable): { total: CellRef; parts: CellRef[] }[] {
  const grid = gridOf(table);
  const relations: { total: CellRef; parts: CellRef[] }[] = [];
  if (table.total) {
    for (const column of grid.columnKeys) {
      const total = { row: TOTAL_ROW, column };
      if (!grid.isCount(total)) continue;
      const parts = table.rows.map((row) => ({ row: row.key, column })).filter((ref) => grid.isCount(ref));
      relations.push({ total, parts });
    }
  }
  if (grid.columnKeys.includes('total')) {
    for (const row of grid.rowKeys) {
      const total = { row, column: 'total' };
      if (!grid.isCount(total)) continue;
      const parts = grid.columnKeys
        .filter((column) => column !== 'total')
        .map((column) => ({ row, column }))
        .filter((ref) => grid.isCount(ref));
      relations.push({ total, parts });
    }
  }
  for (const sum of table.sums ?? []) {
    if (grid.isCount(sum.total) && sum.parts.every((part) => grid.isCount(part))) relations.push(sum);
  }
  return relations;
}

/** Rank of a small dense matrix (Gaussian elimination; coefficients are 0 and ±1). */
function rankOf(matrix: number[][]): number {
  const rows = matrix.map((row) => [...row]);
  let rank = 0;
  const width = rows[0]?.length ?? 0;
  for (let column = 0; column < width && rank < rows.length; column += 1) {
    const pivot = rows.findIndex((row, index) => index >= rank && Math.abs(row[column]!) > 1e-9);
    if (pivot === -1) continue;
    [rows[rank], rows[pivot]] = [rows[pivot]!, rows[rank]!];
    const pivotRow = rows[rank]!;
    for (let index = 0; index < rows.length; index += 1) {
      if (index === rank) continue;
      const factor = rows[index]![column]! / pivotRow[column]!;
      if (factor !== 0) rows[index] = rows[index]!.map((value, k) => value - factor * pivotRow[k]!);
    }
    rank += 1;
  }
  return rank;
}

/**
 * A hidden small count that the sums determine, taken together (its unit vector lies in the span of
 * the sums restricted to hidden cells), and the shown figure to hide beside it; null when none is.
 */
function partnerForDeterminedCell(
  relations: { total: CellRef; parts: CellRef[] }[],
  hidden: Map<string, string>,
  smallKeys: string[],
  countOf: (ref: CellRef) => number,
): CellRef | null {
  const unknowns = [
    ...new Set(
      relations.flatMap(({ total, parts }) => [total, ...parts].map(refKey).filter((key) => hidden.has(key))),
    ),
  ];
  const column = new Map(unknowns.map((key, index) => [key, index]));
  const equations = relations
    .map(({ total, parts }) => {
      const row: number[] = new Array<number>(unknowns.length).fill(0);
      const add = (ref: CellRef, sign: number) => {
        const index = column.get(refKey(ref));
        if (index !== undefined) row[index]! += sign;
      };
      add(total, 1);
      for (const part of parts) add(part, -1);
      return row;
    })
    .filter((row) => row.some((value) => value !== 0));
  if (equations.length === 0) return null;
  const rank = rankOf(equations);
  for (const key of smallKeys) {
    const index = column.get(key);
    if (index === undefined) continue;
    const unit: number[] = new Array<number>(unknowns.length).fill(0);
    unit[index] = 1;
    if (rankOf([...equations, unit]) !== rank) continue;
    // Determined: hide a shown member of one of its sums (the smallest non-zero part, else the total).
    for (const { total, parts } of relations) {
      if (![total, ...parts].some((ref) => refKey(ref) === key)) continue;
      const shownParts = parts.filter((ref) => !hidden.has(refKey(ref)));
      const partner =
        shownParts.filter((ref) => countOf(ref) > 0).sort((a, b) => countOf(a) - countOf(b))[0] ??
        (hidden.has(refKey(total)) ? shownParts[0] : total);
      if (partner) return partner;
    }
  }
  return null;
}

/** The cells to hide (ref key → reason) in a table seen by an aggregate-only viewer. */
export function suppressedCells(table: RawTable): Map<string, string> {
  const grid = gridOf(table);
  const hidden = new Map<string, string>();
  const unitOf = (column: string) => table.columns.find((c) => c.key === column)?.unit ?? table.unit;
  for (const row of grid.rowKeys) {
    for (const column of grid.columnKeys) {
      const ref = { row, column };
      const cell = grid.cellAt(ref);
      const reason = cell ? primaryReason(cell, unitOf(column)) : null;
      if (reason) hidden.set(refKey(ref), reason);
    }
  }
  const countOf = (ref: CellRef) => {
    const cell = grid.cellAt(ref);
    return cell ? (cell.people ?? cell.value ?? 0) : 0;
  };
  const relations = relationsOf(table);
  let changed = true;
  while (changed) {
    changed = false;
    for (const { total, parts } of relations) {
      const members = [total, ...parts];
      const hiddenMembers = members.filter((ref) => hidden.has(refKey(ref)));
      if (hiddenMembers.length !== 1) continue;
      // A hidden zero gives nothing away, and hiding it alone protects nothing either.
      if (countOf(hiddenMembers[0]!) === 0 && hiddenMembers[0] !== total) continue;
      const shownParts = parts.filter((ref) => !hidden.has(refKey(ref)));
      const partner =
        shownParts.filter((ref) => countOf(ref) > 0).sort((a, b) => countOf(a) - countOf(b))[0] ??
        (hidden.has(refKey(total)) ? shownParts[0] : total);
      if (partner === undefined) continue;
      hidden.set(refKey(partner), COMPLEMENT_REASON);
      changed = true;
    }
    if (!changed) {
      // The pass above looks at one sum at a time; several sums together can still pin a small count
      // down (two hidden cells in each, but as many equations as unknowns). Solve for it: if the
      // system determines it, hide one more figure beside it and run the passes again.
      const small = [...hidden.entries()]
        .filter(([, reason]) => reason === SMALL_COUNT_REASON)
        .map(([key]) => key);
      const partner = partnerForDeterminedCell(relations, hidden, small, countOf);
      if (partner) {
        hidden.set(refKey(partner), COMPLEMENT_REASON);
        changed = true;
      }
    }
    // A share shown beside a hidden count, resting on it, would give the count back (share × base).
    for (const row of grid.rowKeys) {
      const hiddenCounts = grid.columnKeys
        .map((column) => ({ row, column }))
        .filter((ref) => grid.isCount(ref) && hidden.has(refKey(ref)))
        .map(countOf);
      if (hiddenCounts.length === 0) continue;
      for (const column of grid.columnKeys) {
        const ref = { row, column };
        const cell = grid.cellAt(ref);
        if (!cell || cell.of === undefined || cell.value === null || hidden.has(refKey(ref))) continue;
        if (hiddenCounts.includes(cell.people ?? -1) || hiddenCounts.includes(cell.of)) {
          hidden.set(refKey(ref), COMPLEMENT_REASON);
          changed = true;
        }
      }
    }
  }
  return hidden;
}

const presentCell = (cell: RawCell, hiddenReason: string | undefined): InsightCell => {
  if (hiddenReason) return { value: null, suppressed: true, reason: hiddenReason };
  if (cell.value === null) return cell.reason ? { value: null, reason: cell.reason } : { value: null };
  return { value: cell.value };
};

/** A raw table as a viewer sees it: every figure for a programme's team, suppressed for the rest. */
export function presentTable(table: RawTable, isSuppressed: boolean): InsightTable {
  const hidden = isSuppressed ? suppressedCells(table) : new Map<string, string>();
  const cellsOf = (row: string, cells: Record<string, RawCell>) =>
    Object.fromEntries(
      Object.entries(cells).map(([column, cell]) => [
        column,
        presentCell(cell, hidden.get(refKey({ row, column }))),
      ]),
    );
  const anonymise = isSuppressed && table.anonymiseRowsAs !== undefined;
  let numbered = 0;
  const presented: InsightTable = {
    id: table.id,
    title: table.title,
    chart: table.chart,
    unit: table.unit,
    columns: table.columns,
    rows: table.rows.map((row) => {
      const isNumbered = anonymise && !table.keepLabelsOf?.includes(row.key);
      if (isNumbered) numbered += 1;
      return {
        key: isNumbered ? `row-${numbered}` : row.key,
        label: isNumbered ? `${table.anonymiseRowsAs} ${numbered}` : row.label,
        cells: cellsOf(row.key, row.cells),
      };
    }),
  };
  if (table.description !== undefined) presented.description = table.description;
  if (table.total)
    presented.total = { label: table.total.label, cells: cellsOf(TOTAL_ROW, table.total.cells) };
  return presented;
}

export function presentHeadline(headline: RawHeadline, isSuppressed: boolean): InsightHeadline {
  const reason = isSuppressed ? primaryReason(headline.cell, headline.unit) : null;
  return { ...headline, cell: presentCell(headline.cell, reason ?? undefined) };
}

export function presentPanelFigures(
  raw: RawPanel,
  isSuppressed: boolean,
): { headlines: InsightHeadline[]; tables: InsightTable[] } {
  return {
    headlines: raw.headlines.map((headline) => presentHeadline(headline, isSuppressed)),
    tables: raw.tables.map((table) => presentTable(table, isSuppressed)),
  };
}
