// The evaluation fixture cohort (test/fixtures/evaluation/cohort.json: people, referrals, measures
// and GP/A&E use whose figures SciPy computed) seeded into one programme. Shared by the evaluation
// PDF, programme-list and browser tests; the report's own test keeps its copy beside its assertions.
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../src/db/client';
import { healthServiceUse, measures, people, referrals } from '../../src/db/schema';
import type { Timepoint } from '../../src/vocabulary/outcomes';
import type { ClosureReason } from '../../src/vocabulary/referral';
import { buildReferral } from './referral-factories';

export type EvaluationFixturePerson = {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nhsNumber: string;
  email: string;
  phone: string;
  addressLine: string;
  postcode: string;
  referral: {
    status: 'completed' | 'in_progress';
    closureReason: ClosureReason | null;
    receivedDaysAgo: number;
    reasonText: string;
    statusNote: string | null;
    outcomeSummary: string | null;
  };
  measures: {
    instrument: string;
    timepoint: Timepoint;
    completedDaysAgo: number;
    rawTotal: number | null;
    metricScore: number | null;
    itemScores: Record<string, number>;
  }[];
  healthUse: { period: 'before' | 'after'; windowMonths: number; gp: number; ae: number }[];
};

export const evaluationFixturePeople = (
  JSON.parse(readFileSync(new URL('../fixtures/evaluation/cohort.json', import.meta.url), 'utf8')) as {
    people: EvaluationFixturePerson[];
  }
).people;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Inserts the cohort (all of the fixture unless told) into one programme. */
export async function seedEvaluationCohort(
  db: Executor,
  programmeId: string,
  cohort: readonly EvaluationFixturePerson[] = evaluationFixturePeople,
): Promise<{ personId: string; referralId: string }[]> {
  const seeded: { personId: string; referralId: string }[] = [];
  for (const person of cohort) {
    const [row] = await db
      .insert(people)
      .values({
        programmeId,
        givenName: person.givenName,
        familyName: person.familyName,
        dateOfBirth: person.dateOfBirth,
        nhsNumber: person.nhsNumber,
        email: person.email,
        phone: person.phone,
        addressLine: person.addressLine,
        postcode: person.postcode,
      })
      .returning();
    const personId = row!.id;
    const referral = await buildReferral(db, { programmeId, personId, status: person.referral.status });
    await db
      .update(referrals)
      .set({
        receivedAt: daysAgo(person.referral.receivedDaysAgo),
        closureReason: person.referral.closureReason,
        closedAt: person.referral.status === 'completed' ? daysAgo(10) : null,
        reasonText: person.referral.reasonText,
        statusNote: person.referral.statusNote,
        outcomeSummary: person.referral.outcomeSummary,
      })
      .where(eq(referrals.id, referral.id));
    for (const measure of person.measures) {
      await db.insert(measures).values({
        programmeId,
        referralId: referral.id,
        personId,
        instrumentKey: measure.instrument,
        instrumentVersion: '1',
        timepoint: measure.timepoint,
        completedOn: isoDay(daysAgo(measure.completedDaysAgo)),
        answers: {},
        itemScores: measure.itemScores,
        rawTotal: measure.rawTotal,
        metricScore: measure.metricScore,
        isComplete: true,
        source: 'link_worker',
      });
    }
    for (const use of person.healthUse) {
      await db.insert(healthServiceUse).values({
        programmeId,
        referralId: referral.id,
        personId,
        period: use.period,
        windowMonths: use.windowMonths,
        gpAppointments: use.gp,
        aeAttendances: use.ae,
        source: 'link_worker',
      });
    }
    seeded.push({ personId, referralId: referral.id });
  }
  return seeded;
}
