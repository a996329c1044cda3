// The closed vocabularies (src/vocabulary) are held by the database too (migration 0018): a value
// outside a column's list is refused by the database itself, whatever path writes it, and the row
// keeps its value. The same arrays type the Drizzle columns, so the lists cannot drift apart.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client';
import { people, referrals } from '../src/db/schema';
import { referralStatuses } from '../src/vocabulary/referral';
import { openTestDatabase, type TestDatabase } from './support/database';
import { buildProgramme } from './support/factories';
import { buildReferral } from './support/referral-factories';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** The database's own message, under Drizzle's "Failed query" wrapper. */
async function refusal(write: Promise<unknown>): Promise<string> {
  try {
    await write;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? String(error);
  }
  throw new Error('the write was accepted');
}

const constrained = [
  'attendances_status_check',
  'contact_attempts_mode_check',
  'contact_attempts_outcome_check',
  'measure_links_timepoint_check',
  'measures_timepoint_check',
  'onward_referrals_decline_reason_check',
  'onward_referrals_status_check',
  'people_preferred_channel_check',
  'referrals_closure_reason_check',
  'referrals_consent_method_check',
  'referrals_referrer_notify_by_check',
  'referrals_rejection_reason_check',
  'referrals_source_type_check',
  'referrals_status_check',
  'referrals_urgency_check',
  'unmet_needs_reason_check',
];

describe('vocabulary CHECK constraints', () => {
  it('exist for every enum-like column typed from src/vocabulary', async () => {
    const rows = await queryRows<{ conname: string }>(
      database.db,
      sql`select conname from pg_constraint where contype = 'c' and conname = any(${sql.raw(
        `array[${constrained.map((name) => `'${name}'`).join(', ')}]`,
      )}) order by conname`,
    );
    expect(rows.map((row) => row.conname)).toEqual(constrained);
  });

  it('refuse a referral status, reason or urgency outside the vocabulary and keep the row as it was', async () => {
    const programme = await buildProgramme(database.db);
    const referral = await buildReferral(database.db, { programmeId: programme.id, status: 'in_progress' });
    const cases: [column: string, value: string][] = [
      ['status', 'closed'],
      ['closure_reason', 'finished'],
      ['rejection_reason', 'spam'],
      ['urgency', 'emergency'],
      ['source_type', 'pharmacy'],
      ['consent_method', 'self'],
      ['referrer_notify_by', 'fax'],
    ];
    for (const [column, value] of cases) {
      const message = await refusal(
        database.db.execute(
          sql`update referrals set ${sql.identifier(column)} = ${value} where id = ${referral.id}`,
        ),
      );
      expect(message).toContain(`referrals_${column}_check`);
    }
    const [after] = await database.db.select().from(referrals).where(eq(referrals.id, referral.id));
    expect(after).toMatchObject({ status: 'in_progress', closureReason: null, urgency: 'routine' });
  });

  it('accept every value of the vocabulary, and NULL where the column is optional', async () => {
    const programme = await buildProgramme(database.db);
    const referral = await buildReferral(database.db, { programmeId: programme.id });
    for (const status of referralStatuses)
      await database.db
        .update(referrals)
        .set({ status, closureReason: null })
        .where(eq(referrals.id, referral.id));
    const message = await refusal(
      database.db.execute(
        sql`update people set preferred_channel = 'pigeon' where id = ${referral.personId}`,
      ),
    );
    expect(message).toContain('people_preferred_channel_check');
    await database.db.update(people).set({ preferredChannel: null }).where(eq(people.id, referral.personId));
  });
});
