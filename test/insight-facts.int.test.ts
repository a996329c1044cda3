// referral_facts is kept current by database triggers (migration 0021), whatever path writes: these
// writes go straight to the tables, as the demo seed and a bulk import would, and the facts follow.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measures, people, referralEvents, referralFacts, referrals } from '../src/db/schema';
import { openTestDatabase, type TestDatabase } from './support/database';
import { buildOrganisation, buildPerson, buildProgramme, buildService } from './support/factories';
import { buildOnwardReferral, buildReferral } from './support/referral-factories';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function factsOf(referralId: string) {
  const [row] = await database.db
    .select()
    .from(referralFacts)
    .where(eq(referralFacts.referralId, referralId));
  return row!;
}

async function recordEvent(
  referral: typeof referrals.$inferSelect,
  event: { toStatus: string; occurredAt: Date; onwardReferralId?: string },
) {
  await database.db.insert(referralEvents).values({
    programmeId: referral.programmeId,
    referralId: referral.id,
    onwardReferralId: event.onwardReferralId ?? null,
    type: event.onwardReferralId ? `onward.${event.toStatus}` : `referral.${event.toStatus}`,
    toStatus: event.toStatus,
    actorLabel: 'Test',
    occurredAt: event.occurredAt,
  });
}

describe('referral facts (database triggers)', () => {
  it('follow a referral from receipt to completion, with the person’s answers and area', async () => {
    const programme = await buildProgramme(database.db);
    const person = await buildPerson(database.db, { programmeId: programme.id });
    await database.db
      .update(people)
      .set({
        sex: 'female',
        ethnicity: 'black_caribbean',
        lsoaCode: 'E01001234',
        boroughCode: 'E09000014',
        imdDecile: 2,
      })
      .where(eq(people.id, person.id));
    const gp = await buildOrganisation(database.db, { type: 'gp_practice' });
    const referral = await buildReferral(database.db, {
      programmeId: programme.id,
      personId: person.id,
      referringOrganisationId: gp.id,
    });

    const received = await factsOf(referral.id);
    expect(received).toMatchObject({
      programmeId: programme.id,
      sourceType: 'gp_practice',
      referringOrganisationId: gp.id,
      status: 'received',
      sex: 'female',
      ethnicity: 'black_caribbean',
      boroughCode: 'E09000014',
      imdDecile: 2,
      hasPostcode: true,
      hasEthnicity: true,
      hasBaselineMeasure: false,
      engagedAt: null,
      connectedAt: null,
      onwardReferrals: 0,
    });
    // Born 12 April 1950: 70 or more at any receipt date from 2020 on.
    expect(['65-74', '75-84', '85+']).toContain(received.ageBand);

    const engagedAt = new Date('2026-01-10T10:00:00Z');
    await database.db.update(referrals).set({ status: 'in_progress' }).where(eq(referrals.id, referral.id));
    await recordEvent(referral, { toStatus: 'in_progress', occurredAt: new Date('2026-01-12T10:00:00Z') });
    // A backdated event counts from when it happened.
    await recordEvent(referral, { toStatus: 'in_progress', occurredAt: engagedAt });

    const providerOrganisation = await buildOrganisation(database.db, { type: 'vcse' });
    const serviceId = await buildService(database.db);
    const onward = await buildOnwardReferral(database.db, {
      referral,
      serviceId,
      providerOrganisationId: providerOrganisation.id,
    });
    const connectedAt = new Date('2026-02-01T09:00:00Z');
    await recordEvent(referral, {
      toStatus: 'declined',
      occurredAt: new Date('2026-01-20T09:00:00Z'),
      onwardReferralId: onward.id,
    });
    await recordEvent(referral, {
      toStatus: 'accepted',
      occurredAt: connectedAt,
      onwardReferralId: onward.id,
    });
    await database.db.insert(measures).values({
      programmeId: programme.id,
      referralId: referral.id,
      personId: person.id,
      instrumentKey: 'ons4',
      instrumentVersion: '1',
      timepoint: 'baseline',
      completedOn: '2026-01-10',
      answers: {},
      isComplete: true,
      source: 'link_worker',
    });
    const closedAt = new Date('2026-03-01T12:00:00Z');
    await database.db
      .update(referrals)
      .set({ status: 'completed', closureReason: 'connected_to_services', closedAt })
      .where(eq(referrals.id, referral.id));

    expect(await factsOf(referral.id)).toMatchObject({
      status: 'completed',
      engagedAt,
      connectedAt,
      completedAt: closedAt,
      closedAt,
      closureReason: 'connected_to_services',
      onwardReferrals: 1,
      hasBaselineMeasure: true,
    });
  });

  it('count as completed only a planned end (goals met, connected), not every closure', async () => {
    const programme = await buildProgramme(database.db);
    const closedAt = new Date('2026-03-01T12:00:00Z');
    const [unreachable, met] = [
      await buildReferral(database.db, { programmeId: programme.id }),
      await buildReferral(database.db, { programmeId: programme.id }),
    ];
    await database.db
      .update(referrals)
      .set({ status: 'completed', closureReason: 'unable_to_contact', closedAt })
      .where(eq(referrals.id, unreachable.id));
    await database.db
      .update(referrals)
      .set({ status: 'completed', closureReason: 'goals_met', closedAt })
      .where(eq(referrals.id, met.id));
    expect(await factsOf(unreachable.id)).toMatchObject({
      status: 'completed',
      closedAt,
      closureReason: 'unable_to_contact',
      completedAt: null,
    });
    expect((await factsOf(met.id)).completedAt).toEqual(closedAt);
  });

  it('move with the person when their answers or area change, and go when the referral goes', async () => {
    const programme = await buildProgramme(database.db);
    const person = await buildPerson(database.db, { programmeId: programme.id });
    const first = await buildReferral(database.db, { programmeId: programme.id, personId: person.id });
    const second = await buildReferral(database.db, { programmeId: programme.id, personId: person.id });
    expect((await factsOf(first.id)).ethnicity).toBeNull();

    await database.db
      .update(people)
      .set({ ethnicity: 'prefer_not_to_say', postcode: null, imdDecile: 9 })
      .where(eq(people.id, person.id));
    for (const referral of [first, second]) {
      expect(await factsOf(referral.id)).toMatchObject({
        ethnicity: 'prefer_not_to_say',
        hasEthnicity: true,
        hasPostcode: false,
        imdDecile: 9,
      });
    }
  });
});
