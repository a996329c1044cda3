// One table of a presented panel as CSV (RFC 4180, csv-stringify): a few `# ` lines naming the table,
// the filters and the method, then the header and one line per row. It is written from the presented
// (already suppressed) table, so a download never holds a figure the screen hides: a count hidden for
// being small reads `<5`, any other hidden figure `suppressed`, a figure that does not exist is empty.
import { stringify } from 'csv-stringify/sync';
import type { InsightCell, InsightPanelResponse, InsightTable } from './schemas';
import { SMALL_COUNT_REASON } from './suppress';

function csvValue(cell: InsightCell | undefined): string {
  if (!cell) return '';
  if (cell.suppressed) return cell.reason === SMALL_COUNT_REASON ? '<5' : 'suppressed';
  return cell.value === null ? '' : String(cell.value);
}

/** The filters in words, for the CSV's and the PDF's heading. */
export function describeFilters(panel: Pick<InsightPanelResponse, 'filters' | 'programmes'>): string {
  const { filters } = panel;
  const parts = [
    `period ${filters.from} to ${filters.to}`,
    `programmes ${panel.programmes.map((programme) => programme.name).join('; ') || 'none'}`,
  ];
  if (filters.borough) parts.push(`borough ${filters.borough}`);
  if (filters.source) parts.push(`source ${filters.source}`);
  return parts.join(', ');
}

export function tableCsv(panel: InsightPanelResponse, table: InsightTable): string {
  const preamble = [
    [`# ${table.title}`],
    [`# ${describeFilters(panel)}${panel.isSuppressed ? ' (counts under 5 suppressed)' : ''}`],
    [`# ${table.description ?? ''}`],
  ];
  const header = ['', ...table.columns.map((column) => column.label)];
  const rows = table.rows.map((row) => [
    row.label,
    ...table.columns.map((column) => csvValue(row.cells[column.key])),
  ]);
  const total = table.total
    ? [[table.total.label, ...table.columns.map((column) => csvValue(table.total?.cells[column.key]))]]
    : [];
  return stringify([...preamble, header, ...rows, ...total], { record_delimiter: '\r\n' });
}

/** A file name for the download: panel, table and period, nothing else. */
export function tableCsvFilename(panel: InsightPanelResponse, table: InsightTable): string {
  const safe = (text: string) => text.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
  return `insight-${safe(panel.panel)}-${safe(table.id)}-${panel.filters.from}-to-${panel.filters.to}.csv`;
}
