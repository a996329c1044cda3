// The text of a pdfkit PDF for assertions: pdfkit writes text as hex strings inside TJ operations
// (compressed or not), so searching the raw bytes for a name finds nothing either way.
import { inflateSync } from 'node:zlib';

/** The text runs of a pdfkit PDF, in drawing order: inflate each stream, decode each TJ's hex strings. */
export function textRuns(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const runs: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const data = Buffer.from(match[1]!, 'latin1');
    let content: string;
    try {
      content = inflateSync(data).toString('latin1');
    } catch {
      content = data.toString('latin1');
    }
    for (const operation of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hexes = [...operation[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) =>
        Buffer.from(hex[1]!, 'hex').toString('latin1'),
      );
      runs.push(hexes.join('').trim());
    }
  }
  return runs;
}
