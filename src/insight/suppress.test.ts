// Suppression over hand-worked tables: which cells an aggregate-only viewer sees, and that no hidden
// count can be recovered from a row total, a column total or a declared sum.
import { describe, expect, it } from 'vitest';
import { TOTAL_ROW, type RawCell, type RawTable } from './panel';
import {
  COMPLEMENT_REASON,
  REVEALING_REASON,
  SMALL_BASE_REASON,
  SMALL_COUNT_REASON,
  presentHeadline,
  presentTable,
} from './suppress';

const count = (value: number): RawCell => ({ value, people: value });
const share = (people: number, of: number): RawCell => ({ value: of === 0 ? null : people / of, people, of });

function table(overrides: Partial<RawTable> & Pick<RawTable, 'columns' | 'rows'>): RawTable {
  return { id: 't', title: 'T', chart: 'bar', unit: 'count', ...overrides };
}

const hiddenOf = (presented: ReturnType<typeof presentTable>) => {
  const hidden: Record<string, string> = {};
  for (const row of [...presented.rows, ...(presented.total ? [{ key: TOTAL_ROW, ...presented.total }] : [])])
    for (const [column, cell] of Object.entries(row.cells))
      if (cell.suppressed) hidden[`${row.key}.${column}`] = cell.reason;
  return hidden;
};

describe('presentTable for aggregate-only viewers', () => {
  it('hides a count of 1–4 and the next smallest part, so the total cannot give it back', () => {
    // a 12, b 3, c 7, d 20 = 42: b is small; c (the smallest other non-zero) goes with it.
    const sources = table({
      columns: [{ key: 'n', label: 'Referrals' }],
      rows: [
        { key: 'a', label: 'A', cells: { n: count(12) } },
        { key: 'b', label: 'B', cells: { n: count(3) } },
        { key: 'c', label: 'C', cells: { n: count(7) } },
        { key: 'd', label: 'D', cells: { n: count(20) } },
        { key: 'e', label: 'E', cells: { n: count(0) } },
      ],
      total: { label: 'Total', cells: { n: count(42) } },
    });
    const presented = presentTable(sources, true);
    expect(hiddenOf(presented)).toEqual({ 'b.n': SMALL_COUNT_REASON, 'c.n': COMPLEMENT_REASON });
    expect(presented.rows[0]!.cells.n).toEqual({ value: 12 });
    expect(presented.rows[4]!.cells.n).toEqual({ value: 0 });
    expect(presented.total!.cells.n).toEqual({ value: 42 });
    // The programme's own team sees everything.
    expect(hiddenOf(presentTable(sources, false))).toEqual({});
  });

  it('protects a two-way table along rows and columns until stable', () => {
    //          x    y   total
    //   r1     2   10    12
    //   r2     8    9    17
    //   total 10   19    29
    // r1.x is small → r1.y (row r1) → r2.x (column x) → r2.y (column y). Totals stay; the four
    // hidden cells satisfy four sums of rank 3, so none of them can be solved for.
    const crossed = table({
      columns: [
        { key: 'x', label: 'X' },
        { key: 'y', label: 'Y' },
        { key: 'total', label: 'Total' },
      ],
      rows: [
        { key: 'r1', label: 'R1', cells: { x: count(2), y: count(10), total: count(12) } },
        { key: 'r2', label: 'R2', cells: { x: count(8), y: count(9), total: count(17) } },
      ],
      total: { label: 'Total', cells: { x: count(10), y: count(19), total: count(29) } },
    });
    expect(hiddenOf(presentTable(crossed, true))).toEqual({
      'r1.x': SMALL_COUNT_REASON,
      'r1.y': COMPLEMENT_REASON,
      'r2.x': COMPLEMENT_REASON,
      'r2.y': COMPLEMENT_REASON,
    });
  });

  it('hides a small total with a part when every part is shown', () => {
    // 0 + 3 = 3 in row r: the total is small; the part 3 would show it, so it goes too.
    const rowTotals = table({
      columns: [
        { key: 'x', label: 'X' },
        { key: 'y', label: 'Y' },
        { key: 'total', label: 'Total' },
      ],
      rows: [{ key: 'r', label: 'R', cells: { x: count(0), y: count(3), total: count(3) } }],
    });
    expect(hiddenOf(presentTable(rowTotals, true))).toEqual({
      'r.y': SMALL_COUNT_REASON,
      'r.total': SMALL_COUNT_REASON,
    });
  });

  it('solves the sums together: a count pinned down by three sums with two hidden cells each is protected', () => {
    // a + b = 11, b + c = 12, a + c = 9. One sum at a time, hiding b (beside a) and c (beside a in the
    // third) looks enough, yet together the three give a = (11 + 9 − 12) / 2 = 4. The solver sees it
    // and hides 11 too, after which a can take any value.
    const ref = (row: string) => ({ row, column: 'n' });
    const triangle = table({
      columns: [{ key: 'n', label: 'N' }],
      rows: [
        { key: 'a', label: 'A', cells: { n: count(4) } },
        { key: 'b', label: 'B', cells: { n: count(7) } },
        { key: 'c', label: 'C', cells: { n: count(5) } },
        { key: 'ab', label: 'A and B', cells: { n: count(11) } },
        { key: 'bc', label: 'B and C', cells: { n: count(12) } },
        { key: 'ac', label: 'A and C', cells: { n: count(9) } },
      ],
      sums: [
        { total: ref('ab'), parts: [ref('a'), ref('b')] },
        { total: ref('bc'), parts: [ref('b'), ref('c')] },
        { total: ref('ac'), parts: [ref('a'), ref('c')] },
      ],
    });
    expect(hiddenOf(presentTable(triangle, true))).toEqual({
      'a.n': SMALL_COUNT_REASON,
      'b.n': COMPLEMENT_REASON,
      'c.n': COMPLEMENT_REASON,
      'ab.n': COMPLEMENT_REASON,
    });
  });

  it('hides shares on small numerators, small bases and small remainders, and shares resting on a hidden count', () => {
    const shares = table({
      unit: 'share',
      columns: [{ key: 's', label: 'Share' }],
      rows: [
        { key: 'few', label: 'Few', cells: { s: share(3, 20) } },
        { key: 'most', label: 'Most', cells: { s: share(18, 20) } },
        { key: 'base', label: 'Base', cells: { s: share(2, 4) } },
        { key: 'none', label: 'None', cells: { s: share(0, 10) } },
        { key: 'half', label: 'Half', cells: { s: share(10, 20) } },
        { key: 'empty', label: 'Empty', cells: { s: share(0, 0) } },
      ],
    });
    const presented = presentTable(shares, true);
    expect(hiddenOf(presented)).toEqual({
      'few.s': REVEALING_REASON,
      'most.s': REVEALING_REASON,
      'base.s': SMALL_BASE_REASON,
    });
    expect(presented.rows[3]!.cells.s).toEqual({ value: 0 });
    expect(presented.rows[4]!.cells.s).toEqual({ value: 0.5 });
    expect(presented.rows[5]!.cells.s).toEqual({ value: null });
  });

  it('protects a funnel declared as sums: received = accepted + not accepted', () => {
    // Received 20, accepted 17 (3 not accepted): the 3 is small, and 20 − 17 would give it back,
    // so accepted goes too, and with it the share 17/20 that rests on it.
    const funnel = table({
      chart: 'funnel',
      columns: [
        { key: 'count', label: 'Referrals' },
        { key: 'dropped', label: 'Did not reach this stage' },
        { key: 'share', label: 'Share of received', unit: 'share' },
      ],
      rows: [
        { key: 'received', label: 'Received', cells: { count: count(20), share: share(20, 20) } },
        {
          key: 'accepted',
          label: 'Accepted',
          cells: { count: count(17), dropped: count(3), share: share(17, 20) },
        },
      ],
      sums: [
        {
          total: { row: 'received', column: 'count' },
          parts: [
            { row: 'accepted', column: 'count' },
            { row: 'accepted', column: 'dropped' },
          ],
        },
      ],
    });
    expect(hiddenOf(presentTable(funnel, true))).toEqual({
      'accepted.count': COMPLEMENT_REASON,
      'accepted.dropped': SMALL_COUNT_REASON,
      'accepted.share': REVEALING_REASON,
    });
  });

  it('hides a median resting on fewer than 5 people, and relabels named rows', () => {
    const caseloads = table({
      unit: 'days',
      anonymiseRowsAs: 'Link worker',
      columns: [{ key: 'median', label: 'Median days' }],
      rows: [
        { key: 'u1', label: 'Ada Worker', cells: { median: { value: 4, people: 3 } } },
        { key: 'u2', label: 'Bea Worker', cells: { median: { value: 6, people: 9 } } },
        { key: 'unassigned', label: 'Not yet assigned', cells: { median: { value: 2, people: 7 } } },
      ],
      keepLabelsOf: ['unassigned'],
    });
    const presented = presentTable(caseloads, true);
    expect(presented.rows.map((row) => [row.key, row.label])).toEqual([
      ['row-1', 'Link worker 1'],
      ['row-2', 'Link worker 2'],
      ['unassigned', 'Not yet assigned'],
    ]);
    expect(hiddenOf(presented)).toEqual({ 'row-1.median': SMALL_BASE_REASON });
    expect(JSON.stringify(presented)).not.toContain('Worker');
    expect(presentTable(caseloads, false).rows[0]!.label).toBe('Ada Worker');
  });

  it('suppresses a headline by the same rules', () => {
    const headline = {
      id: 'h',
      label: 'Median days to first contact',
      unit: 'days' as const,
      method: 'Median',
      cell: { value: 3, people: 4 },
    };
    expect(presentHeadline(headline, true).cell).toEqual({
      value: null,
      suppressed: true,
      reason: SMALL_BASE_REASON,
    });
    expect(presentHeadline(headline, false).cell).toEqual({ value: 3 });
  });
});
