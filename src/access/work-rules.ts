// Rules of the policy engine for programme work beyond single records: casework lists, measures,
// health-service use, unmet needs, shortlists, evaluation, programme-built instruments, webhooks and
// the user's own account. Kept beside policy.ts (which dispatches to them) so that file stays
// readable; the same promises hold: role AND relationship, deny by default, 404 outside the actor's
// programme (existence not leaked), 403 inside but not permitted.
import type { UserActor } from './actor';
import type { Action, Decision, DecisionContext } from './policy';
import { programmeRoles, type Role } from './roles';

/** The facts of a referral a rule needs (the same as the policy's 'referral' resource). */
export type ReferralFacts = {
  id?: string;
  programmeId: string;
  status?: string;
  assignedLinkWorkerId: string | null;
  referringOrganisationId: string | null;
};

export type WorkResource =
  /** Referral lists of the actor's own programme: the triage queue, a caseload, or the whole programme (also tasks and waiting times). */
  | { kind: 'caseload'; view: 'queue' | 'caseload' | 'programme'; linkWorkerId?: string | undefined }
  /** Work on one case (its record, transitions, contacts, assessment, tasks): programme staff, then the referral's rule. */
  | { kind: 'casework'; referral?: ReferralFacts }
  /** Outcome measures of a case: recording, the person's chart and self-completion links. */
  | { kind: 'measures'; referral?: ReferralFacts }
  /** GP and A&E counts of a case; with programmeId (and no referral), the programme's CSV import. */
  | { kind: 'health_use'; programmeId?: string; referral?: ReferralFacts }
  /** Unmet needs: of one case (referral given), or the programme's gap analysis (programmeId given). */
  | { kind: 'unmet_need'; programmeId?: string | null; referral?: ReferralFacts }
  /** Sending a shortlist of services to a person. */
  | { kind: 'shortlist' }
  /** Checking whether a person being referred is already known to the programme. */
  | { kind: 'duplicate_check' }
  /**
   * A programme's evaluation. Without a programme: whether the actor may ask at all (the list of
   * programmes). commissionerReach is what the actor's organisation commissions, loaded by the
   * caller (access/commissioner-reach.ts).
   */
  | {
      kind: 'evaluation';
      programme?: { id: string; areas: readonly string[] };
      purpose?: 'report' | 'research_export';
      commissionerReach?: CommissionerReach | null;
    }
  /** Programme-built questionnaires, licensed instrument wording, and a programme's settings. */
  | { kind: 'questionnaire' | 'instrument_wording' | 'programme_settings'; programmeId: string }
  /** Webhook subscriptions and their deliveries: they belong to a connected system (API client). */
  | { kind: 'webhook'; organisationId?: string }
  /** A user's own account (profile, password, second factor); without userId, the signed-in user's. */
  | { kind: 'account'; userId?: string }
  /** Directory curation work: the review queue, error reports, CSV import/export, and edits in general. */
  | { kind: 'directory_curation'; part: 'edit' | 'revisions' | 'reports' | 'import' | 'export' }
  /**
   * Insight (issue 13). part 'dashboards': the aggregate dashboards of a programme (without one:
   * whether the actor may open Insight at all); 'small_numbers': whether the actor sees figures
   * under 5 unsuppressed; 'settings': a programme's reach targets and demand assumptions;
   * 'provider': a provider's evidence of its own services; 'commissioners': who commissions a
   * programme. commissionerReach is the actor's organisation's, loaded by the caller.
   */
  | {
      kind: 'insight';
      part: 'dashboards' | 'small_numbers' | 'settings' | 'provider' | 'commissioners';
      programme?: { id: string; areas: readonly string[] };
      commissionerReach?: CommissionerReach | null;
    };

/**
 * What a commissioner's organisation commissions in Insight: programmes whose areas include its
 * borough, and the programmes listed for it in programme_commissioners. An ICB has no borough
 * (it spans several), so it sees only the programmes it is listed as commissioning: "any
 * programme" would show it other ICBs' programmes.
 */
export type CommissionerReach = { borough: string | null; programmeIds: readonly string[] };

type RuleOf<K extends WorkResource['kind']> = (
  actor: UserActor,
  action: Action,
  resource: Extract<WorkResource, { kind: K }>,
  context: DecisionContext,
  decideReferral: (referral: ReferralFacts, action: Action) => Decision,
) => Decision;

const allow = (basis: string): Decision => ({ allowed: true, basis });
const refuse = (reason: string): Decision => ({ allowed: false, status: 403, reason });
const hidden = (reason: string): Decision => ({ allowed: false, status: 404, reason });

const caseworkRoles: readonly Role[] = ['coordinator', 'link_worker'];
/** Members of a programme's team (the old "programme staff" guard): a programme role and a programme. */
const isProgrammeMember = (actor: UserActor) =>
  actor.programmeId !== null && programmeRoles.includes(actor.role);
const isCaseworker = (actor: UserActor) => actor.programmeId !== null && caseworkRoles.includes(actor.role);
const notProgrammeStaff = () => refuse('Only programme staff can work on referrals.');
/** Reading something of a case needs the referral's read; anything else works on the case (update). */
const onCase = (action: Action): Action => (action === 'read' || action === 'list' ? 'read' : 'update');

const caseloadRule: RuleOf<'caseload'> = (actor, _action, list) => {
  if (!isProgrammeMember(actor)) return notProgrammeStaff();
  if (actor.role === 'coordinator') return allow('coordinators see their whole programme');
  if (actor.role !== 'link_worker') return refuse('Only coordinators and link workers work on referrals.');
  switch (list.view) {
    case 'queue':
      return allow('link workers work their programme’s triage queue');
    case 'caseload':
      return (list.linkWorkerId ?? actor.userId) === actor.userId
        ? allow('the link worker’s own caseload')
        : refuse('Only a coordinator can see another link worker’s caseload.');
    case 'programme':
      return refuse('Only a coordinator can see the whole programme’s referrals, tasks and waiting times.');
  }
};

/** Casework, measures and health-service use of a case: programme staff, then the referral's own rule. */
const caseDataRule: RuleOf<'casework' | 'measures' | 'health_use'> = (
  actor,
  action,
  resource,
  _context,
  decideReferral,
) => {
  if (resource.kind === 'health_use' && resource.programmeId !== undefined && !resource.referral) {
    // Counts are person-level data: the programme's coordinators import them, not platform admins.
    if (actor.programmeId !== resource.programmeId)
      return actor.role === 'platform_admin'
        ? refuse('Only a coordinator of this programme can import health-service use.')
        : hidden('programme outside the actor’s own');
    return actor.role === 'coordinator'
      ? allow('coordinators import their programme’s health-service use')
      : refuse('Only a coordinator of this programme can import health-service use.');
  }
  if (!isProgrammeMember(actor)) return notProgrammeStaff();
  return resource.referral ? decideReferral(resource.referral, onCase(action)) : allow('programme staff');
};

const unmetNeedRule: RuleOf<'unmet_need'> = (actor, action, need, _context, decideReferral) => {
  if (need.referral) {
    // Referrers may read their referral's status, but a case's planning is for programme staff.
    const decision = decideReferral(need.referral, onCase(action));
    if (!decision.allowed) return decision;
    return caseworkRoles.includes(actor.role)
      ? decision
      : refuse('Only programme staff see a case’s unmet needs.');
  }
  if (actor.role === 'coordinator' && actor.programmeId !== null) {
    if (need.programmeId && need.programmeId !== actor.programmeId) return hidden('another programme');
    return allow('coordinators see their programme’s gap analysis');
  }
  return refuse('Only coordinators see their programme’s unmet needs.');
};

const shortlistRule: RuleOf<'shortlist'> = (actor) =>
  isCaseworker(actor)
    ? allow('link workers and coordinators send shortlists for their programme')
    : refuse('Only link workers and coordinators can send a shortlist to a person.');

// Referrers and providers would see other organisations' patients: never candidates for them.
const duplicateCheckRule: RuleOf<'duplicate_check'> = (actor) =>
  isCaseworker(actor)
    ? allow('link workers and coordinators check their programme for people already known')
    : refuse('Only link workers and coordinators can check for people already known.');

// The programme's coordinators see the full report and the research export. Commissioners see the
// aggregate view of the programmes their organisation commissions: those whose areas include its
// borough, or listed for it in programme_commissioners (an ICB has no borough: only those listed),
// as Insight's dashboards do.
const evaluationRule: RuleOf<'evaluation'> = (actor, _action, evaluation) => {
  const { programme } = evaluation;
  if (!programme) return allow('signed-in people may ask which evaluations they can open');
  if (actor.role === 'coordinator' && actor.programmeId === programme.id)
    return allow('coordinators see their programme’s evaluation');
  if (actor.role === 'commissioner') {
    const reach = evaluation.commissionerReach;
    if (!actor.organisationId || !reach || !isProgrammeCommissionedBy(reach, programme))
      return hidden('programme its organisation does not commission');
    if (evaluation.purpose === 'research_export')
      return refuse('Commissioners see aggregate figures only; the research export is person-level.');
    return allow('commissioners see aggregate figures of programmes they commission');
  }
  if (actor.programmeId === programme.id)
    return refuse('Only the programme’s coordinators can see its evaluation.');
  return hidden('programme outside the actor’s own');
};

export function isProgrammeCommissionedBy(
  reach: CommissionerReach,
  programme: { id: string; areas: readonly string[] },
): boolean {
  return (
    reach.programmeIds.includes(programme.id) ||
    (reach.borough !== null && programme.areas.includes(reach.borough))
  );
}

// Insight dashboards are aggregates. A programme's coordinators see its figures in full; commissioners
// (programmes they commission), regional commissioners and platform admins (every programme) see them
// with small numbers suppressed: none of them works with the people behind the figures, and a platform
// admin runs the service, not the analysis. Provider staff see only their own services' evidence.
// Link workers, buddies and referrers work with people and have no Insight view (403).
const insightRule: RuleOf<'insight'> = (actor, action, insight) => {
  const { programme } = insight;
  const isOwnCoordinator =
    actor.role === 'coordinator' && programme !== undefined && actor.programmeId === programme.id;
  const otherProgramme = () =>
    programme !== undefined && actor.programmeId === programme.id
      ? refuse('Only the programme’s coordinators see its Insight dashboards.')
      : hidden('programme outside the actor’s Insight scope');
  switch (insight.part) {
    case 'provider':
      return actor.role === 'provider_staff' && actor.organisationId !== null
        ? allow('provider staff see their own services’ evidence')
        : refuse('Only provider staff see the evidence of their organisation’s services.');
    case 'commissioners':
      if (actor.role === 'platform_admin') return allow('platform admins record commissioning relationships');
      return refuse('Only a platform admin can record who commissions a programme.');
    case 'small_numbers':
      return isOwnCoordinator
        ? allow('coordinators see their own programme’s figures in full')
        : refuse('Figures under 5 are suppressed outside the programme’s own team.');
    case 'settings':
      if (action === 'read' || action === 'list') break;
      if (isOwnCoordinator) return allow('coordinators set their programme’s targets and assumptions');
      if (programme === undefined)
        return actor.role === 'coordinator'
          ? allow('coordinators set their programme’s targets and assumptions')
          : refuse('Only the programme’s coordinators set its targets and assumptions.');
      if (actor.role === 'coordinator') return hidden('programme outside the actor’s own');
      return refuse('Only the programme’s coordinators set its targets and assumptions.');
    case 'dashboards':
      break;
  }
  // Reading dashboards (and the targets and assumptions they show).
  switch (actor.role) {
    case 'coordinator':
      if (actor.programmeId === null) return refuse('Only programme coordinators see Insight.');
      if (!programme) return allow('coordinators see their programme’s Insight');
      return isOwnCoordinator ? allow('the coordinator’s own programme') : otherProgramme();
    case 'commissioner': {
      if (actor.organisationId === null) return refuse('A commissioner must belong to an organisation.');
      if (!programme) return allow('commissioners see the programmes they commission');
      const reach = insight.commissionerReach;
      return reach && isProgrammeCommissionedBy(reach, programme)
        ? allow('a programme the commissioner’s organisation commissions')
        : hidden('programme the commissioner’s organisation does not commission');
    }
    case 'regional_commissioner':
    case 'platform_admin':
      return allow('aggregates of every programme, small numbers suppressed');
    case 'provider_staff':
      return refuse('Provider staff see their own services’ evidence only.');
    case 'link_worker':
    case 'buddy':
    case 'referrer':
      return programme
        ? otherProgramme()
        : refuse('Insight dashboards are for coordinators and commissioners.');
  }
};

const webhookRule: RuleOf<'webhook'> = () =>
  refuse('Webhooks are managed by connected systems with an API key.');

const accountRule: RuleOf<'account'> = (actor, _action, account) =>
  account.userId === undefined || account.userId === actor.userId
    ? allow('own account')
    : hidden('another user’s account');

const curationRule: RuleOf<'directory_curation'> = (actor, _action, curation) => {
  const isAdmin = actor.role === 'platform_admin';
  const isProgrammeCoordinator = actor.role === 'coordinator' && actor.programmeId !== null;
  switch (curation.part) {
    case 'edit':
      // Each change needs a person to answer for it; the service's own rule decides the rest.
      return allow('signed-in people propose, check and review directory changes');
    case 'export':
      return allow('signed-in people may export the directory');
    case 'revisions':
      return isAdmin || isProgrammeCoordinator
        ? allow('curators review changes (coordinators: in their programme’s area)')
        : refuse('Only coordinators and platform admins review directory changes.');
    case 'reports':
      return isAdmin ||
        isProgrammeCoordinator ||
        (actor.role === 'provider_staff' && actor.organisationId !== null)
        ? allow('curators and the services’ own organisations see reports')
        : refuse('Only curators and the services’ own organisations see reports.');
    case 'import':
      return isAdmin || isProgrammeCoordinator
        ? allow('curators import the directory')
        : refuse('Only coordinators and platform admins can import the directory.');
  }
};

/** A user's decision on programme work; the referral's own rule answers for the case beneath it. */
export function decideWorkForUser(
  actor: UserActor,
  action: Action,
  resource: WorkResource,
  context: DecisionContext,
  decideReferral: (referral: ReferralFacts, action: Action) => Decision,
  decideProgrammeUpdate: (programmeId: string) => Decision,
): Decision {
  switch (resource.kind) {
    case 'caseload':
      return caseloadRule(actor, action, resource, context, decideReferral);
    case 'casework':
    case 'measures':
    case 'health_use':
      return caseDataRule(actor, action, resource, context, decideReferral);
    case 'unmet_need':
      return unmetNeedRule(actor, action, resource, context, decideReferral);
    case 'shortlist':
      return shortlistRule(actor, action, resource, context, decideReferral);
    case 'duplicate_check':
      return duplicateCheckRule(actor, action, resource, context, decideReferral);
    case 'evaluation':
      return evaluationRule(actor, action, resource, context, decideReferral);
    case 'questionnaire':
    case 'instrument_wording':
    case 'programme_settings':
      // Programme-built instruments and wording are the programme's own settings: its coordinators
      // (and platform admins) read and change them, exactly as they change the programme.
      return decideProgrammeUpdate(resource.programmeId);
    case 'webhook':
      return webhookRule(actor, action, resource, context, decideReferral);
    case 'account':
      return accountRule(actor, action, resource, context, decideReferral);
    case 'directory_curation':
      return curationRule(actor, action, resource, context, decideReferral);
    case 'insight':
      return insightRule(actor, action, resource, context, decideReferral);
  }
}

/**
 * As whom a user refers someone in: programme staff on the person's behalf (into their own
 * programme), provider staff referring back, a referrer for their organisation; anyone else not at all.
 */
export function referringAs(actor: UserActor): 'programme_staff' | 'provider' | 'referrer' | null {
  if (caseworkRoles.includes(actor.role)) return 'programme_staff';
  if (actor.role === 'provider_staff') return 'provider';
  return actor.role === 'referrer' ? 'referrer' : null;
}
