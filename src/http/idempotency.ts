// Safe retries for creates. A client sends `Idempotency-Key: <unique string>`; the first response
// is stored in the same transaction as the record it created, and a retry with the same key gets
// that response back without creating anything. Reusing a key for a different request is refused.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database, Transaction } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import { describeActor } from '../access/actor';
import { AppError, invalidField } from './errors';

export type CreateResult<T, S extends number = 201> = { statusCode: S; body: T };

function actorKeyOf(request: FastifyRequest): string {
  const { actorType, actorId } = describeActor(request.actor);
  return `${actorType}:${actorId ?? request.ip}`;
}

function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; cause?: { code?: string } };
  return candidate.code === '23505' || candidate.cause?.code === '23505';
}

/**
 * Runs `create` in a transaction, remembering its response under the request's Idempotency-Key
 * (when one was sent). The key is optional, so plain clients keep working.
 */
export async function runIdempotentCreate<T, S extends number = 201>(
  db: Database,
  request: FastifyRequest,
  create: (tx: Transaction) => Promise<CreateResult<T, S>>,
): Promise<CreateResult<T, S>> {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return db.transaction(create);
  if (typeof header !== 'string' || header.length < 8 || header.length > 200) {
    throw invalidField('Idempotency-Key', 'Idempotency-Key must be between 8 and 200 characters.', 'headers');
  }
  const actorKey = actorKeyOf(request);
  const requestHash = createHash('sha256')
    .update(
      `${request.method} ${request.routeOptions.url ?? request.url}\n${JSON.stringify(request.body ?? null)}`,
    )
    .digest('hex');

  const replay = async (): Promise<CreateResult<T, S> | undefined> => {
    const [stored] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.actorKey, actorKey), eq(idempotencyKeys.key, header)));
    if (!stored) return undefined;
    if (stored.requestHash !== requestHash) {
      throw new AppError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different request.',
      );
    }
    return { statusCode: stored.statusCode as S, body: stored.responseBody as T };
  };

  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await db.transaction(async (tx) => {
      const result = await create(tx);
      await tx.insert(idempotencyKeys).values({
        actorKey,
        key: header,
        method: request.method,
        path: request.url,
        requestHash,
        statusCode: result.statusCode,
        responseBody: result.body,
      });
      return result;
    });
  } catch (error) {
    // A concurrent request with the same key won the race: answer with its stored response. The
    // race may also surface as the domain's own refusal (a duplicate check, a row lock then a
    // state check) rather than the key's unique violation, so any refusal looks for a winner first.
    if (isUniqueViolation(error) || error instanceof AppError) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw error;
  }
}
