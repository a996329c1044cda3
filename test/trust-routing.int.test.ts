// Trust issue, defect 1: routing hijack across programmes. A coordinator could add any
// organisation to their programme's referring organisations, or claim another programme's
// borough, and routing (oldest programme first) then sent a GP practice's referrals to them.
// Now a link waits for the organisation (or a platform admin) to approve it, areas never overlap,
// ties are never broken by age, and every referral says why it went where it did.
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client';
import { auditEvents, programmeReferringOrganisations, programmes, referrals } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import {
  buildOrganisation,
  buildProgrammeWithTeam,
  buildUser,
  linkReferringOrganisation,
  totpFor,
} from './support/factories';
import { HttpClient } from './support/http-client';

let t: TestApp;
let admin: HttpClient;
beforeAll(async () => {
  t = await startTestApp();
  const platformAdmin = await buildUser(t.db, { role: 'platform_admin', withTotp: true });
  admin = new HttpClient(t.baseUrl);
  await admin.signIn(
    platformAdmin.user.email,
    platformAdmin.password,
    totpFor(platformAdmin.totpSecret!).generate(),
  );
});
afterAll(async () => {
  await t?.close();
});

type Member = { user: { email: string }; password: string };
async function signedIn(member: Member) {
  const http = new HttpClient(t.baseUrl);
  await http.signIn(member.user.email, member.password);
  return http;
}

/** A live postcode in the named borough, from the offline geography. */
async function postcodeIn(borough: string): Promise<string> {
  const [row] = await queryRows<{ postcode: string }>(
    t.db,
    sql`select p.postcode from postcodes p join boroughs b on b.code = p.borough_code
        where b.name = ${borough} order by p.postcode limit 1`,
  );
  return row!.postcode;
}

/** Programmes built by the factory all cover Haringey; each test gives its own a borough of its own. */
async function teamCovering(borough: string, postcodeDistricts: string[] = []) {
  const team = await buildProgrammeWithTeam(t.db);
  await t.db
    .update(programmes)
    .set({ areas: [borough], postcodeDistricts })
    .where(eq(programmes.id, team.programme.id));
  return team;
}

const programmeRow = async (id: string) =>
  (await t.db.select().from(programmes).where(eq(programmes.id, id)))[0]!;

let nameCounter = 0;
function referralBody(postcode: string) {
  return {
    person: {
      givenName: 'Olu',
      familyName: `Routed${String.fromCharCode(97 + (nameCounter++ % 26))}${Date.now() % 100000}`,
      dateOfBirth: '1951-03-14',
      postcode,
      phone: '07700 900321',
      preferredChannel: 'phone',
    },
    needs: ['loneliness'],
    reasonText: 'Lonely since moving flat.',
    urgency: 'routine',
    consent: { toReferral: true, toShare: true, sharedFields: ['contact_details'], method: 'verbal' },
    referrer: {},
  };
}

describe('a programme cannot take another programme’s GP practice', () => {
  it('keeps a coordinator’s request without effect on routing until the practice approves it', async () => {
    const a = await teamCovering('Lewisham');
    const b = await teamCovering('Bromley');
    const practiceId = a.referrer.user.organisationId!;
    const postcode = await postcodeIn('Lewisham');
    const gp = await signedIn(a.referrer);
    const bCoordinator = await signedIn(b.coordinator);

    const before = await gp.post('/api/referrals', referralBody(postcode));
    expect(before.status).toBe(201);
    expect(before.body.programme.id).toBe(a.programme.id);

    // B's coordinator adds A's practice: it becomes a request, not a link.
    const current = await bCoordinator.get(`/api/admin/programmes/${b.programme.id}`);
    const asked = await bCoordinator.patch(`/api/admin/programmes/${b.programme.id}`, {
      version: current.body.version,
      referringOrganisationIds: [practiceId],
    });
    expect(asked.status).toBe(200);
    expect(asked.body.referringOrganisationIds).toEqual([]);
    expect(asked.body.pendingReferringOrganisationIds).toEqual([practiceId]);
    expect(
      await t.db
        .select()
        .from(programmeReferringOrganisations)
        .where(eq(programmeReferringOrganisations.organisationId, practiceId)),
    ).toEqual([]);

    const stillA = await gp.post('/api/referrals', referralBody(postcode));
    expect(stillA.status).toBe(201);
    expect(stillA.body.programme.id).toBe(a.programme.id);

    // The practice sees the request; B's coordinator cannot approve it; another practice cannot see it.
    const listed = await gp.get('/api/programme-links?status=pending');
    expect(listed.status).toBe(200);
    const request = listed.body.requests.find(
      (r: { programmeId: string }) => r.programmeId === b.programme.id,
    );
    expect(request).toMatchObject({
      organisationId: practiceId,
      programmeName: b.programme.name,
      status: 'pending',
      abilities: { canApprove: true, canDecline: true, canWithdraw: false },
    });
    const selfApproval = await bCoordinator.post(`/api/programme-links/${request.id}/approve`, {
      version: request.version,
    });
    expect(selfApproval.status).toBe(403);
    const otherPractice = await buildUser(t.db, {
      role: 'referrer',
      organisationId: (await buildOrganisation(t.db, { type: 'gp_practice' })).id,
    });
    const stranger = await signedIn(otherPractice);
    expect((await stranger.get('/api/programme-links')).body.requests).toEqual([]);
    expect(
      (await stranger.post(`/api/programme-links/${request.id}/approve`, { version: request.version }))
        .status,
    ).toBe(404);
    const stillPending = await gp.post('/api/referrals', referralBody(postcode));
    expect(stillPending.body.programme.id).toBe(a.programme.id);

    // The practice approves: from now on its referrals go to B, and the record says why.
    const approved = await gp.post(`/api/programme-links/${request.id}/approve`, {
      version: request.version,
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedByName: a.referrer.user.name });
    const toB = await gp.post('/api/referrals', referralBody(postcode));
    expect(toB.status).toBe(201);
    expect(toB.body.programme.id).toBe(b.programme.id);
    const record = await bCoordinator.get(`/api/referrals/${toB.body.id}`);
    expect(record.status).toBe(200);
    expect(record.body.route.basis).toBe('organisation');
    expect(record.body.route.explanation).toMatch(
      new RegExp(
        `^Referring organisation .+ is linked to ${b.programme.name} \\(approved by ${a.referrer.user.name} on \\d{1,2} \\w+ \\d{4}\\)\\.$`,
      ),
    );
    const audit = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.programmeId, b.programme.id));
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['programme_link.request', 'programme_link.approve']),
    );
    // Answered once: a second answer is refused.
    const again = await gp.post(`/api/programme-links/${request.id}/decline`, {
      version: approved.body.version,
    });
    expect(again.status).toBe(409);
  });

  it('refuses a request for a practice already linked to another programme, naming that programme', async () => {
    const a = await teamCovering('Croydon');
    const b = await teamCovering('Sutton');
    const practiceId = a.referrer.user.organisationId!;
    await linkReferringOrganisation(t.db, { programmeId: a.programme.id, organisationId: practiceId });
    const bCoordinator = await signedIn(b.coordinator);
    const refused = await bCoordinator.post(`/api/admin/programmes/${b.programme.id}/link-requests`, {
      organisationId: practiceId,
    });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors[0].field).toBe('organisationId');
    expect(refused.body.detail).toContain(a.programme.name);
    expect(refused.body.conflictingProgramme).toEqual({ id: a.programme.id, name: a.programme.name });
    const viaPatch = await bCoordinator.patch(`/api/admin/programmes/${b.programme.id}`, {
      version: (await programmeRow(b.programme.id)).version,
      referringOrganisationIds: [practiceId],
    });
    expect(viaPatch.status).toBe(409);
    expect(viaPatch.body.errors[0].field).toBe('referringOrganisationIds');
    expect((await programmeRow(b.programme.id)).version).toBe(1);
    const routed = await (
      await signedIn(a.referrer)
    ).post('/api/referrals', referralBody(await postcodeIn('Sutton')));
    expect(routed.body.programme.id).toBe(a.programme.id);
  });

  it('lets the programme withdraw and the practice decline, and neither links anything', async () => {
    const a = await teamCovering('Havering');
    const practiceId = a.referrer.user.organisationId!;
    const coordinator = await signedIn(a.coordinator);
    const first = await coordinator.post(`/api/admin/programmes/${a.programme.id}/link-requests`, {
      organisationId: practiceId,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'pending',
      abilities: { canWithdraw: true, canApprove: false },
    });
    const withdrawn = await coordinator.post(`/api/programme-links/${first.body.id}/withdraw`, {
      version: first.body.version,
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    const second = await coordinator.post(`/api/admin/programmes/${a.programme.id}/link-requests`, {
      organisationId: practiceId,
    });
    const declined = await (
      await signedIn(a.referrer)
    ).post(`/api/programme-links/${second.body.id}/decline`, {
      version: second.body.version,
      note: 'We refer to our own borough’s service.',
    });
    expect(declined.body).toMatchObject({
      status: 'declined',
      decisionNote: 'We refer to our own borough’s service.',
    });
    const [links] = await t.db
      .select({ n: count() })
      .from(programmeReferringOrganisations)
      .where(eq(programmeReferringOrganisations.organisationId, practiceId));
    expect(links!.n).toBe(0);
  });

  it('lets a platform admin link at once', async () => {
    const a = await teamCovering('Barnet');
    const practiceId = a.referrer.user.organisationId!;
    const linked = await admin.patch(`/api/admin/programmes/${a.programme.id}`, {
      version: (await programmeRow(a.programme.id)).version,
      referringOrganisationIds: [practiceId],
    });
    expect(linked.status).toBe(200);
    expect(linked.body.referringOrganisationIds).toEqual([practiceId]);
    expect(linked.body.pendingReferringOrganisationIds).toEqual([]);
    const routed = await (
      await signedIn(a.referrer)
    ).post('/api/referrals', referralBody(await postcodeIn('Bexley')));
    expect(routed.body.programme.id).toBe(a.programme.id);
    const record = await (await signedIn(a.coordinator)).get(`/api/referrals/${routed.body.id}`);
    expect(record.body.route.explanation).toMatch(
      /\(approved by platform admin .+ on \d{1,2} \w+ \d{4}\)\.$/,
    );
  });
});

describe('programme areas never overlap', () => {
  it('refuses a coordinator claiming another programme’s borough, naming the field and the programme', async () => {
    const a = await teamCovering('Kingston upon Thames');
    const b = await teamCovering('Richmond upon Thames');
    const bCoordinator = await signedIn(b.coordinator);
    const claim = await bCoordinator.patch(`/api/admin/programmes/${b.programme.id}`, {
      version: 1,
      areas: ['Richmond upon Thames', 'kingston upon thames'],
    });
    expect(claim.status).toBe(409);
    expect(claim.headers.get('content-type')).toContain('application/problem+json');
    expect(claim.body.errors).toEqual([expect.objectContaining({ field: 'areas' })]);
    expect(claim.body.detail).toContain(a.programme.name);
    expect(claim.body.conflictingProgramme).toEqual({ id: a.programme.id, name: a.programme.name });
    // A district of a borough covered whole is claimed too.
    const district = await bCoordinator.patch(`/api/admin/programmes/${b.programme.id}`, {
      version: 1,
      areas: ['Kingston upon Thames'],
      postcodeDistricts: ['KT1'],
    });
    expect(district.status).toBe(409);
    expect(await programmeRow(b.programme.id)).toMatchObject({
      version: 1,
      areas: ['Richmond upon Thames'],
      postcodeDistricts: [],
    });
    // Not even a platform admin makes an overlap; a new programme may not claim it either.
    expect(
      (
        await admin.patch(`/api/admin/programmes/${b.programme.id}`, {
          version: 1,
          areas: ['Kingston upon Thames'],
        })
      ).status,
    ).toBe(409);
    const created = await admin.post('/api/admin/programmes', {
      name: 'Claims Kingston',
      slug: `claims-kingston-${Date.now()}`,
      hostOrganisationId: b.programme.hostOrganisationId,
      areas: ['Kingston upon Thames'],
    });
    expect(created.status).toBe(409);
    expect(created.body.errors[0].field).toBe('areas');
  });

  it('allows an explicit split of one borough by postcode district, and refuses a shared district', async () => {
    const postcode = await postcodeIn('Merton');
    const district = postcode.split(' ')[0]!;
    const a = await teamCovering('Merton', [district]);
    const b = await teamCovering('Hounslow');
    const bCoordinator = await signedIn(b.coordinator);
    const shared = await bCoordinator.patch(`/api/admin/programmes/${b.programme.id}`, {
      version: 1,
      areas: ['Merton'],
      postcodeDistricts: ['ZZ9', district],
    });
    expect(shared.status).toBe(409);
    expect(shared.body.errors[0].field).toBe('postcodeDistricts');
    expect(shared.body.detail).toContain(
      `Postcode district ${district} is already covered by ${a.programme.name}`,
    );
    const split = await bCoordinator.patch(`/api/admin/programmes/${b.programme.id}`, {
      version: 1,
      areas: ['Merton'],
      postcodeDistricts: ['ZZ9'],
    });
    expect(split.status).toBe(200);
    const routed = await (await signedIn(b.referrer)).post('/api/referrals', referralBody(postcode));
    expect(routed.status).toBe(201);
    expect(routed.body.programme.id).toBe(a.programme.id);
    const record = await (await signedIn(a.coordinator)).get(`/api/referrals/${routed.body.id}`);
    expect(record.body.route).toEqual({
      basis: 'postcode',
      explanation: `Postcode ${postcode} is in Merton, district ${district}, covered by ${a.programme.name}.`,
    });
  });

  it('refuses to pick between two programmes that already cover the same place, writing nothing', async () => {
    // Set up before the rule existed (straight into the database): routing must not choose by age.
    await teamCovering('Ealing');
    await teamCovering('Ealing');
    const gpOrg = await buildOrganisation(t.db, { type: 'gp_practice' });
    const referrer = await buildUser(t.db, { role: 'referrer', organisationId: gpOrg.id });
    const [before] = await t.db.select({ n: count() }).from(referrals);
    const refused = await (
      await signedIn(referrer)
    ).post('/api/referrals', referralBody(await postcodeIn('Ealing')));
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].field).toBe('person.postcode');
    expect(refused.body.detail).toContain('More than one programme covers');
    expect(await t.db.select({ n: count() }).from(referrals)).toEqual([before]);
  });
});

describe('a referral shows its route', () => {
  it('explains a postcode route to the programme’s staff', async () => {
    const a = await teamCovering('Greenwich');
    const postcode = await postcodeIn('Greenwich');
    const unlinked = await buildUser(t.db, {
      role: 'referrer',
      organisationId: (await buildOrganisation(t.db, { type: 'gp_practice' })).id,
    });
    const made = await (await signedIn(unlinked)).post('/api/referrals', referralBody(postcode));
    expect(made.status).toBe(201);
    const record = await (await signedIn(a.coordinator)).get(`/api/referrals/${made.body.id}`);
    expect(record.body.route).toEqual({
      basis: 'postcode',
      explanation: `Postcode ${postcode} is in Greenwich, covered by ${a.programme.name}.`,
    });
    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, made.body.id));
    expect(row).toMatchObject({
      routingBasis: 'postcode',
      routingExplanation: record.body.route.explanation,
    });
  });
});
