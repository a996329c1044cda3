// The link worker's duplicate review over real HTTP: a referral whose NHS number belongs to a known
// person with other details lists that person on its record (possibleDuplicates: name, date of
// birth, why), with the known person's latest referral to compare only when the actor may open it
// (the policy's answer, so the web app shows a link only where the server would serve the record).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, programmeReferringOrganisations, referrals } from '../src/db/schema';
import { startTestApp, type TestApp } from './support/app';
import { buildProgrammeWithTeam } from './support/factories';
import { HttpClient } from './support/http-client';
import { buildReferral } from './support/referral-factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
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

/** A known person with a referral in the triage queue, and a GP referral with their NHS number but another date of birth. */
async function conflictingReferral() {
  const team = await buildProgrammeWithTeam(t.db);
  const gpId = team.referrer.user.organisationId!;
  await t.db
    .insert(programmeReferringOrganisations)
    .values({ programmeId: team.programme.id, organisationId: gpId });
  const [known] = await t.db
    .insert(people)
    .values({
      programmeId: team.programme.id,
      givenName: 'Ada',
      familyName: `Lovelace${Date.now() % 100000}`,
      dateOfBirth: '1950-04-12',
      nhsNumber: '9434765919',
      postcode: 'N17 6HB',
    })
    .returning();
  const knownReferral = await buildReferral(t.db, { programmeId: team.programme.id, personId: known!.id });
  const gp = await signedIn(team.referrer);
  const sent = await gp.post('/api/referrals', {
    person: {
      givenName: 'Zed',
      familyName: 'Probe',
      dateOfBirth: '1980-01-01',
      nhsNumber: '943 476 5919',
      postcode: 'N17 6HB',
    },
    needs: ['loneliness'],
    reasonText: 'Lonely since moving here.',
    consent: { toReferral: true, toShare: true, sharedFields: ['needs'], method: 'verbal' },
    referrer: {},
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return { team, gp, known: known!, knownReferral, sent: sent.body as { id: string } };
}

describe('duplicate review on the referral record', () => {
  it('lists the known person with the same NHS number, why, and their referral when the link worker may open it', async () => {
    const { team, known, knownReferral, sent } = await conflictingReferral();
    const linkWorker = await signedIn(team.linkWorker);
    const record = await linkWorker.get(`/api/referrals/${sent.id}`);
    expect(record.status, JSON.stringify(record.body)).toBe(200);
    // The known person's referral is in the triage queue, which every link worker may open.
    expect(record.body.possibleDuplicates).toEqual([
      {
        personId: known.id,
        name: `Ada ${known.familyName}`,
        dateOfBirth: '1950-04-12',
        reason: 'nhs_number_conflict',
        canOpen: true,
        referralId: knownReferral.id,
      },
    ]);
    const opened = await linkWorker.get(`/api/referrals/${knownReferral.id}`);
    expect(opened.status).toBe(200);
  });

  it('gives no referral to open when the known person is on another link worker’s caseload, and the coordinator may open it', async () => {
    const { team, known, knownReferral, sent } = await conflictingReferral();
    await t.db
      .update(referrals)
      .set({ status: 'accepted', assignedLinkWorkerId: team.otherLinkWorker.user.id })
      .where(eq(referrals.id, knownReferral.id));
    const linkWorker = await signedIn(team.linkWorker);
    const record = await linkWorker.get(`/api/referrals/${sent.id}`);
    expect(record.body.possibleDuplicates).toEqual([
      expect.objectContaining({ personId: known.id, canOpen: false, referralId: null }),
    ]);
    // The server agrees: without a reason the link worker is refused that referral.
    expect((await linkWorker.get(`/api/referrals/${knownReferral.id}`)).status).toBe(403);

    const coordinator = await signedIn(team.coordinator);
    const seen = await coordinator.get(`/api/referrals/${sent.id}`);
    expect(seen.body.possibleDuplicates).toEqual([
      expect.objectContaining({ personId: known.id, canOpen: true, referralId: knownReferral.id }),
    ]);
  });

  it('lists nobody on a referral intake did not flag, and never shows the referrer who else is known', async () => {
    const { team, gp, known, knownReferral, sent } = await conflictingReferral();
    const linkWorker = await signedIn(team.linkWorker);
    const plain = await linkWorker.get(`/api/referrals/${knownReferral.id}`);
    expect(plain.body.possibleDuplicates).toEqual([]);
    const view = await gp.get(`/api/referrals/sent/${sent.id}`);
    expect(view.status).toBe(200);
    expect(JSON.stringify(view.body)).not.toContain(known.id);
    expect(JSON.stringify(view.body)).not.toContain(known.familyName);
  });
});
