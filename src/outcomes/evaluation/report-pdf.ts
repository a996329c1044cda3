// The evaluation report as a PDF a coordinator can hand to a commissioner (docs/DESIGN.md §7). It is drawn
// from the same presented report the JSON endpoint answers with, so a commissioner's PDF carries
// exactly the suppressed figures their screen shows: nothing here computes or un-hides a figure.
import PDFDocument from 'pdfkit';
import type { EvaluationResponse, SocialReturnResponse } from './schemas';

type PairedChangeView = EvaluationResponse['measures'][number]['change'];
type MeasureView = EvaluationResponse['measures'][number];

const margin = 50;
const labelWidth = 230;
const valueX = margin + labelWidth + 10;
const muted = '#4c6272';
const beforeColour = '#768692';
const afterColour = '#005eb8';

// The PDF standard fonts speak Windows-1252 only; anything else would print as a wrong glyph.
const windows1252Extras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const replacements: Record<string, string> = { '−': '-', '≥': '>=', '≤': '<=', '→': '->', '≈': '~' };
function printable(text: string): string {
  return [...text]
    .map((char) =>
      char.charCodeAt(0) <= 0xff || windows1252Extras.has(char) ? char : (replacements[char] ?? '?'),
    )
    .join('');
}

const numberFormat = (digits: number) =>
  new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const oneDecimal = numberFormat(1);
const twoDecimals = numberFormat(2);
const money = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  maximumFractionDigits: 0,
});
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });

/** A missing figure is never blank or 0: it says why it is missing. */
function missing(reason: string | undefined | null): string {
  if (!reason) return 'not available';
  return /^(based on )?fewer than \d+/i.test(reason) ? `fewer than 5 (${reason})` : `not shown (${reason})`;
}

const signed = (value: number) => `${value > 0 ? '+' : ''}${twoDecimals.format(value)}`;
function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

function changeRows(change: PairedChangeView): [string, string][] {
  const why = (name: string) => missing(change.reasons[name]);
  const ci = change.ci95 ? ` (95% CI ${signed(change.ci95[0])} to ${signed(change.ci95[1])})` : '';
  const effect = (value: number | null, name: string) =>
    value === null ? why(name) : twoDecimals.format(value);
  return [
    ['People with both scores (n)', change.n === null ? why('n') : String(change.n)],
    ['Mean before', change.meanBefore === null ? why('means') : twoDecimals.format(change.meanBefore)],
    ['Mean after', change.meanAfter === null ? why('means') : twoDecimals.format(change.meanAfter)],
    ['Mean change', change.meanChange === null ? why('means') : `${signed(change.meanChange)}${ci}`],
    ['Paired t-test p', change.tTest ? formatP(change.tTest.p) : why('tTest')],
    ['Wilcoxon signed-rank p', change.wilcoxon ? formatP(change.wilcoxon.p) : why('wilcoxon')],
    ["Effect size (Cohen's d_z)", effect(change.effectSize.cohensDz, 'cohensDz')],
    ['Effect size (rank-biserial r)', effect(change.effectSize.rankBiserial, 'rankBiserial')],
  ];
}

function measureRows(measure: MeasureView): [string, string][] {
  const loss = measure.lossToFollowUp;
  const rows: [string, string][] = [
    ['Due a follow-up', loss.eligible === null ? missing(loss.reasons.eligible) : String(loss.eligible)],
    [
      'Lost to follow-up',
      loss.lost === null
        ? missing(loss.reasons.lost)
        : `${loss.lost}${loss.shareLost === null ? '' : ` (${percent.format(loss.shareLost)})`}`,
    ],
    ...changeRows(measure.change),
  ];
  const { improvement } = measure;
  if (improvement) {
    rows.push([
      `Meaningful improvement (change of ${improvement.minimumChange} or more)`,
      improvement.share === null
        ? missing(improvement.reason)
        : `${percent.format(improvement.share)}${improvement.improved === null ? '' : ` (${improvement.improved} people)`}`,
    ]);
    rows.push(['Threshold source', improvement.source]);
  }
  return rows;
}

class ReportWriter {
  readonly doc: PDFKit.PDFDocument;

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
  }

  private get bottom() {
    return this.doc.page.height - margin;
  }

  ensureSpace(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(text: string, size = 14) {
    this.ensureSpace(size * 4);
    this.doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor('black');
    this.doc.text(printable(text), margin, this.doc.y);
    this.doc.moveDown(0.3).font('Helvetica').fontSize(10);
  }

  paragraph(text: string, colour = 'black') {
    this.doc.font('Helvetica').fontSize(10).fillColor(colour);
    this.doc.text(printable(text), margin, this.doc.y, { width: this.doc.page.width - 2 * margin });
    this.doc.moveDown(0.4).fillColor('black');
  }

  /** Label–value rows; a row is never split across pages. */
  rows(rows: [string, string][]) {
    const { doc } = this;
    const valueWidth = doc.page.width - margin - valueX;
    doc.font('Helvetica').fontSize(10);
    for (const [label, value] of rows) {
      const height = Math.max(
        doc.heightOfString(printable(label), { width: labelWidth }),
        doc.heightOfString(printable(value), { width: valueWidth }),
      );
      this.ensureSpace(height + 6);
      const top = doc.y;
      doc.fillColor(muted).text(printable(label), margin, top, { width: labelWidth });
      doc.fillColor('black').text(printable(value), valueX, top, { width: valueWidth });
      doc.y = top + height + 4;
      doc
        .moveTo(margin, doc.y - 2)
        .lineTo(doc.page.width - margin, doc.y - 2)
        .lineWidth(0.5)
        .strokeColor('#d8dde0')
        .stroke();
    }
    doc.x = margin;
  }

  /** Before and after means per measure as horizontal bars, each measure on its own scale from 0. */
  meansChart(measures: readonly MeasureView[]) {
    const { doc } = this;
    const shown = measures.filter(
      (measure) => measure.change.meanBefore !== null && measure.change.meanAfter !== null,
    );
    if (shown.length === 0) return;
    this.heading('Mean scores before and after', 12);
    this.paragraph(
      'Each measure is drawn on its own scale starting at 0. Grey: before (baseline); blue: after (follow-up).',
      muted,
    );
    const barArea = doc.page.width - 2 * margin - 170;
    for (const measure of shown) {
      const before = measure.change.meanBefore ?? 0;
      const after = measure.change.meanAfter ?? 0;
      const scale = Math.max(before, after, Number.EPSILON);
      this.ensureSpace(44);
      const top = doc.y;
      doc.font('Helvetica-Bold').fontSize(9).fillColor('black');
      doc.text(printable(measure.label), margin, top, { width: 160 });
      const bars: [string, number, string][] = [
        ['Before', before, beforeColour],
        ['After', after, afterColour],
      ];
      bars.forEach(([name, value, colour], index) => {
        const y = top + index * 16;
        const width = Math.max(1, (value / scale) * (barArea - 40));
        doc.rect(margin + 165, y, width, 12).fill(colour);
        doc
          .font('Helvetica')
          .fontSize(8)
          .fillColor('black')
          .text(`${name} ${oneDecimal.format(value)}`, margin + 170 + width, y + 2, { lineBreak: false });
      });
      doc.y = top + 38;
      doc.x = margin;
    }
  }
}

function socialReturnSection(writer: ReportWriter, socialReturn: SocialReturnResponse) {
  writer.heading('Social return on investment (default assumptions)');
  const { result } = socialReturn;
  if (!result) {
    writer.paragraph(
      `Not shown: ${socialReturn.suppressedBecause ?? 'the figures it rests on are not available'}.`,
    );
    return;
  }
  const components = [
    result.components.gpAppointments,
    result.components.aeAttendances,
    ...(result.components.wellbeing ? [result.components.wellbeing] : []),
  ];
  writer.rows([
    ['Window of GP and A&E use', `${socialReturn.windowMonths} months before and after referral`],
    ...components.map((component): [string, string] => [
      component.label,
      `${money.format(component.value)} (${component.working})`,
    ]),
    ['Total value', money.format(result.totalValue)],
    [
      'Return per £1',
      result.ratio === null
        ? 'needs the programme’s cost: enter it in the calculator on the evaluation page'
        : `£${twoDecimals.format(result.ratio)}`,
    ],
  ]);
  writer.heading('Assumptions', 12);
  writer.rows(
    Object.entries(result.assumptions)
      .filter(([name]) => name !== 'programmeCost')
      .map(([name, assumption]): [string, string] => [
        name,
        `${assumption.value} ${assumption.unit}. ${assumption.source} (${assumption.year}; ${assumption.basis})${assumption.url ? ` ${assumption.url}` : ''}`,
      ]),
  );
  writer.heading('Caveats', 12);
  for (const caveat of result.caveats) writer.paragraph(`• ${caveat}`);
}

export async function renderEvaluationPdf(options: {
  report: EvaluationResponse;
  socialReturn: SocialReturnResponse;
  generatedAt: Date;
  /** Uncompressed streams let a reader (or a test) search the text; production compresses. */
  compress?: boolean;
}): Promise<Buffer> {
  const { report, socialReturn } = options;
  const title = `Evaluation report: ${report.programme.name}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    compress: options.compress ?? true,
    info: { Title: printable(title), Author: 'Linkwell' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const writer = new ReportWriter(doc);
  doc.font('Helvetica-Bold').fontSize(18).text(printable(title));
  doc.moveDown(0.3);
  writer.rows([
    ['Programme', report.programme.name],
    ['Referrals received', `${report.from} to ${report.to}`],
    ['Generated', options.generatedAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'],
    [
      'View',
      report.view === 'full'
        ? 'Full (programme coordinator)'
        : `Aggregate: figures about fewer than ${report.smallNumberMinimum} people are not shown`,
    ],
  ]);

  writer.heading('Cohort');
  writer.rows([
    [
      'Referrals',
      report.cohort.referrals === null ? missing('Fewer than 5 people') : String(report.cohort.referrals),
    ],
    ['People', report.cohort.people === null ? missing('Fewer than 5 people') : String(report.cohort.people)],
  ]);

  writer.meansChart(report.measures);
  for (const measure of report.measures) {
    writer.heading(measure.label, 12);
    if (measure.lossToFollowUp.warning)
      writer.paragraph(`Warning: ${measure.lossToFollowUp.warning}`, '#d5281b');
    writer.rows(measureRows(measure));
  }
  if (report.measures.length === 0) writer.paragraph('Nobody in the cohort has a baseline measure yet.');

  writer.heading('GP appointments and A&E attendances before and after referral');
  writer.paragraph(`Observational, not causal. ${report.healthServiceUse.caveat}`);
  for (const window of report.healthServiceUse.windows) {
    writer.heading(`${window.windowMonths} months before and after`, 11);
    writer.paragraph('GP appointments', muted);
    writer.rows(changeRows(window.gpAppointments));
    writer.paragraph('A&E attendances', muted);
    writer.rows(changeRows(window.aeAttendances));
  }

  socialReturnSection(writer, socialReturn);
  doc.end();
  return finished;
}

/** A filename a coordinator can file: the programme's name, the period and the report's kind. */
export function evaluationPdfFilename(report: EvaluationResponse): string {
  const slug = report.programme.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `linkwell-evaluation-${slug || 'programme'}-${report.from}-to-${report.to}.pdf`;
}
