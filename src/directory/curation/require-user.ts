import type { Actor, UserActor } from '../../access/actor';
import { AppError } from '../../http/errors';

/** Curation needs a person to answer for each change: signed-in users only (401 when signed out). */
export function requireUser(actor: Actor): UserActor {
  if (actor.type === 'user') return actor;
  if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in to continue.');
  throw new AppError('forbidden', 'API clients cannot curate the directory.');
}
