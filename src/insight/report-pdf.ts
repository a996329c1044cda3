// The printable Insight report: every registered panel's headlines and tables, with titles, the
// filters and notes (pdfkit, as the evaluation report). It is drawn from the presented panels, after
// suppression, so the PDF carries exactly the figures the screens show: nothing here computes or
// un-hides a figure. Streams are left uncompressed: the report is a few pages of text, and plain
// streams let anyone (and the tests) search it, e.g. to check it holds no person's name.
import PDFDocument from 'pdfkit';
import type { InsightCell, InsightPanelResponse, InsightTable } from './schemas';
import { SMALL_COUNT_REASON } from './suppress';

const margin = 40;
const labelWidth = 170;
const maxColumnsPerBlock = 8;
const maxRowsPrinted = 60;
const muted = '#4c6272';

// The PDF standard fonts speak Windows-1252 only; anything else would print as a wrong glyph.
const windows1252Extras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const replacements: Record<string, string> = {
  '−': '-',
  '≥': '>=',
  '≤': '<=',
  '→': '->',
  '≈': '~',
  '×': 'x',
};
function printable(text: string): string {
  return [...text]
    .map((char) =>
      char.charCodeAt(0) <= 0xff || windows1252Extras.has(char) ? char : (replacements[char] ?? '?'),
    )
    .join('');
}

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });

export function formatCell(cell: InsightCell | undefined, unit: InsightTable['unit']): string {
  if (!cell) return '';
  if (cell.suppressed) return cell.reason === SMALL_COUNT_REASON ? '<5' : 'suppressed';
  if (cell.value === null) return '-';
  switch (unit) {
    case 'share':
      return percent.format(cell.value);
    case 'count':
    case 'people':
      return whole.format(cell.value);
    case 'rate_per_1000':
    case 'days':
    case 'index':
      return oneDecimal.format(cell.value);
  }
}

class ReportWriter {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  private get width() {
    return this.doc.page.width - 2 * margin;
  }

  ensureSpace(height: number) {
    if (this.doc.y + height > this.doc.page.height - margin) this.doc.addPage();
  }

  heading(text: string, size: number) {
    this.ensureSpace(size * 3);
    this.doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor('black');
    this.doc.text(printable(text), margin, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2).font('Helvetica').fontSize(9);
  }

  paragraph(text: string, colour = 'black') {
    this.doc.font('Helvetica').fontSize(9).fillColor(colour);
    this.doc.text(printable(text), margin, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3).fillColor('black');
  }

  row(cells: string[], columnWidth: number, isBold = false) {
    const { doc } = this;
    doc.font(isBold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    const height = Math.max(
      doc.heightOfString(printable(cells[0] ?? ''), { width: labelWidth }),
      ...cells.slice(1).map((text) => doc.heightOfString(printable(text), { width: columnWidth - 4 })),
    );
    this.ensureSpace(height + 4);
    const top = doc.y;
    doc.text(printable(cells[0] ?? ''), margin, top, { width: labelWidth });
    cells.slice(1).forEach((text, index) => {
      doc.text(printable(text), margin + labelWidth + index * columnWidth, top, {
        width: columnWidth - 4,
        align: 'right',
      });
    });
    doc.y = top + height + 3;
    doc
      .moveTo(margin, doc.y - 1)
      .lineTo(margin + this.width, doc.y - 1)
      .lineWidth(0.3)
      .strokeColor('#d8dde0')
      .stroke();
    doc.x = margin;
  }

  table(table: InsightTable) {
    this.heading(table.title, 11);
    if (table.description) this.paragraph(table.description, muted);
    if (table.rows.length === 0 && !table.total) {
      this.paragraph('No figures for these filters.', muted);
      return;
    }
    // Long tables (a London-wide map has 4,835 LSOAs) print their first rows and point to the CSV,
    // which has them all: pages of area codes help no reader and made the PDF 3 MB.
    const rows = table.rows.slice(0, maxRowsPrinted);
    const left = table.rows.length - rows.length;
    // Wide tables (months, sources…) print in blocks of columns, each repeating the row labels.
    for (let start = 0; start < table.columns.length; start += maxColumnsPerBlock) {
      const columns = table.columns.slice(start, start + maxColumnsPerBlock);
      const columnWidth = (this.width - labelWidth) / Math.max(columns.length, 1);
      this.row(['', ...columns.map((column) => column.label)], columnWidth, true);
      for (const row of rows)
        this.row(
          [
            row.label,
            ...columns.map((column) => formatCell(row.cells[column.key], column.unit ?? table.unit)),
          ],
          columnWidth,
        );
      // Not under a cut table: the total less the printed rows would give the omitted rows' sum,
      // which may be a small number the suppression never saw as a cell.
      const total = left > 0 ? undefined : table.total;
      if (total)
        this.row(
          [
            total.label,
            ...columns.map((column) => formatCell(total.cells[column.key], column.unit ?? table.unit)),
          ],
          columnWidth,
          true,
        );
      this.doc.moveDown(0.4);
    }
    if (left > 0)
      this.paragraph(
        `${left.toLocaleString('en-GB')} more rows (and the total) are not printed: download this table's CSV for all ${table.rows.length.toLocaleString('en-GB')}.`,
        muted,
      );
  }
}

export async function renderInsightPdf(options: {
  panels: InsightPanelResponse[];
  /** The filters in words (csv.ts describeFilters). */
  filters: string;
  generatedAt: Date;
}): Promise<Buffer> {
  const title = 'Insight report';
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin,
    compress: false,
    info: { Title: title, Author: 'Linkwell' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const writer = new ReportWriter(doc);
  doc.font('Helvetica-Bold').fontSize(18).text(title);
  writer.paragraph(`Filters: ${options.filters}`);
  writer.paragraph(
    `Generated ${options.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    muted,
  );
  if (options.panels.some((panel) => panel.isSuppressed))
    writer.paragraph(
      'Counts under 5 are shown as <5, and figures that would let one be worked out by subtraction as "suppressed".',
      muted,
    );
  for (const panel of options.panels) {
    writer.heading(panel.title, 14);
    for (const headline of panel.headlines)
      writer.paragraph(`${headline.label}: ${formatCell(headline.cell, headline.unit)} (${headline.method})`);
    for (const table of panel.tables) writer.table(table);
    for (const note of panel.notes) writer.paragraph(note, muted);
  }
  doc.end();
  return finished;
}

export function insightReportFilename(generatedAt: Date): string {
  return `insight-report-${generatedAt.toISOString().slice(0, 10)}.pdf`;
}
