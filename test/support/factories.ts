// build* factories: each call makes fresh, unique rows, so tests never depend on each other's data.
import { randomUUID } from 'node:crypto';
import { TOTP, Secret } from 'otpauth';
import type { Executor } from '../../src/db/client';
import {
  organisations,
  people,
  programmeReferringOrganisations,
  programmes,
  users,
} from '../../src/db/schema';
import { hashPassword } from '../../src/accounts/passwords';
import type { OrganisationType, Role } from '../../src/access/roles';
import { saveServices, type ServiceInput } from '../../src/directory/save-service';
import { taxonomyTermId } from '../../src/directory/sync-taxonomies';

const unique = () => randomUUID().slice(0, 8);
export const testPassword = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hashPassword(testPassword));

export async function buildOrganisation(
  db: Executor,
  overrides: Partial<{ name: string; type: OrganisationType; odsCode: string | null; borough: string }> = {},
) {
  const [row] = await db
    .insert(organisations)
    .values({ name: `Test organisation ${unique()}`, type: 'vcse', ...overrides })
    .returning();
  return row!;
}

export async function buildProgramme(
  db: Executor,
  overrides: Partial<{ name: string; slug: string; hostOrganisationId: string; areas: string[] }> = {},
) {
  const hostOrganisationId =
    overrides.hostOrganisationId ?? (await buildOrganisation(db, { type: 'cvs' })).id;
  const id = unique();
  const [row] = await db
    .insert(programmes)
    .values({
      name: `Test programme ${id}`,
      slug: `test-${id}`,
      hostOrganisationId,
      areas: ['Haringey'],
      ...overrides,
    })
    .returning();
  return row!;
}

/**
 * An approved link: the organisation's referrals go to the programme (as after its referrer, or a
 * platform admin, approved the programme's request). Direct inserts without approver also count.
 */
export async function linkReferringOrganisation(
  db: Executor,
  options: { programmeId: string; organisationId: string; approvedByUserId?: string | null },
) {
  const [row] = await db
    .insert(programmeReferringOrganisations)
    .values({
      programmeId: options.programmeId,
      organisationId: options.organisationId,
      approvedByUserId: options.approvedByUserId ?? null,
      approvedAt: new Date(),
    })
    .returning();
  return row!;
}

export function totpFor(secret: string): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

export async function buildUser(
  db: Executor,
  options: {
    role: Role;
    programmeId?: string | null;
    organisationId?: string | null;
    withTotp?: boolean;
    email?: string;
  },
) {
  const totpSecret = options.withTotp ? new Secret({ size: 20 }).base32 : null;
  const [user] = await db
    .insert(users)
    .values({
      email: options.email ?? `${options.role}-${unique()}@example.test`,
      name: `Test ${options.role.replace('_', ' ')} ${unique()}`,
      role: options.role,
      programmeId: options.programmeId ?? null,
      organisationId: options.organisationId ?? null,
      passwordHash: await passwordHash(),
      totpSecret,
      totpEnabledAt: totpSecret ? new Date() : null,
    })
    .returning();
  return { user: user!, password: testPassword, totpSecret: totpSecret ?? undefined };
}

/** A programme with one user of every programme role, plus organisation-based users. */
export async function buildProgrammeWithTeam(db: Executor) {
  const programme = await buildProgramme(db);
  const gp = await buildOrganisation(db, { type: 'gp_practice' });
  const provider = await buildOrganisation(db, { type: 'vcse' });
  const icb = await buildOrganisation(db, { type: 'icb' });
  return {
    programme,
    coordinator: await buildUser(db, { role: 'coordinator', programmeId: programme.id }),
    linkWorker: await buildUser(db, { role: 'link_worker', programmeId: programme.id }),
    otherLinkWorker: await buildUser(db, { role: 'link_worker', programmeId: programme.id }),
    buddy: await buildUser(db, { role: 'buddy', programmeId: programme.id }),
    referrer: await buildUser(db, { role: 'referrer', organisationId: gp.id }),
    providerStaff: await buildUser(db, { role: 'provider_staff', organisationId: provider.id }),
    commissioner: await buildUser(db, { role: 'commissioner', organisationId: icb.id }),
    regionalCommissioner: await buildUser(db, { role: 'regional_commissioner', organisationId: icb.id }),
  };
}

export async function buildPerson(
  db: Executor,
  options: {
    programmeId: string;
    assignedLinkWorkerId?: string | null;
    givenName?: string;
    familyName?: string;
  },
) {
  const [row] = await db
    .insert(people)
    .values({
      programmeId: options.programmeId,
      givenName: options.givenName ?? 'Ada',
      familyName: options.familyName ?? `Person-${unique()}`,
      dateOfBirth: '1950-04-12',
      postcode: 'N17 6HB',
      assignedLinkWorkerId: options.assignedLinkWorkerId ?? null,
    })
    .returning();
  return row!;
}

/** A directory service with one location, weekday opening times and tags, via the real writer. */
export async function buildService(db: Executor, overrides: Partial<ServiceInput> = {}) {
  const organisationId = overrides.organisationId ?? (await buildOrganisation(db, { type: 'vcse' })).id;
  const [id] = await saveServices(db, [
    {
      organisationId,
      name: `Test service ${unique()}`,
      description: 'A friendly weekly group.',
      deliveryModes: ['in_person'],
      taxonomyTermIds: [taxonomyTermId('linkwell-support', 'connected.befriending')],
      locations: [
        {
          name: 'Community hall',
          latitude: 51.5901,
          longitude: -0.0709,
          address1: '1 High Road',
          city: 'London',
          postalCode: 'N17 6HB',
          boroughCode: 'E09000014',
        },
      ],
      schedules: (['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((byday) => ({
        byday,
        opensAt: '09:00',
        closesAt: '17:00',
      })),
      languages: [{ code: 'en', name: 'English' }],
      areas: [{ name: 'Haringey', boroughCode: 'E09000014' }],
      lastVerifiedAt: new Date(),
      ...overrides,
    },
  ]);
  return id!;
}
