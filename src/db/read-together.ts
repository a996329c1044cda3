// Independent reads that may run on the pool or inside a transaction.
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from './client';

type Read = () => unknown;
type Results<T extends readonly Read[]> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

/**
 * Runs independent reads side by side on the connection pool, and one after another inside a
 * transaction: a transaction holds one connection, and node-postgres deprecates overlapping
 * queries on one client (pg 9 refuses them). PGlite has one connection either way.
 */
export async function readTogether<const T extends readonly Read[]>(
  db: Executor,
  reads: T,
): Promise<Results<T>> {
  if (db instanceof PgTransaction) {
    const results: unknown[] = [];
    for (const read of reads) results.push(await read());
    return results as Results<T>;
  }
  return (await Promise.all(reads.map((read) => Promise.resolve(read())))) as Results<T>;
}
