// The closed vocabularies (src/vocabulary) are held by the database too (migrations 0018, 0019): a value
// outside a column's list is refused by the database itself, whatever path writes it, and the row
// keeps its value. The same arrays type the Drizzle columns, so the lists cannot drift apart.
import { eq, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/client';
import * as schema from '../src/db/schema';
import { people, referrals, users } from '../src/db/schema';
import { referralStatuses } from '../src/vocabulary/referral';
import { openTestDatabase, type TestDatabase } from './support/database';
import { buildOrganisation, buildProgramme, buildService, buildUser } from './support/factories';
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

// Migrations 0018's, 0019's and 0020's constraints (schema.ts declares each with isOneOf or check).
const constrained = [
  'attendances_status_check',
  'borough_population_age_band_check',
  'borough_population_sex_check',
  'contact_attempts_mode_check',
  'contact_attempts_outcome_check',
  'demand_assumptions_scope_check',
  'demand_assumptions_social_share_check',
  'health_service_use_period_check',
  'health_service_use_source_check',
  'locations_location_type_check',
  'measure_links_channel_check',
  'measure_links_timepoint_check',
  'measures_source_check',
  'measures_timepoint_check',
  'notifications_channel_check',
  'notifications_status_check',
  'onward_referrals_decline_reason_check',
  'onward_referrals_status_check',
  'organisations_type_check',
  'people_carer_check',
  'people_disability_check',
  'people_ethnicity_check',
  'people_gender_identity_same_check',
  'people_imd_decile_check',
  'people_preferred_channel_check',
  'people_sex_check',
  'programme_link_requests_status_check',
  'reach_targets_people_per_year_check',
  'referrals_closure_reason_check',
  'referrals_consent_method_check',
  'referrals_referrer_notify_by_check',
  'referrals_rejection_reason_check',
  'referrals_routing_basis_check',
  'referrals_source_type_check',
  'referrals_status_check',
  'referrals_urgency_check',
  'service_languages_kind_check',
  'service_reports_status_check',
  'service_revisions_status_check',
  'services_status_check',
  'tasks_kind_check',
  'unmet_needs_need_check',
  'unmet_needs_reason_check',
  'users_role_check',
  'webhook_deliveries_status_check',
  'webhook_subscriptions_kind_check',
  'webhook_subscriptions_status_check',
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

  it('are the CHECKs schema.ts declares, and the only ones in the database (schema.ts is the truth)', async () => {
    const declared = Object.values(schema as Record<string, unknown>)
      .filter((value): value is PgTable => value instanceof PgTable)
      .flatMap((table) => getTableConfig(table).checks.map((check) => check.name))
      .sort();
    expect(declared).toEqual(constrained);
    const inDatabase = await queryRows<{ conname: string }>(
      database.db,
      sql`select c.conname from pg_constraint c join pg_namespace n on n.oid = c.connamespace
          where c.contype = 'c' and n.nspname = 'public' order by c.conname`,
    );
    expect(inDatabase.map((row) => row.conname)).toEqual(constrained);
  });

  it('refuse a role, organisation type, service status, routing basis, need, task kind or channel outside the vocabulary (migration 0019)', async () => {
    const programme = await buildProgramme(database.db);
    const referral = await buildReferral(database.db, { programmeId: programme.id });
    const { user } = await buildUser(database.db, { role: 'link_worker', programmeId: programme.id });
    const organisation = await buildOrganisation(database.db, { type: 'gp_practice' });
    const serviceId = await buildService(database.db);
    const refusals: [write: ReturnType<typeof sql>, constraint: string][] = [
      [sql`update users set role = 'superuser' where id = ${user.id}`, 'users_role_check'],
      [
        sql`update organisations set type = 'pharmacy' where id = ${organisation.id}`,
        'organisations_type_check',
      ],
      [sql`update services set status = 'closed' where id = ${serviceId}`, 'services_status_check'],
      [
        sql`update referrals set routing_basis = 'age' where id = ${referral.id}`,
        'referrals_routing_basis_check',
      ],
      [
        sql`insert into unmet_needs (programme_id, referral_id, need, reason)
            values (${programme.id}, ${referral.id}, 'astrology', 'no_service')`,
        'unmet_needs_need_check',
      ],
      [
        sql`insert into tasks (programme_id, referral_id, kind, title, due_at)
            values (${programme.id}, ${referral.id}, 'chores', 'Chores', now())`,
        'tasks_kind_check',
      ],
      [
        sql`insert into notifications (channel, recipient, template, body)
            values ('pigeon', 'someone@example.test', 'test', 'Hello')`,
        'notifications_channel_check',
      ],
    ];
    for (const [write, constraint] of refusals)
      expect(await refusal(database.db.execute(write))).toContain(constraint);
    const [after] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(after?.role).toBe('link_worker');
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
