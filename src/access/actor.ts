// Who is making a request. Every operation receives an actor; nothing reads "the current user"
// from a global.
import type { Role } from './roles';

export type UserActor = {
  type: 'user';
  userId: string;
  role: Role;
  name: string;
  email: string;
  programmeId: string | null;
  organisationId: string | null;
  sessionTokenHash: string;
};

export type ApiClientActor = {
  type: 'api_client';
  clientId: string;
  name: string;
  organisationId: string;
  scopes: string[];
};

export type AnonymousActor = { type: 'anonymous' };

/** A background job of Linkwell itself (e.g. expiring unanswered onward referrals); never a request. */
export type SystemActor = { type: 'system'; job: string };

export type Actor = UserActor | ApiClientActor | AnonymousActor | SystemActor;

export const anonymous: AnonymousActor = { type: 'anonymous' };

export function systemActor(job: string): SystemActor {
  return { type: 'system', job };
}

/** Where the request came from, for the audit log. */
export type RequestOrigin = { requestId: string; ip: string | null };

export function describeActor(actor: Actor): {
  actorType: string;
  actorId: string | null;
  actorRole: string | null;
} {
  switch (actor.type) {
    case 'user':
      return { actorType: 'user', actorId: actor.userId, actorRole: actor.role };
    case 'api_client':
      return { actorType: 'api_client', actorId: actor.clientId, actorRole: null };
    case 'anonymous':
      return { actorType: 'anonymous', actorId: null, actorRole: null };
    case 'system':
      return { actorType: 'system', actorId: actor.job, actorRole: null };
  }
}

/** The actor for a user row, outside a session (e.g. while signing in). */
export function userActorFrom(user: {
  id: string;
  role: string;
  name: string;
  email: string;
  programmeId: string | null;
  organisationId: string | null;
}): UserActor {
  return {
    type: 'user',
    userId: user.id,
    role: user.role as Role,
    name: user.name,
    email: user.email,
    programmeId: user.programmeId,
    organisationId: user.organisationId,
    sessionTokenHash: '',
  };
}
