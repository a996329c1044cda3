// The database schema, in Drizzle's table builder. `npm run db:generate` turns changes here
// into a new SQL migration in ./migrations; migrations are never edited after they land.
// Personal-data tables carry programme_id (the tenant) and version (optimistic locking) from day one.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    // gp_practice | hospital_trust | council | vcse | advice_agency | cvs | housing_association | icb
    type: text('type').notNull(),
    odsCode: text('ods_code'),
    borough: text('borough'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('organisations_ods_code_key').on(t.odsCode),
    index('organisations_name_idx').on(t.name),
  ],
);

export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    hostOrganisationId: uuid('host_organisation_id')
      .notNull()
      .references(() => organisations.id),
    // Borough names the programme covers; postcode districts can narrow it (e.g. 'SW19').
    areas: text('areas')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    postcodeDistricts: text('postcode_districts')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Programme settings (targets, windows); defaults live in code so old rows keep working.
    settings: jsonb('settings').notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [uniqueIndex('programmes_slug_key').on(t.slug)],
);

export const programmeReferringOrganisations = pgTable(
  'programme_referring_organisations',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.organisationId] })],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    // platform_admin | coordinator | link_worker | buddy | referrer | provider_staff | commissioner
    role: text('role').notNull(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    programmeId: uuid('programme_id').references(() => programmes.id),
    passwordHash: text('password_hash').notNull(),
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    // The last 30-second step a code was accepted for: a code cannot be replayed within its window.
    totpLastUsedStep: integer('totp_last_used_step'),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_programme_idx').on(t.programmeId),
    index('users_organisation_idx').on(t.organisationId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    // SHA-256 of the cookie token: a leaked table cannot be replayed as cookies.
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    // A session that has passed the password but not yet the TOTP step.
    isMfaPending: boolean('is_mfa_pending').notNull().default(false),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const passwordResetTokens = pgTable('password_reset_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const apiClients = pgTable(
  'api_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    // First characters of the key, shown to admins to tell keys apart; the key itself is never stored.
    keyPrefix: text('key_prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_clients_key_hash_key').on(t.keyHash)],
);

// Append-only: triggers in migration 0001 refuse UPDATE, DELETE and TRUNCATE.
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    // user | api_client | citizen | system
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    programmeId: uuid('programme_id'),
    requestId: text('request_id'),
    ip: text('ip'),
    details: jsonb('details').notNull().default({}),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_actor_idx').on(t.actorId),
    index('audit_events_programme_idx').on(t.programmeId, t.at),
  ],
);

// The notification outbox: rows are written in the same transaction as the change that causes
// them and delivered afterwards by the worker (src/notify), so a failed send never rolls back work.
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel').notNull(), // email | sms
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    subject: text('subject').notNull().default(''),
    body: text('body').notNull(),
    personalisation: jsonb('personalisation').notNull().default({}),
    programmeId: uuid('programme_id'),
    // queued | sending | sent | failed
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    provider: text('provider'),
    providerReference: text('provider_reference'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_due_idx').on(t.status, t.nextAttemptAt),
    index('notifications_created_idx').on(t.createdAt),
  ],
);

// Remembered responses to create requests that carried an Idempotency-Key, so a retry returns the
// first result instead of creating twice.
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorKey: text('actor_key').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: jsonb('response_body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.actorKey, t.key] })],
);

// A person receiving support. Personal data: every read and write is authorised and audited.
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    nhsNumber: text('nhs_number'),
    email: text('email'),
    phone: text('phone'),
    preferredChannel: text('preferred_channel'), // phone | sms | email | letter
    addressLine: text('address_line'),
    postcode: text('postcode'),
    language: text('language'),
    needsInterpreter: boolean('needs_interpreter').notNull().default(false),
    // The link worker whose caseload the person is on (relationship for the policy engine).
    assignedLinkWorkerId: uuid('assigned_link_worker_id').references(() => users.id),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('people_programme_idx').on(t.programmeId, t.familyName),
    index('people_nhs_number_idx').on(t.programmeId, t.nhsNumber),
  ],
);
