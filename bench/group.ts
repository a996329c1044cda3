// What a bench group is and what it is given. A group measures one area (foundation, directory,
// referrals…) against one database at a time; run.ts calls it once per database.
import type { DatabaseKind, Report } from './report';
import type { PostgresServer } from './postgres-cluster';

export type BenchTarget =
  | { db: 'pglite' }
  | {
      db: 'postgres';
      /** The server to make scratch databases on (a throwaway cluster or BENCH_DATABASE_URL). */
      server: PostgresServer;
    };

export type BenchContext = {
  target: BenchTarget;
  /** `--quick`: fewer repetitions and shorter loads, to check the bench itself works. */
  isQuick: boolean;
  /** Records one figure for this target's database and prints its line. */
  record(figure: string, value: number, unit: string, params?: Record<string, unknown>): void;
  /** A progress line on stderr. */
  progress(message: string): void;
};

export type BenchGroup = {
  name: string;
  description: string;
  run(context: BenchContext): Promise<void>;
};

export type { DatabaseKind, Report };
