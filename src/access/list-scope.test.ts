import { describe, expect, it } from 'vitest';
import type { Actor, UserActor } from './actor';
import { listScope, type ListScope, type ResourceKind } from './list-scope';
import { roles, type Role } from './roles';

const user = (role: Role): UserActor => ({
  type: 'user',
  userId: `${role}-id`,
  role,
  name: role,
  email: `${role}@example.test`,
  // Programme roles belong to programme p1, organisation roles to organisation o1 (roles.ts).
  programmeId: ['coordinator', 'link_worker', 'buddy'].includes(role) ? 'p1' : null,
  organisationId: ['referrer', 'provider_staff', 'commissioner'].includes(role) ? 'o1' : null,
  sessionTokenHash: 'x',
});

const all = 'all';
const none = 'none';
const programme = { programmeId: 'p1' };
const organisation = { organisationId: 'o1' };
const caseload = (role: Role) => ({ programmeId: 'p1', assignedTo: `${role}-id` });

type Row = Partial<Record<Role, ListScope | ((role: Role) => ListScope)>>;

// Every kind of the policy, with the scope of each role; a role not named lists nothing ('none').
// Typed as a Record over ResourceKind, so a kind added to the policy fails here until it is listed.
const expected: Record<ResourceKind, Row> = {
  organisation: Object.fromEntries(roles.map((role) => [role, all])),
  service: Object.fromEntries(roles.map((role) => [role, all])),
  programme: { platform_admin: all, coordinator: programme, link_worker: programme, buddy: programme },
  programme_link: { platform_admin: all, coordinator: programme, referrer: organisation },
  user: { platform_admin: all, coordinator: programme },
  audit_log: { platform_admin: all, coordinator: programme },
  api_client: { platform_admin: all },
  notification_outbox: { platform_admin: all },
  person: { coordinator: programme, link_worker: programme },
  duplicate_check: { coordinator: programme, link_worker: programme },
  referral: {
    coordinator: programme,
    link_worker: programme,
    referrer: organisation,
    provider_staff: organisation,
  },
  onward_referral: { coordinator: programme, link_worker: caseload, provider_staff: organisation },
  caseload: { coordinator: programme, link_worker: caseload },
  casework: { coordinator: programme, link_worker: caseload },
  measures: { coordinator: programme, link_worker: caseload },
  health_use: { coordinator: programme, link_worker: caseload },
  unmet_need: { coordinator: programme },
  evaluation: { coordinator: programme, commissioner: organisation },
  questionnaire: { platform_admin: all, coordinator: programme },
  instrument_wording: { platform_admin: all, coordinator: programme },
  programme_settings: { platform_admin: all, coordinator: programme },
  directory_curation: { platform_admin: all, coordinator: programme, provider_staff: organisation },
  insight: {
    platform_admin: all,
    regional_commissioner: all,
    coordinator: programme,
    commissioner: organisation,
    provider_staff: organisation,
  },
  shortlist: {},
  webhook: {},
  account: {},
};

describe('listScope: every role × every kind', () => {
  for (const [kind, row] of Object.entries(expected) as [ResourceKind, Row][]) {
    it(`scopes lists of ${kind}`, () => {
      for (const role of roles) {
        const want = row[role] ?? none;
        expect({ role, scope: listScope(user(role), kind) }).toEqual({
          role,
          scope: typeof want === 'function' ? want(role) : want,
        });
      }
    });
  }

  it('gives the signed-out the public directory only, and background jobs nothing', () => {
    const anonymous: Actor = { type: 'anonymous' };
    const job: Actor = { type: 'system', job: 'test' };
    for (const kind of Object.keys(expected) as ResourceKind[]) {
      expect(listScope(anonymous, kind)).toEqual(kind === 'service' ? all : none);
      expect(listScope(job, kind)).toEqual(none);
    }
  });

  it('scopes a system client to its organisation: referrals, onward inbox, webhooks; the directory is public', () => {
    const client: Actor = { type: 'api_client', clientId: 'c', name: 'GP', organisationId: 'o9', scopes: [] };
    const organisationWide: ResourceKind[] = ['referral', 'onward_referral', 'webhook'];
    for (const kind of Object.keys(expected) as ResourceKind[]) {
      const want =
        kind === 'service' || kind === 'organisation'
          ? all
          : organisationWide.includes(kind)
            ? { organisationId: 'o9' }
            : none;
      expect({ kind, scope: listScope(client, kind) }).toEqual({ kind, scope: want });
    }
  });

  it('lists nothing for a programme role not yet placed in a programme', () => {
    const unplaced = { ...user('coordinator'), programmeId: null };
    for (const kind of ['user', 'person', 'caseload', 'evaluation', 'unmet_need'] as const)
      expect(listScope(unplaced, kind)).toBe(none);
  });
});
