import type { Actor, UserActor } from '../../access/actor';
import { authoriseUser } from '../../access/authorise-as';

/**
 * Curation needs a person to answer for each change (401 when signed out, 403 for API clients):
 * the policy's 'directory_curation' rule, kept under this name for the routes that import it.
 */
export function requireUser(actor: Actor): UserActor {
  return authoriseUser(actor, 'update', { kind: 'directory_curation', part: 'edit' });
}
