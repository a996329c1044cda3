import { describe, expect, it } from 'vitest';
import type { ApiClientActor, UserActor } from './actor';
import { abilitiesFor, decide } from './policy';
import type { Role } from './roles';

const user = (role: Role, programmeId: string | null = 'p1'): UserActor => ({
  type: 'user',
  userId: `${role}-id`,
  role,
  name: role,
  email: `${role}@example.test`,
  programmeId,
  organisationId: null,
  sessionTokenHash: 'x',
});
const person = (programmeId = 'p1', assignedLinkWorkerId: string | null = null) =>
  ({ kind: 'person', id: 'person-1', programmeId, assignedLinkWorkerId }) as const;

describe('policy: people', () => {
  it('hides people of another programme from every role (404)', () => {
    for (const role of [
      'coordinator',
      'link_worker',
      'buddy',
      'platform_admin',
      'referrer',
      'commissioner',
    ] as const) {
      expect(decide(user(role), 'read', person('p2'))).toMatchObject({ allowed: false, status: 404 });
    }
  });

  it('lets a coordinator read anyone in the programme', () => {
    expect(decide(user('coordinator'), 'read', person()).allowed).toBe(true);
  });

  it('lets a link worker read their caseload, and others only with a reason', () => {
    const worker = user('link_worker');
    expect(decide(worker, 'read', person('p1', worker.userId)).allowed).toBe(true);
    expect(decide(worker, 'read', person('p1', 'someone-else'))).toMatchObject({
      allowed: false,
      status: 403,
    });
    expect(decide(worker, 'read', person('p1', 'someone-else'), { accessReason: 'no' }).allowed).toBe(false);
    expect(
      decide(worker, 'read', person('p1', 'someone-else'), { accessReason: 'Covering a colleague' }).allowed,
    ).toBe(true);
  });

  it('answers 401 to anonymous callers', () => {
    expect(decide({ type: 'anonymous' }, 'read', person())).toMatchObject({ allowed: false, status: 401 });
  });
});

describe('policy: administration', () => {
  it('lets only platform admins create organisations and programmes', () => {
    for (const role of ['coordinator', 'link_worker', 'referrer', 'commissioner'] as const) {
      expect(decide(user(role), 'create', { kind: 'organisation' })).toMatchObject({
        allowed: false,
        status: 403,
      });
      expect(decide(user(role), 'create', { kind: 'programme' })).toMatchObject({
        allowed: false,
        status: 403,
      });
    }
    expect(decide(user('platform_admin', null), 'create', { kind: 'programme' }).allowed).toBe(true);
  });

  it('keeps coordinators to their own programme and to team roles', () => {
    const coordinator = user('coordinator');
    expect(
      decide(coordinator, 'create', {
        kind: 'user',
        programmeId: 'p1',
        organisationId: null,
        role: 'link_worker',
      }).allowed,
    ).toBe(true);
    expect(
      decide(coordinator, 'create', {
        kind: 'user',
        programmeId: 'p1',
        organisationId: null,
        role: 'platform_admin',
      }).allowed,
    ).toBe(false);
    expect(
      decide(coordinator, 'create', {
        kind: 'user',
        programmeId: 'p2',
        organisationId: null,
        role: 'link_worker',
      }).allowed,
    ).toBe(false);
    expect(
      decide(coordinator, 'read', { kind: 'user', id: 'u', programmeId: 'p2', organisationId: null }),
    ).toMatchObject({ status: 404 });
  });

  it('describes abilities for the UI', () => {
    expect(abilitiesFor(user('coordinator'), { kind: 'programme', id: 'p1' }, ['read', 'update'])).toEqual({
      canRead: true,
      canUpdate: true,
    });
    expect(abilitiesFor(user('link_worker'), { kind: 'programme', id: 'p1' }, ['read', 'update'])).toEqual({
      canRead: true,
      canUpdate: false,
    });
  });
});

describe('policy: directory services', () => {
  const service = { kind: 'service', organisationId: 'org-1', curatingProgrammeIds: ['p1'] } as const;
  const provider = (organisationId: string): UserActor => ({
    ...user('provider_staff', null),
    organisationId,
  });

  it('lets anyone read, including anonymous callers', () => {
    expect(decide({ type: 'anonymous' }, 'read', service).allowed).toBe(true);
  });

  it('lets the owner edit and confirm but not approve; other providers cannot edit', () => {
    expect(decide(provider('org-1'), 'update', service).allowed).toBe(true);
    expect(decide(provider('org-1'), 'verify', service).allowed).toBe(true);
    expect(decide(provider('org-1'), 'approve', service).allowed).toBe(false);
    expect(decide(provider('org-2'), 'update', service)).toMatchObject({ allowed: false, status: 403 });
  });

  it('lets coordinators of a curating programme approve, and no one else in a programme', () => {
    expect(decide(user('coordinator', 'p1'), 'approve', service).allowed).toBe(true);
    expect(decide(user('coordinator', 'p2'), 'approve', service).allowed).toBe(false);
    expect(decide(user('link_worker', 'p1'), 'update', service).allowed).toBe(false);
  });
});

describe('policy: referrals a provider made', () => {
  const referral = (referringOrganisationId: string | null) =>
    ({
      kind: 'referral',
      programmeId: 'p1',
      assignedLinkWorkerId: 'lw-1',
      referringOrganisationId,
    }) as const;
  const provider = (organisationId: string): UserActor => ({
    ...user('provider_staff', null),
    organisationId,
  });

  it('lets provider staff follow (and cancel) what their organisation referred back, like a referrer', () => {
    expect(decide(provider('org-1'), 'read', referral('org-1')).allowed).toBe(true);
    expect(decide(provider('org-1'), 'revoke', referral('org-1')).allowed).toBe(true);
    expect(decide(provider('org-1'), 'update', referral('org-1'))).toMatchObject({
      allowed: false,
      status: 403,
    });
  });

  it('hides every other referral from them', () => {
    expect(decide(provider('org-1'), 'read', referral('org-2'))).toMatchObject({
      allowed: false,
      status: 404,
    });
    expect(decide(provider('org-1'), 'read', referral(null))).toMatchObject({ allowed: false, status: 404 });
  });
});

describe('policy: programme work (work-rules.ts)', () => {
  const allowed = { allowed: true };
  const forbidden = { allowed: false, status: 403 };
  const hiddenAway = { allowed: false, status: 404 };
  const caseOf = (assignedLinkWorkerId: string | null, programmeId = 'p1') => ({
    programmeId,
    status: 'in_progress',
    assignedLinkWorkerId,
    referringOrganisationId: 'org-1',
  });

  it('caseload lists: coordinators everything, link workers the queue and their own caseload, buddies none', () => {
    const worker = user('link_worker');
    expect(decide(user('coordinator'), 'list', { kind: 'caseload', view: 'programme' })).toMatchObject(
      allowed,
    );
    expect(decide(worker, 'list', { kind: 'caseload', view: 'queue' })).toMatchObject(allowed);
    expect(decide(worker, 'list', { kind: 'caseload', view: 'caseload' })).toMatchObject(allowed);
    expect(
      decide(worker, 'list', { kind: 'caseload', view: 'caseload', linkWorkerId: 'someone-else' }),
    ).toMatchObject(forbidden);
    expect(decide(worker, 'list', { kind: 'caseload', view: 'programme' })).toMatchObject(forbidden);
    expect(decide(user('buddy'), 'list', { kind: 'caseload', view: 'queue' })).toMatchObject(forbidden);
    expect(decide(user('referrer', null), 'list', { kind: 'caseload', view: 'queue' })).toMatchObject(
      forbidden,
    );
    expect(decide({ type: 'anonymous' }, 'list', { kind: 'caseload', view: 'queue' })).toMatchObject({
      allowed: false,
      status: 401,
    });
  });

  it('measures of a case follow the referral: own caseload yes, another’s 403, another programme 404', () => {
    const worker = user('link_worker');
    expect(decide(worker, 'create', { kind: 'measures', referral: caseOf(worker.userId) })).toMatchObject(
      allowed,
    );
    expect(decide(worker, 'create', { kind: 'measures', referral: caseOf('lw-2') })).toMatchObject(forbidden);
    expect(decide(worker, 'create', { kind: 'measures', referral: caseOf(null, 'p2') })).toMatchObject(
      hiddenAway,
    );
    expect(decide(user('commissioner', null), 'create', { kind: 'measures' })).toMatchObject(forbidden);
  });

  it('unmet needs: a referrer may read the referral but not the case’s planning (403); creating needs casework', () => {
    const referrer = { ...user('referrer', null), organisationId: 'org-1' };
    expect(decide(referrer, 'read', { kind: 'unmet_need', referral: caseOf('lw-1') })).toMatchObject(
      forbidden,
    );
    expect(
      decide({ ...referrer, organisationId: 'org-2' }, 'read', {
        kind: 'unmet_need',
        referral: caseOf('lw-1'),
      }),
    ).toMatchObject(hiddenAway);
    const worker = user('link_worker');
    // 'create' is checked as work on the case ('update'), not as the referrer's 'create a referral'.
    expect(decide(worker, 'create', { kind: 'unmet_need', referral: caseOf('lw-2') })).toMatchObject(
      forbidden,
    );
    expect(decide(worker, 'create', { kind: 'unmet_need', referral: caseOf(worker.userId) })).toMatchObject(
      allowed,
    );
    expect(decide(worker, 'list', { kind: 'unmet_need' })).toMatchObject(forbidden);
    expect(decide(user('coordinator'), 'list', { kind: 'unmet_need' })).toMatchObject(allowed);
  });

  it('evaluation: coordinators full, commissioners aggregate of what they commission, staff 403, others 404', () => {
    const programme = { id: 'p1', areas: ['E09000001'] };
    const report = (reach: { borough: string | null; programmeIds?: string[] } | null) =>
      ({
        kind: 'evaluation',
        programme,
        purpose: 'report',
        commissionerReach: reach && { programmeIds: [], ...reach },
      }) as const;
    const commissioner = { ...user('commissioner', null), organisationId: 'org-1' };
    expect(
      decide(user('coordinator'), 'read', { ...report(null), purpose: 'research_export' }),
    ).toMatchObject(allowed);
    expect(decide(commissioner, 'read', report({ borough: 'E09000001' }))).toMatchObject(allowed);
    // An ICB has no borough: only the programmes listed as commissioned by it.
    expect(decide(commissioner, 'read', report({ borough: null }))).toMatchObject(hiddenAway);
    expect(decide(commissioner, 'read', report({ borough: null, programmeIds: ['p1'] }))).toMatchObject(
      allowed,
    );
    expect(
      decide(commissioner, 'read', { ...report({ borough: 'E09000001' }), purpose: 'research_export' }),
    ).toMatchObject(forbidden);
    expect(decide(commissioner, 'read', report({ borough: 'E09000002' }))).toMatchObject(hiddenAway);
    expect(decide(user('link_worker'), 'read', report(null))).toMatchObject(forbidden);
    expect(decide(user('coordinator', 'p2'), 'read', report(null))).toMatchObject(hiddenAway);
    const client: ApiClientActor = {
      type: 'api_client',
      clientId: 'c',
      name: 'GP',
      organisationId: 'org-1',
      scopes: [],
    };
    expect(decide(client, 'list', { kind: 'evaluation' })).toMatchObject(forbidden);
  });

  it('insight: coordinators in full, commissioners what they commission, regional and admins all (suppressed), staff 403', () => {
    const haringey = { id: 'p1', areas: ['Haringey'] };
    const dashboards = (reach: { borough: string | null; programmeIds: string[] } | null) =>
      ({ kind: 'insight', part: 'dashboards', programme: haringey, commissionerReach: reach }) as const;
    const commissioner = { ...user('commissioner', null), organisationId: 'org-1' };
    expect(decide(user('coordinator'), 'read', dashboards(null))).toMatchObject(allowed);
    expect(decide(user('coordinator', 'p2'), 'read', dashboards(null))).toMatchObject(hiddenAway);
    expect(decide(commissioner, 'read', dashboards({ borough: 'Haringey', programmeIds: [] }))).toMatchObject(
      allowed,
    );
    expect(decide(commissioner, 'read', dashboards({ borough: null, programmeIds: ['p1'] }))).toMatchObject(
      allowed,
    );
    // An ICB (no borough) sees only what it is listed as commissioning, never "everything".
    expect(decide(commissioner, 'read', dashboards({ borough: null, programmeIds: [] }))).toMatchObject(
      hiddenAway,
    );
    expect(decide(commissioner, 'read', dashboards({ borough: 'Camden', programmeIds: [] }))).toMatchObject(
      hiddenAway,
    );
    for (const role of ['regional_commissioner', 'platform_admin'] as const) {
      expect(decide(user(role, null), 'read', dashboards(null))).toMatchObject(allowed);
      expect(
        decide(user(role, null), 'read', { kind: 'insight', part: 'small_numbers', programme: haringey }),
      ).toMatchObject(forbidden);
    }
    expect(
      decide(user('coordinator'), 'read', { kind: 'insight', part: 'small_numbers', programme: haringey }),
    ).toMatchObject(allowed);
    for (const role of ['link_worker', 'buddy'] as const)
      expect(decide(user(role), 'read', dashboards(null))).toMatchObject(forbidden);
    expect(decide(user('referrer', null), 'list', { kind: 'insight', part: 'dashboards' })).toMatchObject(
      forbidden,
    );
    const provider = { ...user('provider_staff', null), organisationId: 'org-2' };
    expect(decide(provider, 'list', { kind: 'insight', part: 'dashboards' })).toMatchObject(forbidden);
    expect(decide(provider, 'read', { kind: 'insight', part: 'provider' })).toMatchObject(allowed);
    expect(decide(user('coordinator'), 'read', { kind: 'insight', part: 'provider' })).toMatchObject(
      forbidden,
    );
    const settings = { kind: 'insight', part: 'settings', programme: haringey } as const;
    expect(decide(user('coordinator'), 'update', settings)).toMatchObject(allowed);
    expect(decide(user('coordinator', 'p2'), 'update', settings)).toMatchObject(hiddenAway);
    expect(decide(user('link_worker'), 'update', settings)).toMatchObject(forbidden);
    expect(decide(commissioner, 'update', settings)).toMatchObject(forbidden);
    expect(
      decide(user('platform_admin', null), 'update', { kind: 'insight', part: 'commissioners' }),
    ).toMatchObject(allowed);
    expect(decide(user('coordinator'), 'update', { kind: 'insight', part: 'commissioners' })).toMatchObject(
      forbidden,
    );
    const client: ApiClientActor = {
      type: 'api_client',
      clientId: 'c',
      name: 'GP',
      organisationId: 'o',
      scopes: [],
    };
    expect(decide(client, 'list', { kind: 'insight', part: 'dashboards' })).toMatchObject(forbidden);
  });

  it('a link worker picks up for themselves only; a person’s caseload is moved by a coordinator only', () => {
    const worker = user('link_worker');
    const queued = {
      kind: 'referral',
      programmeId: 'p1',
      assignedLinkWorkerId: null,
      referringOrganisationId: null,
    } as const;
    expect(decide(worker, 'assign', queued, { assigneeId: worker.userId })).toMatchObject(allowed);
    expect(decide(worker, 'assign', queued, { assigneeId: 'lw-2' })).toMatchObject(forbidden);
    expect(decide(user('coordinator'), 'assign', queued, { assigneeId: 'lw-2' })).toMatchObject(allowed);
    expect(decide(worker, 'assign', person('p1', worker.userId))).toMatchObject(forbidden);
    expect(decide(user('coordinator'), 'assign', person('p1', worker.userId))).toMatchObject(allowed);
  });

  it('webhooks belong to API clients; an account to its own user', () => {
    const client: ApiClientActor = {
      type: 'api_client',
      clientId: 'c',
      name: 'GP',
      organisationId: 'org-1',
      scopes: [],
    };
    expect(decide(client, 'create', { kind: 'webhook' })).toMatchObject(allowed);
    expect(decide(client, 'read', { kind: 'webhook', organisationId: 'org-2' })).toMatchObject(hiddenAway);
    expect(decide(user('platform_admin', null), 'create', { kind: 'webhook' })).toMatchObject(forbidden);
    expect(decide(user('buddy'), 'update', { kind: 'account' })).toMatchObject(allowed);
    expect(decide(user('buddy'), 'update', { kind: 'account', userId: 'someone-else' })).toMatchObject(
      hiddenAway,
    );
    expect(decide(client, 'read', { kind: 'account' })).toMatchObject(forbidden);
  });

  it('directory curation lists: curators and (for reports) the services’ own organisations', () => {
    const provider = { ...user('provider_staff', null), organisationId: 'org-1' };
    for (const part of ['revisions', 'reports', 'import'] as const) {
      expect(
        decide(user('platform_admin', null), 'list', { kind: 'directory_curation', part }),
      ).toMatchObject(allowed);
      expect(decide(user('coordinator'), 'list', { kind: 'directory_curation', part })).toMatchObject(
        allowed,
      );
      expect(decide(user('link_worker'), 'list', { kind: 'directory_curation', part })).toMatchObject(
        forbidden,
      );
    }
    expect(decide(provider, 'list', { kind: 'directory_curation', part: 'reports' })).toMatchObject(allowed);
    expect(decide(provider, 'list', { kind: 'directory_curation', part: 'revisions' })).toMatchObject(
      forbidden,
    );
  });
});
