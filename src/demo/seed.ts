// Demo data for a believable London setting, loaded on the first start of an empty database.
// seedDemoData runs every demo seeder in one transaction: seedFoundation lays down organisations,
// programmes, users and people, and returns their ids so later seeders (the directory, referrals,
// outcomes, the benchmark generator) can build on them. Everything is deterministic: the same
// names, dates and NHS numbers on every first start (only the random UUIDs differ).
import { randomUUID } from 'node:crypto';
import { checkPasswordPolicy, hashPassword } from '../accounts/passwords';
import { roles, type Role } from '../access/roles';
import type { Database, Executor } from '../db/client';
import { organisations, people, programmeReferringOrganisations, programmes, users } from '../db/schema';
import { seedCommissioning } from './commissioning';
import { seedDemoApiClients } from './api-clients';
import { seedDirectory } from './directory';
import { demoOrganisations, type DemoOrganisation, type OrganisationKey } from './organisations';
import { createUniqueValues, generatePeople, type DemoPerson } from './people';
import { demoProgrammes, postcodeDistrictsOf, type DemoProgramme, type ProgrammeKey } from './programmes';
import { demoPassword, demoStaff, emailOf, type DemoStaff } from './staff';
import { seedReferralLoop } from './referrals';
import { areasOfPostcodes } from './referrals/context';

export type DemoLogin = { role: string; email: string; password: string; note?: string };

export type SeededOrganisation = DemoOrganisation & { id: string };
export type SeededProgramme = DemoProgramme & {
  id: string;
  hostOrganisationId: string;
  referringOrganisationIds: string[];
};
export type SeededUser = DemoStaff & {
  id: string;
  email: string;
  programmeId: string | null;
  organisationId: string | null;
};
export type SeededPerson = DemoPerson & {
  id: string;
  programmeKey: ProgrammeKey;
  programmeId: string;
  assignedLinkWorkerId: string | null;
};

/** What seedFoundation created, by key, for the seeders that come after it. */
export type DemoFoundation = {
  organisations: Record<OrganisationKey, SeededOrganisation>;
  programmes: Record<ProgrammeKey, SeededProgramme>;
  users: SeededUser[];
  people: SeededPerson[];
  logins: DemoLogin[];
};

async function seedOrganisations(db: Executor): Promise<Record<OrganisationKey, SeededOrganisation>> {
  // Ids are made here rather than by the database, so nothing depends on the order RETURNING gives.
  const seeded = demoOrganisations.map((o): SeededOrganisation => ({ ...o, id: randomUUID() }));
  await db.insert(organisations).values(
    seeded.map((o) => ({
      id: o.id,
      name: o.name,
      type: o.type,
      odsCode: o.odsCode ?? null,
      borough: o.borough,
    })),
  );
  return Object.fromEntries(seeded.map((o) => [o.key, o])) as Record<OrganisationKey, SeededOrganisation>;
}

async function seedProgrammes(
  db: Executor,
  organisationsByKey: Record<OrganisationKey, SeededOrganisation>,
): Promise<Record<ProgrammeKey, SeededProgramme>> {
  const seeded = demoProgrammes.map((p): SeededProgramme => ({
    ...p,
    id: randomUUID(),
    hostOrganisationId: organisationsByKey[p.hostOrganisationKey].id,
    referringOrganisationIds: p.referringOrganisationKeys.map((key) => organisationsByKey[key].id),
  }));
  await db.insert(programmes).values(
    seeded.map((p) => ({
      id: p.id,
      name: p.name,
      slug: p.slug,
      description: p.description,
      hostOrganisationId: p.hostOrganisationId,
      areas: [p.borough.name],
      postcodeDistricts: postcodeDistrictsOf(p),
      settings: p.settings,
    })),
  );
  await db.insert(programmeReferringOrganisations).values(
    seeded.flatMap((p) =>
      p.referringOrganisationIds.map((organisationId) => ({
        programmeId: p.id,
        organisationId,
        // Approved links, made by the set-up as a platform admin would (no approver account yet).
        approvedAt: new Date(),
      })),
    ),
  );
  return Object.fromEntries(seeded.map((p) => [p.key, p])) as Record<ProgrammeKey, SeededProgramme>;
}

async function seedUsers(
  db: Executor,
  organisationsByKey: Record<OrganisationKey, SeededOrganisation>,
  programmesByKey: Record<ProgrammeKey, SeededProgramme>,
): Promise<SeededUser[]> {
  // Argon2id costs ~55 ms a hash: every demo account shares one password, so hash it once.
  const passwordHash = await hashPassword(demoPassword);
  const seeded = demoStaff.map((staff): SeededUser => {
    const programme = staff.programmeKey ? programmesByKey[staff.programmeKey] : undefined;
    // Programme staff are employed by the programme's host organisation.
    const organisationId = staff.organisationKey
      ? organisationsByKey[staff.organisationKey].id
      : (programme?.hostOrganisationId ?? null);
    return {
      ...staff,
      id: randomUUID(),
      email: emailOf(staff),
      programmeId: programme?.id ?? null,
      organisationId,
    };
  });
  // TOTP is left unset: platform admins, who must use it, are asked to enrol at first sign-in.
  await db.insert(users).values(
    seeded.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      organisationId: u.organisationId,
      programmeId: u.programmeId,
      passwordHash,
    })),
  );
  return seeded;
}

async function seedPeople(
  db: Executor,
  programmesByKey: Record<ProgrammeKey, SeededProgramme>,
  seededUsers: SeededUser[],
): Promise<SeededPerson[]> {
  const unique = createUniqueValues();
  const seeded = demoProgrammes.flatMap((programme) => {
    const programmeId = programmesByKey[programme.key].id;
    const team = seededUsers.filter((u) => u.programmeKey === programme.key);
    const linkWorkers = team.filter((u) => u.role === 'link_worker');
    const coordinator = team.find((u) => u.role === 'coordinator');
    return generatePeople(programme, unique).map(
      (person, index): SeededPerson & { createdByUserId: string | null } => {
        // One in five is still waiting in the triage queue; the rest are shared across the link
        // workers' caseloads, the first link worker (the demo login) taking the first share.
        const isAwaitingTriage = index % 5 === 4;
        const linkWorker = isAwaitingTriage ? undefined : linkWorkers[index % linkWorkers.length];
        return {
          ...person,
          id: randomUUID(),
          programmeKey: programme.key,
          programmeId,
          assignedLinkWorkerId: linkWorker?.id ?? null,
          createdByUserId: linkWorker?.id ?? coordinator?.id ?? null,
        };
      },
    );
  });
  const areas = await areasOfPostcodes(
    db,
    seeded.map((p) => p.postcode),
  );
  await db.insert(people).values(
    seeded.map((p) => ({
      id: p.id,
      programmeId: p.programmeId,
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      nhsNumber: p.nhsNumber,
      email: p.email,
      phone: p.phone,
      preferredChannel: p.preferredChannel,
      addressLine: p.addressLine,
      postcode: p.postcode,
      language: p.language,
      needsInterpreter: p.needsInterpreter,
      sex: p.sex,
      genderIdentitySame: p.genderIdentitySame,
      genderIdentity: p.genderIdentity,
      ethnicity: p.ethnicity,
      disability: p.disability,
      carer: p.carer,
      ...areas.get(p.postcode),
      assignedLinkWorkerId: p.assignedLinkWorkerId,
      createdByUserId: p.createdByUserId,
    })),
  );
  return seeded.map(({ createdByUserId: _createdBy, ...person }) => person);
}

/** One login per role, in the order of the roles list, for printing at first start. */
function demoLoginsOf(seededUsers: SeededUser[]): DemoLogin[] {
  return roles.map((role: Role) => {
    const user = seededUsers.find((u) => u.role === role && u.login !== undefined);
    if (!user) throw new Error(`No demo login is marked for the role ${role}`);
    return { role, email: user.email, password: demoPassword, note: user.login };
  });
}

/** Organisations, programmes, users and people: the ground every other demo seeder builds on. */
export async function seedFoundation(db: Executor): Promise<DemoFoundation> {
  const policyProblem = checkPasswordPolicy(demoPassword);
  if (policyProblem) throw new Error(`The demo password breaks the password policy: ${policyProblem}`);
  const organisationsByKey = await seedOrganisations(db);
  const programmesByKey = await seedProgrammes(db, organisationsByKey);
  const seededUsers = await seedUsers(db, organisationsByKey, programmesByKey);
  const seededPeople = await seedPeople(db, programmesByKey, seededUsers);
  return {
    organisations: organisationsByKey,
    programmes: programmesByKey,
    users: seededUsers,
    people: seededPeople,
    logins: demoLoginsOf(seededUsers),
  };
}

/** Loads all demo data in one transaction and returns the logins to print at start. */
export async function seedDemoData(db: Database): Promise<DemoLogin[]> {
  return db.transaction(async (tx) => {
    const foundation = await seedFoundation(tx);
    await seedDemoApiClients(tx, foundation.organisations);
    await seedDirectory(tx, foundation);
    // 18 months of referrals in every state, over the foundation's people and the directory.
    await seedReferralLoop(tx);
    // Who commissions which programme, and the reach the programmes and practices aim for.
    await seedCommissioning(tx, foundation);
    return foundation.logins;
  });
}
