// Typed helpers over authorise(): the policy decides, these only narrow the actor's type for the
// code after the check (a route that needs a user's id, a staff member's programme, a client's
// organisation). If a rule ever allowed an actor the helper cannot narrow, the answer is a 403,
// never a 500 and never a silent pass.
import type { AnonymousActor, ApiClientActor, Actor, UserActor } from './actor';
import { AppError } from '../http/errors';
import { authorise, type Action, type DecisionContext, type Resource } from './policy';

/** A signed-in user who belongs to a programme (coordinators, link workers, buddies). */
export type StaffActor = UserActor & { programmeId: string };

export function authoriseUser(
  actor: Actor,
  action: Action,
  resource: Resource,
  context: DecisionContext = {},
): UserActor {
  authorise(actor, action, resource, context);
  return asUser(actor);
}

/** After authorise(): the actor as a user (a 403 if a rule let anyone else through). */
export function asUser(actor: Actor): UserActor {
  if (actor.type !== 'user') throw new AppError('forbidden', 'Only a signed-in person can do this.');
  return actor;
}

export function authoriseStaff(
  actor: Actor,
  action: Action,
  resource: Resource,
  context: DecisionContext = {},
): StaffActor {
  const user = authoriseUser(actor, action, resource, context);
  if (user.programmeId === null) throw new AppError('forbidden', 'Only programme staff can do this.');
  return user as StaffActor;
}

export function authoriseApiClient(
  actor: Actor,
  action: Action,
  resource: Resource,
  context: DecisionContext = {},
): ApiClientActor {
  authorise(actor, action, resource, context);
  if (actor.type !== 'api_client')
    throw new AppError('forbidden', 'Only a connected system with an API key can do this.');
  return actor;
}

/** 401 for the signed-out before a record is looked up; the record's own rule decides after. */
export function assertSignedIn(actor: Actor): asserts actor is Exclude<Actor, AnonymousActor> {
  if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in to continue.');
}
