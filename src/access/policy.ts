// The one policy engine. Deny by default: a decision is "allowed" only when a rule below says so.
// Decisions use the actor's role *and* their relationship to the record (same programme, same
// organisation, assigned to them). Outside the actor's programme the answer is 404, so the record's
// existence is not leaked; inside but not permitted is 403; anonymous is 401.
import { AppError } from '../http/errors';
import type { Actor, ApiClientActor, UserActor } from './actor';
import type { Role } from './roles';
import { decideWorkForUser, type WorkResource } from './work-rules';

export type Resource =
  | WorkResource
  | { kind: 'organisation'; id?: string }
  | { kind: 'programme'; id?: string }
  | { kind: 'user'; id?: string; programmeId: string | null; organisationId: string | null; role?: Role }
  | { kind: 'api_client'; organisationId?: string }
  | { kind: 'audit_log'; programmeId?: string | null }
  | { kind: 'notification_outbox' }
  | {
      /** A programme receiving an organisation's referrals (approved link or pending request). */
      kind: 'programme_link';
      programmeId?: string;
      organisationId?: string;
    }
  | {
      kind: 'person';
      id?: string;
      programmeId: string;
      assignedLinkWorkerId: string | null;
      /** Organisations that referred this person (known to the FHIR Patient read); others never see them. */
      referredByOrganisationIds?: readonly string[];
    }
  | {
      kind: 'referral';
      id?: string;
      programmeId: string;
      status?: string;
      assignedLinkWorkerId: string | null;
      referringOrganisationId: string | null;
    }
  | {
      kind: 'onward_referral';
      id?: string;
      programmeId: string;
      /** The organisation running the service: its staff answer the referral. */
      providerOrganisationId: string;
      /** The link worker on the parent referral. */
      assignedLinkWorkerId: string | null;
    }
  | {
      kind: 'service';
      id?: string;
      /** The organisation that runs (owns) the service. */
      organisationId: string | null;
      /** Programmes whose areas include a borough the service serves or is located in. */
      curatingProgrammeIds: readonly string[];
    };

/**
 * 'approve' covers publishing someone else's pending edit and reverting; 'verify' confirms an entry
 * is still true; 'assign' gives a referral to a link worker; 'revoke' withdraws (a referrer cancelling).
 */
export type Action = 'list' | 'read' | 'create' | 'update' | 'revoke' | 'approve' | 'verify' | 'assign';

/** Extra facts a rule may need: e.g. the reason a link worker gives to open a record not on their caseload. */
export type DecisionContext = {
  accessReason?: string | undefined;
  /** For 'assign': the link worker the referral is being given to. */
  assigneeId?: string | undefined;
};

export type Decision =
  { allowed: true; basis: string } | { allowed: false; status: 401 | 403 | 404; reason: string };

const allow = (basis: string): Decision => ({ allowed: true, basis });
const refuse = (reason: string): Decision => ({ allowed: false, status: 403, reason });
const hidden = (reason: string): Decision => ({ allowed: false, status: 404, reason });

/** Roles a coordinator may give to users of their own programme. */
const rolesCoordinatorManages: readonly Role[] = ['coordinator', 'link_worker', 'buddy'];

type Rule<R extends Resource> = (
  actor: UserActor,
  action: Action,
  resource: R,
  context: DecisionContext,
) => Decision;

const organisationRule: Rule<Extract<Resource, { kind: 'organisation' }>> = (actor, action) => {
  if (action === 'list' || action === 'read')
    return allow('organisations are visible to every signed-in user');
  if (actor.role === 'platform_admin') return allow('platform admins manage organisations');
  return refuse('Only a platform admin can change organisations.');
};

const programmeRule: Rule<Extract<Resource, { kind: 'programme' }>> = (actor, action, programme) => {
  if (actor.role === 'platform_admin') return allow('platform admins manage programmes');
  if (action === 'list') return allow('the list is filtered to the actor’s programme');
  if (action === 'create') return refuse('Only a platform admin can create programmes.');
  if (!programme.id || programme.id !== actor.programmeId) return hidden('programme outside the actor’s own');
  if (action === 'read') return allow('own programme');
  if (action === 'update' && actor.role === 'coordinator')
    return allow('coordinators manage their programme');
  return refuse('Only a coordinator of this programme can change it.');
};

const userRule: Rule<Extract<Resource, { kind: 'user' }>> = (actor, action, user) => {
  if (actor.role === 'platform_admin') return allow('platform admins manage users');
  if (user.id && user.id === actor.userId && action === 'read') return allow('own account');
  if (actor.role !== 'coordinator') {
    if (action === 'list' || action === 'create')
      return refuse('Only admins and coordinators can manage users.');
    return hidden('another user');
  }
  if (action === 'list') return allow('the list is filtered to the coordinator’s programme');
  // A coordinator manages only users inside their own programme.
  if (action !== 'create' && user.programmeId !== actor.programmeId)
    return hidden('user outside the programme');
  if (action === 'read') return allow('user in the coordinator’s programme');
  if (user.programmeId !== actor.programmeId)
    return refuse('Coordinators can only add users to their own programme.');
  if (user.role && !rolesCoordinatorManages.includes(user.role)) {
    return refuse('Coordinators can only manage coordinators, link workers and buddies.');
  }
  return allow('coordinators manage their programme’s team');
};

const apiClientRule: Rule<Extract<Resource, { kind: 'api_client' }>> = (actor) =>
  actor.role === 'platform_admin'
    ? allow('platform admins manage API clients')
    : refuse('Only a platform admin can manage API clients.');

const auditRule: Rule<Extract<Resource, { kind: 'audit_log' }>> = (actor, action, audit) => {
  if (action !== 'list' && action !== 'read') return refuse('The audit log cannot be changed.');
  if (actor.role === 'platform_admin') return allow('platform admins read the audit log');
  if (actor.role === 'coordinator' && audit.programmeId === actor.programmeId && actor.programmeId) {
    return allow('coordinators read their programme’s audit log');
  }
  return refuse('Only platform admins and coordinators (for their own programme) can read the audit log.');
};

const outboxRule: Rule<Extract<Resource, { kind: 'notification_outbox' }>> = (actor) =>
  actor.role === 'platform_admin'
    ? allow('platform admins see outgoing messages')
    : refuse('Only a platform admin can see outgoing messages.');

const personRule: Rule<Extract<Resource, { kind: 'person' }>> = (actor, action, person, context) => {
  // Tenancy first: nobody sees people of another programme, and the answer does not confirm they exist.
  if (!actor.programmeId || person.programmeId !== actor.programmeId)
    return hidden('person outside the actor’s programme');
  switch (actor.role) {
    case 'coordinator':
      return allow('coordinators see everyone in their programme');
    case 'link_worker':
      if (action === 'list' || action === 'create')
        return allow('link workers find and register people in their programme');
      if (action === 'assign')
        return refuse('Only a coordinator can move a person to another link worker’s caseload.');
      if (person.assignedLinkWorkerId === actor.userId) return allow('on the link worker’s caseload');
      if (context.accessReason && context.accessReason.trim().length >= 5) {
        return allow(`not on caseload; reason given: ${context.accessReason.trim()}`);
      }
      return refuse(
        'This person is not on your caseload. Give a reason to open their record; it will be audited.',
      );
    case 'buddy':
      // Buddy assignments arrive with the volunteers work; until then buddies see nobody.
      return refuse('Buddies see only the people assigned to them.');
    case 'platform_admin':
    case 'referrer':
    case 'provider_staff':
    case 'commissioner':
    case 'regional_commissioner':
      return hidden('role has no person-level access in a programme');
  }
};

// Referrals (docs/DESIGN.md §6): coordinators see their whole programme; link workers the triage queue,
// their caseload, and others with an audited reason; referrers only what their organisation sent
// (the presenter then shows them status and outcome, never the link worker's notes).
const referralRule: Rule<Extract<Resource, { kind: 'referral' }>> = (actor, action, referral, context) => {
  // Provider staff who referred someone back into a programme follow that referral as its referrer
  // (and nothing else of the programme): the same flowback view, never the casework.
  const isProviderFollowingOwnReferral =
    actor.role === 'provider_staff' &&
    action !== 'create' &&
    actor.organisationId !== null &&
    referral.referringOrganisationId === actor.organisationId;
  if (actor.role === 'referrer' || isProviderFollowingOwnReferral) {
    if (action === 'create') return allow('referrers refer people in');
    if (action === 'list') return allow('the list is filtered to the referrer’s organisation');
    if (!actor.organisationId || referral.referringOrganisationId !== actor.organisationId)
      return hidden('referral made by another organisation');
    if (action === 'read') return allow('referral made by the referrer’s organisation');
    if (action === 'revoke') return allow('referrers may cancel their own organisation’s referral');
    return refuse('Referrers can follow and cancel their referrals but not work on them.');
  }
  if (actor.role === 'provider_staff' && action === 'create')
    return allow('providers refer people back into a programme');
  if (!actor.programmeId || referral.programmeId !== actor.programmeId)
    return hidden('referral outside the actor’s programme');
  switch (actor.role) {
    case 'coordinator':
      return allow('coordinators manage their programme’s referrals');
    case 'link_worker': {
      if (action === 'list' || action === 'create') return allow('link workers work their programme’s queue');
      if (action === 'assign') {
        // Picking up from the queue is self-assignment; giving work to others is the coordinator's.
        if (referral.assignedLinkWorkerId !== null)
          return refuse('Only a coordinator can reassign a referral.');
        if (context.assigneeId !== undefined && context.assigneeId !== actor.userId)
          return refuse('Link workers can pick up referrals for themselves only.');
        return allow('link workers pick up unassigned referrals');
      }
      const isMine = referral.assignedLinkWorkerId === actor.userId;
      const isInQueue = referral.status === 'received' && referral.assignedLinkWorkerId === null;
      if (isMine) return allow('on the link worker’s caseload');
      if (isInQueue && (action === 'read' || action === 'update'))
        return allow('in the programme’s triage queue');
      if (action === 'read' && context.accessReason && context.accessReason.trim().length >= 5)
        return allow(`not on caseload; reason given: ${context.accessReason.trim()}`);
      return refuse('This referral is not on your caseload. Ask a coordinator to assign it to you.');
    }
    case 'platform_admin':
    case 'buddy':
    case 'provider_staff':
    case 'commissioner':
    case 'regional_commissioner':
      return hidden('role has no access to referrals in a programme');
  }
};

// Onward referrals: the provider organisation sees and answers those sent to its services (only
// what the person consented to share is presented); the programme works them like referrals.
const onwardReferralRule: Rule<Extract<Resource, { kind: 'onward_referral' }>> = (actor, action, onward) => {
  if (actor.role === 'provider_staff') {
    if (action === 'list') return allow('the inbox is filtered to the provider’s organisation');
    if (!actor.organisationId || onward.providerOrganisationId !== actor.organisationId)
      return hidden('onward referral to another organisation');
    if (action === 'read' || action === 'update') return allow('sent to the provider’s organisation');
    return refuse('Providers answer referrals; only the link worker can make or withdraw them.');
  }
  if (!actor.programmeId || onward.programmeId !== actor.programmeId)
    return hidden('onward referral outside the actor’s programme');
  if (actor.role === 'coordinator') return allow('coordinators manage their programme’s referrals');
  if (actor.role === 'link_worker') {
    if (action === 'list') return allow('filtered to the programme');
    if (onward.assignedLinkWorkerId === actor.userId) return allow('on the link worker’s caseload');
    return refuse('This person is not on your caseload.');
  }
  return hidden('role has no access to onward referrals');
};

// The directory is public: anyone reads it. Owners (the organisation's provider staff) edit and
// confirm their services; coordinators of a curating programme also approve and revert.
const serviceRule: Rule<Extract<Resource, { kind: 'service' }>> = (actor, action, service) => {
  if (action === 'list' || action === 'read') return allow('the directory is public');
  if (actor.role === 'platform_admin') return allow('platform admins curate the whole directory');
  const isCurator =
    actor.role === 'coordinator' &&
    actor.programmeId !== null &&
    service.curatingProgrammeIds.includes(actor.programmeId);
  const isOwner =
    actor.role === 'provider_staff' &&
    actor.organisationId !== null &&
    actor.organisationId === service.organisationId;
  switch (action) {
    case 'create':
    case 'update':
      if (isCurator) return allow('coordinators curate services in their programme’s area');
      if (isOwner) return allow('provider staff edit their own organisation’s services');
      return refuse(
        'Only staff of the organisation that runs this service, or a coordinator of a programme in its area, can change it.',
      );
    case 'verify':
      if (isCurator) return allow('coordinators confirm services in their programme’s area');
      if (isOwner) return allow('provider staff confirm their own organisation’s services');
      return refuse('Only the service’s organisation or its curators can confirm it is up to date.');
    case 'approve':
      if (isCurator) return allow('coordinators approve changes in their programme’s area');
      return refuse(
        'Only a coordinator of a programme in this service’s area can approve or revert changes.',
      );
    case 'revoke':
    case 'assign':
      return refuse('Services cannot be revoked or assigned.');
  }
};

// Linking a referring organisation to a programme decides where its patients' referrals go, so a
// programme cannot claim an organisation on its own: its coordinators ask, and one of the
// organisation's referrers (or a platform admin) approves. 'approve' allowed means the actor's own
// change takes effect at once; 'create' allowed without 'approve' means it waits as a request.
const programmeLinkRule: Rule<Extract<Resource, { kind: 'programme_link' }>> = (actor, action, link) => {
  if (actor.role === 'platform_admin') return allow('platform admins link organisations to programmes');
  const isProgrammeCoordinator =
    actor.role === 'coordinator' && actor.programmeId !== null && link.programmeId === actor.programmeId;
  const isOrganisationReferrer =
    actor.role === 'referrer' &&
    actor.organisationId !== null &&
    link.organisationId === actor.organisationId;
  if (action === 'list') {
    if (actor.role === 'coordinator' || actor.role === 'referrer')
      return allow('the list is filtered to the actor’s programme or organisation');
    return refuse('Only coordinators and referrers see requests to link organisations to programmes.');
  }
  if (!isProgrammeCoordinator && !isOrganisationReferrer)
    return hidden('link between another programme and another organisation');
  switch (action) {
    case 'read':
      return allow('the actor’s programme or organisation');
    case 'create':
      return isProgrammeCoordinator
        ? allow('coordinators ask to receive an organisation’s referrals')
        : refuse('Only a coordinator of the programme can ask for this link.');
    case 'approve':
      return isOrganisationReferrer
        ? allow('the referring organisation decides where its referrals go')
        : refuse(
            'Only the referring organisation (one of its referrers) or a platform admin can approve this link.',
          );
    case 'revoke':
      return allow('either side may withdraw or end a link');
    case 'update':
    case 'verify':
    case 'assign':
      return refuse('Links are asked for, approved or withdrawn; nothing else.');
  }
};

function decideForUser(
  actor: UserActor,
  action: Action,
  resource: Resource,
  context: DecisionContext,
): Decision {
  switch (resource.kind) {
    case 'organisation':
      return organisationRule(actor, action, resource, context);
    case 'programme':
      return programmeRule(actor, action, resource, context);
    case 'user':
      return userRule(actor, action, resource, context);
    case 'api_client':
      return apiClientRule(actor, action, resource, context);
    case 'audit_log':
      return auditRule(actor, action, resource, context);
    case 'notification_outbox':
      return outboxRule(actor, action, resource, context);
    case 'programme_link':
      return programmeLinkRule(actor, action, resource, context);
    case 'person':
      return personRule(actor, action, resource, context);
    case 'service':
      return serviceRule(actor, action, resource, context);
    case 'referral':
      return referralRule(actor, action, resource, context);
    case 'onward_referral':
      return onwardReferralRule(actor, action, resource, context);
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
    case 'webhook':
    case 'account':
    case 'directory_curation':
    case 'insight':
      // Programme work (work-rules.ts): a case's measures, unmet needs… answer with the referral's rule.
      return decideWorkForUser(
        actor,
        action,
        resource,
        context,
        (referral, referralAction) =>
          referralRule(actor, referralAction, { kind: 'referral', ...referral }, context),
        (programmeId) => programmeRule(actor, 'update', { kind: 'programme', id: programmeId }, context),
      );
  }
}

/** System clients act for one organisation; their rules widen as integrations arrive (FHIR, webhooks). */
function decideForApiClient(client: ApiClientActor, action: Action, resource: Resource): Decision {
  if (resource.kind === 'organisation' && (action === 'read' || action === 'list'))
    return allow('directory data');
  if (resource.kind === 'person') {
    if (action === 'read' && resource.referredByOrganisationIds?.includes(client.organisationId))
      return allow('person referred by the client’s organisation');
    return hidden('API clients see people only through their own referrals');
  }
  // System referrers (GP systems through FHIR) refer in and follow what their organisation sent.
  if (resource.kind === 'referral') {
    if (action === 'create' || action === 'list') return allow('system referrer');
    if (
      resource.referringOrganisationId === client.organisationId &&
      (action === 'read' || action === 'revoke')
    )
      return allow('referral made by the client’s organisation');
    return hidden('referral made by another organisation');
  }
  if (resource.kind === 'onward_referral') {
    if (action === 'list') return allow('the inbox is filtered to the client’s organisation');
    if (
      resource.providerOrganisationId === client.organisationId &&
      (action === 'read' || action === 'update')
    )
      return allow('sent to the client’s organisation');
    return hidden('onward referral to another organisation');
  }
  if (resource.kind === 'service' && (action === 'read' || action === 'list'))
    return allow('the directory is public');
  // Webhooks belong to systems: a client manages its own organisation's subscriptions and deliveries.
  if (resource.kind === 'webhook') {
    if (resource.organisationId === undefined || resource.organisationId === client.organisationId)
      return allow('the client’s own webhooks');
    return hidden('webhook of another organisation');
  }
  // A client following its referral learns the case's planning exists but is not theirs (403).
  if (resource.kind === 'unmet_need' && resource.referral) {
    return action === 'read' && resource.referral.referringOrganisationId === client.organisationId
      ? refuse('Only programme staff see a case’s unmet needs.')
      : hidden('referral made by another organisation');
  }
  if (resource.kind === 'evaluation') return refuse('Evaluation reports are for people, not systems.');
  if (resource.kind === 'directory_curation') return refuse('API clients cannot curate the directory.');
  if (resource.kind === 'insight') return refuse('Insight dashboards are for people, not systems.');
  return refuse('API clients cannot use this endpoint.');
}

export function decide(
  actor: Actor,
  action: Action,
  resource: Resource,
  context: DecisionContext = {},
): Decision {
  switch (actor.type) {
    case 'anonymous':
      // The public directory: anyone may read services (and report errors in them).
      if (resource.kind === 'service' && (action === 'read' || action === 'list'))
        return allow('the directory is public');
      return { allowed: false, status: 401, reason: 'Sign in to continue.' };
    case 'api_client':
      return decideForApiClient(actor, action, resource);
    case 'user':
      return decideForUser(actor, action, resource, context);
    case 'system':
      // Background jobs write through the domain code directly; they never pass through the API.
      return refuse('Background jobs cannot use the API.');
  }
}

/** Throws the matching problem (401/403/404) unless the actor may act; returns why they may. */
export function authorise(
  actor: Actor,
  action: Action,
  resource: Resource,
  context: DecisionContext = {},
): string {
  const decision = decide(actor, action, resource, context);
  if (decision.allowed) return decision.basis;
  if (decision.status === 401) throw new AppError('unauthenticated', decision.reason);
  if (decision.status === 404) throw new AppError('not_found', 'The record was not found.');
  throw new AppError('forbidden', decision.reason);
}

/** What the actor may do to a record, for the UI: e.g. { canRead: true, canUpdate: false }. */
export function abilitiesFor(
  actor: Actor,
  resource: Resource,
  actions: readonly Action[] = ['read', 'update'],
): Record<string, boolean> {
  return Object.fromEntries(
    actions.map((action) => [
      `can${action[0]!.toUpperCase()}${action.slice(1)}`,
      decide(actor, action, resource).allowed,
    ]),
  );
}
