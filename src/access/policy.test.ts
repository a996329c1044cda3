import { describe, expect, it } from 'vitest';
import type { UserActor } from './actor';
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
