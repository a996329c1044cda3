// The demo seed on a real, migrated database: it loads, it is the same every time, and what it
// promises (one login per role, valid NHS numbers, staffed programmes) holds in the rows themselves.
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../test/support/database';
import { checkPasswordPolicy, verifyPassword } from '../accounts/passwords';
import { roles } from '../access/roles';
import { queryRows } from '../db/client';
import { organisations, people, programmeReferringOrganisations, programmes, users } from '../db/schema';
import { isValidNhsNumber } from '../people/nhs-number';
import { seedDemoData, type DemoLogin } from './seed';

/** An independent Modulus 11 check, so the test does not trust the generator's own arithmetic. */
function passesModulus11(nhsNumber: string): boolean {
  if (!/^\d{10}$/.test(nhsNumber)) return false;
  const digits = [...nhsNumber].map(Number);
  const sum = digits.slice(0, 9).reduce((total, digit, index) => total + digit * (10 - index), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === digits[9];
}

async function readPeople(database: TestDatabase) {
  return database.db
    .select({
      givenName: people.givenName,
      familyName: people.familyName,
      dateOfBirth: people.dateOfBirth,
      nhsNumber: people.nhsNumber,
      postcode: people.postcode,
      programmeSlug: programmes.slug,
    })
    .from(people)
    .innerJoin(programmes, eq(programmes.id, people.programmeId))
    .orderBy(asc(programmes.slug), asc(people.familyName), asc(people.givenName), asc(people.dateOfBirth));
}

describe('demo seed', () => {
  let database: TestDatabase;
  let logins: DemoLogin[];
  let secondsTaken: number;

  beforeAll(async () => {
    database = await openTestDatabase();
    // Time the seed, not PGlite's start-up from the template.
    await database.ping();
    const started = performance.now();
    logins = await seedDemoData(database.db);
    secondsTaken = (performance.now() - started) / 1000;
  });
  afterAll(async () => {
    await database?.close();
  });

  // Speed is measured by `npm run bench` (startup.cold_ms includes the seed), not asserted here:
  // a timed test fails on a busy machine without anything being wrong.
  it('reports how long it took', () => {
    console.log(`demo seed took ${secondsTaken.toFixed(2)} s`);
    expect(secondsTaken).toBeGreaterThan(0);
  });

  it('returns exactly one login per role, each an account that exists and signs in with its password', async () => {
    expect(logins.map((l) => l.role).sort()).toEqual([...roles].sort());
    for (const login of logins) {
      expect(checkPasswordPolicy(login.password, { email: login.email })).toBeUndefined();
      const [user] = await database.db.select().from(users).where(eq(users.email, login.email));
      expect(user?.role).toBe(login.role);
      expect(await verifyPassword(user!.passwordHash, login.password)).toBe(true);
    }
  });

  it('leaves two-factor unset, so the platform admin enrols at first sign-in', async () => {
    const admins = await database.db.select().from(users).where(eq(users.role, 'platform_admin'));
    expect(admins).toHaveLength(1);
    expect(admins[0]?.totpSecret).toBeNull();
    expect(admins[0]?.programmeId).toBeNull();
  });

  it('gives programme roles a programme and organisation roles an organisation', async () => {
    const all = await database.db.select().from(users);
    for (const user of all) {
      if (['coordinator', 'link_worker', 'buddy'].includes(user.role))
        expect(user.programmeId, user.email).not.toBeNull();
      if (['referrer', 'provider_staff', 'commissioner'].includes(user.role)) {
        expect(user.organisationId, user.email).not.toBeNull();
        expect(user.programmeId, user.email).toBeNull();
      }
    }
    const commissioners = await database.db
      .select({ type: organisations.type })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(users.role, 'commissioner'));
    expect(commissioners.map((c) => c.type)).toContain('icb');
  });

  it('staffs every programme with a coordinator, link workers and buddies, and links its referrers', async () => {
    const allProgrammes = await database.db.select().from(programmes);
    expect(allProgrammes.length).toBeGreaterThanOrEqual(3);
    const team = await database.db.select({ role: users.role, programmeId: users.programmeId }).from(users);
    const referring = await database.db.select().from(programmeReferringOrganisations);
    for (const programme of allProgrammes) {
      const rolesInProgramme = team.filter((u) => u.programmeId === programme.id).map((u) => u.role);
      expect(
        rolesInProgramme.filter((r) => r === 'coordinator'),
        programme.name,
      ).toHaveLength(1);
      expect(
        rolesInProgramme.filter((r) => r === 'link_worker').length,
        programme.name,
      ).toBeGreaterThanOrEqual(2);
      expect(rolesInProgramme.filter((r) => r === 'buddy').length, programme.name).toBeGreaterThanOrEqual(2);
      expect(programme.areas.length, programme.name).toBeGreaterThan(0);
      expect(programme.postcodeDistricts.length, programme.name).toBeGreaterThan(0);
      expect(referring.filter((r) => r.programmeId === programme.id).length, programme.name).toBeGreaterThan(
        3,
      );
    }
  });

  it('has GP practices with ODS-style codes and VCSE and advice organisations', async () => {
    const all = await database.db.select().from(organisations);
    const practices = all.filter((o) => o.type === 'gp_practice');
    expect(practices.length).toBeGreaterThanOrEqual(9);
    for (const practice of practices) expect(practice.odsCode).toMatch(/^[A-Z]\d{5}$/);
    expect(all.filter((o) => o.type === 'vcse' || o.type === 'advice_agency').length).toBeGreaterThanOrEqual(
      15,
    );
    expect(all.filter((o) => o.type === 'advice_agency').length).toBeGreaterThanOrEqual(3);
    for (const type of ['icb', 'hospital_trust', 'council', 'cvs', 'housing_association']) {
      expect(
        all.some((o) => o.type === type),
        type,
      ).toBe(true);
    }
  });

  it('puts people in programmes, with valid test-range NHS numbers and postcodes in the programme area', async () => {
    const rows = await database.db
      .select({ person: people, programme: programmes })
      .from(people)
      .innerJoin(programmes, eq(programmes.id, people.programmeId));
    const allPeople = await database.db.select({ id: people.id }).from(people);
    expect(rows).toHaveLength(allPeople.length);
    const programmeCount = new Set(rows.map((r) => r.programme.id)).size;
    expect(programmeCount).toBeGreaterThanOrEqual(3);
    expect(rows.length).toBeGreaterThanOrEqual(60);

    const nhsNumbers = rows.map((r) => r.person.nhsNumber).filter((n): n is string => n !== null);
    expect(nhsNumbers.length).toBeGreaterThan(rows.length / 2);
    expect(new Set(nhsNumbers).size).toBe(nhsNumbers.length);
    for (const nhsNumber of nhsNumbers) {
      expect(passesModulus11(nhsNumber), nhsNumber).toBe(true);
      expect(isValidNhsNumber(nhsNumber), nhsNumber).toBe(true);
      expect(nhsNumber.startsWith('999'), nhsNumber).toBe(true);
    }
    for (const { person, programme } of rows) {
      const district = person.postcode?.split(' ')[0];
      expect(programme.postcodeDistricts, `${person.postcode}`).toContain(district);
    }
    expect(rows.some((r) => r.person.needsInterpreter)).toBe(true);
    expect(new Set(rows.map((r) => r.person.language)).size).toBeGreaterThanOrEqual(6);
  });

  it('assigns people only to link workers of their own programme', async () => {
    const rows = await database.db
      .select({ programmeId: people.programmeId, worker: users })
      .from(people)
      .innerJoin(users, eq(users.id, people.assignedLinkWorkerId));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.worker.role).toBe('link_worker');
      expect(row.worker.programmeId).toBe(row.programmeId);
    }
    const loginWorker = logins.find((l) => l.role === 'link_worker')!;
    expect(rows.filter((r) => r.worker.email === loginWorker.email).length).toBeGreaterThan(0);
  });

  it('produces the same people on another fresh database', async () => {
    const other = await openTestDatabase();
    try {
      await seedDemoData(other.db);
      expect(await readPeople(other)).toEqual(await readPeople(database));
    } finally {
      await other.close();
    }
  });

  it('gives people equality monitoring answers (some never asked, some prefer not to say) and the area of their postcode', async () => {
    const [counts] = await queryRows<{
      people: number;
      neverAsked: number;
      preferNotToSay: number;
      ethnicities: number;
      withDecile: number;
      withArea: number;
    }>(
      database.db,
      sql`select count(*)::int as people,
        count(*) filter (where sex is null and ethnicity is null and carer is null)::int as "neverAsked",
        count(*) filter (where ethnicity = 'prefer_not_to_say')::int as "preferNotToSay",
        count(distinct ethnicity)::int as ethnicities,
        count(imd_decile)::int as "withDecile",
        count(*) filter (where lsoa_code is not null and borough_code like 'E09%')::int as "withArea"
        from people`,
    );
    expect(counts!.withDecile).toBe(counts!.people);
    expect(counts!.withArea).toBe(counts!.people);
    expect(counts!.neverAsked / counts!.people).toBeGreaterThan(0.08);
    expect(counts!.neverAsked / counts!.people).toBeLessThan(0.25);
    expect(counts!.preferNotToSay).toBeGreaterThan(0);
    expect(counts!.ethnicities).toBeGreaterThanOrEqual(10);
  });

  it('tells the equity story: people in deciles 1–2 engage and finish less often than in 8–10; housing unmet need clusters in Tower Hamlets', async () => {
    const bands = await queryRows<{ band: string; referred: number; engaged: number; completed: number }>(
      database.db,
      sql`select case when imd_decile <= 2 then 'most' else 'least' end as band, count(*)::int as referred,
          count(engaged_at)::int as engaged, count(completed_at)::int as completed
        from referral_facts
        where (imd_decile <= 2 or imd_decile >= 8) and received_at < now() - interval '4 months'
        group by 1`,
    );
    const most = bands.find((b) => b.band === 'most')!;
    const least = bands.find((b) => b.band === 'least')!;
    expect(most.engaged / most.referred).toBeLessThan(least.engaged / least.referred - 0.15);
    expect(most.completed / most.referred).toBeLessThan(least.completed / least.referred - 0.05);
    const housing = await queryRows<{ slug: string; count: number }>(
      database.db,
      sql`select p.slug, count(*)::int as count from unmet_needs u join programmes p on p.id = u.programme_id
        where u.need = 'housing' group by 1 order by 2 desc`,
    );
    expect(housing[0]?.slug).toBe('poplar-healthy-living');
    expect(housing[0]!.count).toBeGreaterThan(3 * (housing[1]?.count ?? 0));
  });

  it('links the ICB to the programmes it commissions and sets reach targets, one practice far under its own', async () => {
    const [commissioned] = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from programme_commissioners pc
        join organisations o on o.id = pc.organisation_id where o.type = 'icb'`,
    );
    expect(commissioned!.count).toBe(3);
    const targets = await queryRows<{ name: string | null; target: number; people: number }>(
      database.db,
      sql`select o.name, t.people_per_year as target,
          (select count(distinct r.person_id)::int from referrals r
            where r.programme_id = t.programme_id and r.received_at > now() - interval '1 year'
              and (t.organisation_id is null or r.referring_organisation_id = t.organisation_id)) as people
        from reach_targets t left join organisations o on o.id = t.organisation_id`,
    );
    expect(targets.find((t) => t.name === null)?.target).toBe(900);
    const practices = targets.filter((t) => t.name !== null);
    expect(practices.length).toBeGreaterThanOrEqual(3);
    const farUnder = practices.filter((t) => t.people < t.target / 3);
    expect(farUnder.map((t) => t.name)).toEqual(['Westbury Avenue Medical Practice']);
  });
});
