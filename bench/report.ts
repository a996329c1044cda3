// Collects the figures of one bench run: prints each as `bench <figure-id> <db> <value> <unit>` on
// stdout the moment it is measured, and writes them all to bench/results.json at the end.
// Progress goes to stderr so that stdout holds only figure lines (easy to grep and diff).
import { writeFileSync } from 'node:fs';

export type DatabaseKind = 'pglite' | 'postgres';

export type Figure = {
  /** A stable id from docs/conventions (e.g. `startup.cold_ms`); never reused for another measurement. */
  figure: string;
  db: DatabaseKind;
  value: number;
  unit: string;
  /** What was measured and how: sizes, concurrency, samples, where the server ran. */
  params: Record<string, unknown>;
};

/** Rounds to a precision that suits the magnitude: 12345, 123.4, 1.234. */
export function roundFigure(value: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3;
  return Number(value.toFixed(decimals));
}

export function formatFigure(figure: Pick<Figure, 'figure' | 'db' | 'value' | 'unit'>): string {
  return `bench ${figure.figure} ${figure.db} ${roundFigure(figure.value)} ${figure.unit}`;
}

export class Report {
  readonly figures: Figure[] = [];
  private readonly startedAt = Date.now();

  constructor(
    private readonly output: { log(line: string): void; progress(line: string): void } = consoleOutput,
  ) {}

  /** Records a figure and prints its line. */
  record(figure: Figure): void {
    const rounded = { ...figure, value: roundFigure(figure.value) };
    this.figures.push(rounded);
    this.output.log(formatFigure(rounded));
  }

  /** A progress line on stderr, with the seconds since the run started. */
  progress(message: string): void {
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1).padStart(6);
    this.output.progress(`[${seconds} s] ${message}`);
  }

  write(file: string): void {
    writeFileSync(file, JSON.stringify(this.figures, null, 2) + '\n');
  }
}

const consoleOutput = {
  log: (line: string) => console.log(line),
  progress: (line: string) => console.error(line),
};

/** Nearest-rank percentile of unsorted samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}
