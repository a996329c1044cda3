// The one answer to "which rows may this actor list?", next to the policy engine so that a list can
// never show what a read of the same row would refuse. Every list query filters by it:
//   'all'                          everything (the public directory, platform admins' registers)
//   'none'                         nothing: the route refuses or answers an empty list
//   { programmeId }                the actor's programme
//   { programmeId, assignedTo }    the actor's programme, only cases assigned to them (link workers)
//   { organisationId }             the actor's organisation: for referrals the referring organisation,
//                                  for onward referrals the provider, for evaluation the commissioner,
//                                  for directory curation the services' owner, for webhooks the client,
//                                  for programme links the referring organisation
import { AppError } from '../http/errors';
import type { Actor, UserActor } from './actor';
import type { Resource } from './policy';

export type ListScope =
  'all' | 'none' | { programmeId: string; assignedTo?: string } | { organisationId: string };

export type ResourceKind = Resource['kind'];

export function listScope(actor: Actor, kind: ResourceKind): ListScope {
  switch (actor.type) {
    case 'anonymous':
      return kind === 'service' ? 'all' : 'none';
    case 'system':
      return 'none';
    case 'api_client':
      return apiClientListScope(actor.organisationId, kind);
    case 'user':
      return userListScope(actor, kind);
  }
}

/** System clients act for one organisation: its referrals, its inbox, its webhooks, and the public directory. */
function apiClientListScope(organisationId: string, kind: ResourceKind): ListScope {
  switch (kind) {
    case 'organisation':
    case 'service':
      return 'all';
    case 'referral':
    case 'onward_referral':
    case 'webhook':
      return { organisationId };
    case 'programme':
    case 'programme_link':
    case 'user':
    case 'api_client':
    case 'audit_log':
    case 'notification_outbox':
    case 'person':
    case 'caseload':
    case 'casework':
    case 'measures':
    case 'health_use':
    case 'unmet_need':
    case 'shortlist':
    case 'duplicate_check':
    case 'evaluation':
    case 'questionnaire':
    case 'instrument_wording':
    case 'programme_settings':
    case 'account':
    case 'directory_curation':
    case 'insight':
      return 'none';
  }
}

const programmeOf = (actor: UserActor): ListScope =>
  actor.programmeId === null ? 'none' : { programmeId: actor.programmeId };
const organisationOf = (actor: UserActor): ListScope =>
  actor.organisationId === null ? 'none' : { organisationId: actor.organisationId };
const caseloadOf = (actor: UserActor): ListScope =>
  actor.programmeId === null ? 'none' : { programmeId: actor.programmeId, assignedTo: actor.userId };

function userListScope(actor: UserActor, kind: ResourceKind): ListScope {
  const { role } = actor;
  switch (kind) {
    case 'organisation':
    case 'service':
      return 'all';
    case 'programme':
    case 'questionnaire':
    case 'instrument_wording':
    case 'programme_settings':
      if (role === 'platform_admin') return 'all';
      return role === 'coordinator' ? programmeOf(actor) : kind === 'programme' ? programmeOf(actor) : 'none';
    case 'user':
    case 'audit_log':
      if (role === 'platform_admin') return 'all';
      return role === 'coordinator' ? programmeOf(actor) : 'none';
    case 'api_client':
    case 'notification_outbox':
      return role === 'platform_admin' ? 'all' : 'none';
    case 'person':
    case 'duplicate_check':
      return role === 'coordinator' || role === 'link_worker' ? programmeOf(actor) : 'none';
    case 'referral':
      if (role === 'referrer' || role === 'provider_staff') return organisationOf(actor);
      // A link worker lists the queue and their caseload of the programme; the view narrows further.
      return role === 'coordinator' || role === 'link_worker' ? programmeOf(actor) : 'none';
    case 'onward_referral':
      if (role === 'provider_staff') return organisationOf(actor);
      if (role === 'coordinator') return programmeOf(actor);
      return role === 'link_worker' ? caseloadOf(actor) : 'none';
    case 'caseload':
    case 'casework':
    case 'measures':
    case 'health_use':
      if (role === 'coordinator') return programmeOf(actor);
      return role === 'link_worker' ? caseloadOf(actor) : 'none';
    case 'unmet_need':
      return role === 'coordinator' ? programmeOf(actor) : 'none';
    case 'evaluation':
      if (role === 'coordinator') return programmeOf(actor);
      return role === 'commissioner' ? organisationOf(actor) : 'none';
    case 'directory_curation':
      if (role === 'platform_admin') return 'all';
      if (role === 'coordinator') return programmeOf(actor);
      return role === 'provider_staff' ? organisationOf(actor) : 'none';
    case 'programme_link':
      if (role === 'platform_admin') return 'all';
      if (role === 'coordinator') return programmeOf(actor);
      return role === 'referrer' ? organisationOf(actor) : 'none';
    case 'insight':
      // The programmes an actor's dashboards cover (src/insight/scope.ts narrows the organisation's
      // by the policy's commissioning rule); a provider's organisation is its own services' evidence.
      if (role === 'regional_commissioner' || role === 'platform_admin') return 'all';
      if (role === 'coordinator') return programmeOf(actor);
      return role === 'commissioner' || role === 'provider_staff' ? organisationOf(actor) : 'none';
    case 'shortlist':
    case 'webhook':
    case 'account':
      // Never listed by people: shortlists are sent, webhooks belong to systems, an account is one's own.
      return 'none';
  }
}

/**
 * The scope of a list the actor asked for, or the refusal: 401 for the signed-out, 403 for anyone
 * whose scope is 'none' (they have no such list; the route never answers with an empty one).
 */
export function authoriseList(
  actor: Actor,
  kind: ResourceKind,
  refusal = 'You have no list of these.',
): Exclude<ListScope, 'none'> {
  const scope = listScope(actor, kind);
  if (scope !== 'none') return scope;
  if (actor.type === 'anonymous') throw new AppError('unauthenticated', 'Sign in to continue.');
  throw new AppError('forbidden', refusal);
}
