// The database schema, in Drizzle's table builder. `npm run db:generate` turns changes here
// into a new SQL migration in ./migrations (or finds nothing to do: meta/0019_snapshot.json is this
// file as of the last migration); migrations are never edited after they land.
// Personal-data tables carry programme_id (the tenant) and version (optimistic locking) from day one.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  customType,
  doublePrecision,
  numeric,
  smallint,
  time,
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

// The closed vocabularies (src/vocabulary imports nothing, so the schema stays free of app code):
// they type the columns here, and migrations 0018 and 0019 hold each column to its list with a CHECK
// that isOneOf declares too, so this file is the truth drizzle-kit compares against.
import { organisationTypes, roles } from '../vocabulary/access';
import { contactChannels, contactModes, contactOutcomes } from '../vocabulary/contact';
import {
  ageBands,
  carerAnswers,
  disabilityAnswers,
  ethnicities,
  genderIdentitySameAnswers,
  sexes,
} from '../vocabulary/demographics';
import {
  locationTypes,
  serviceLanguageKinds,
  serviceReportStatuses,
  serviceRevisionStatuses,
  serviceStatuses,
} from '../vocabulary/directory';
import { needDomainCodes } from '../vocabulary/needs';
import { notificationChannels, notificationStatuses } from '../vocabulary/notify';
import {
  attendanceStatuses,
  declineReasons,
  onwardReferralStatuses,
  unmetNeedReasons,
} from '../vocabulary/onward';
import {
  healthUsePeriods,
  healthUseSources,
  measureLinkChannels,
  measureSources,
  timepoints,
} from '../vocabulary/outcomes';
import { linkRequestStatuses } from '../vocabulary/programmes';
import {
  closureReasons,
  consentMethods,
  referralStatuses,
  referrerNotifyChoices,
  rejectionReasons,
  routingBases,
  sourceTypes,
  taskKinds,
  urgencies,
} from '../vocabulary/referral';
import {
  webhookDeliveryStatuses,
  webhookSubscriptionKinds,
  webhookSubscriptionStatuses,
} from '../vocabulary/webhooks';

/**
 * The CHECK that holds an enum-like column to its vocabulary, named and worded as the hand-written
 * migrations (0018, 0019) create it. A value added to a vocabulary changes this constraint, so
 * `npm run db:generate` writes the migration that lets the database accept it. NULL passes a CHECK,
 * so nullable columns stay nullable. The values are the vocabulary's own constants (no quotes).
 */
function isOneOf(table: string, column: string, values: readonly string[]) {
  const list = values.map((value) => `'${value}'`).join(', ');
  return check(`${table}_${column}_check`, sql`${sql.identifier(column)} IN (${sql.raw(list)})`);
}

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    type: text('type', { enum: organisationTypes }).notNull(),
    odsCode: text('ods_code'),
    borough: text('borough'),
    // Directory fields (HSDS organization): shown on service pages and in the Open Referral API.
    description: text('description').notNull().default(''),
    email: text('email'),
    website: text('website'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    isOneOf('organisations', 'type', organisationTypes),
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
    // Keys the pseudonyms of the research export (hex, made on first export, never shown): stable
    // across exports, restarts and instances, and different per programme so exports never link.
    researchPseudonymKey: text('research_pseudonym_key'),
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
    // Only approved links are rows here (requests wait in programme_link_requests); who approved
    // and when, so a referral's route can say so. NULL on links made before migration 0015.
    approvedByUserId: uuid('approved_by_user_id').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.organisationId] }),
    index('programme_referring_organisations_organisation_idx').on(t.organisationId),
  ],
);

// A programme asking to receive an organisation's referrals: pending until one of the
// organisation's referrers (or a platform admin) approves or declines it, or the programme withdraws.
export const programmeLinkRequests = pgTable(
  'programme_link_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status', { enum: linkRequestStatuses }).notNull().default('pending'),
    requestedByUserId: uuid('requested_by_user_id').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    isOneOf('programme_link_requests', 'status', linkRequestStatuses),
    uniqueIndex('programme_link_requests_pending_key')
      .on(t.programmeId, t.organisationId)
      .where(sql`${t.status} = 'pending'`),
    index('programme_link_requests_organisation_idx').on(t.organisationId, t.status),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: roles }).notNull(),
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
    isOneOf('users', 'role', roles),
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
    // Public keys (JWKS) for OAuth2 client credentials with a signed JWT assertion; null: keys only.
    jwks: jsonb('jwks'),
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
    channel: text('channel', { enum: notificationChannels }).notNull(),
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    subject: text('subject').notNull().default(''),
    body: text('body').notNull(),
    personalisation: jsonb('personalisation').notNull().default({}),
    programmeId: uuid('programme_id'),
    status: text('status', { enum: notificationStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    provider: text('provider'),
    providerReference: text('provider_reference'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    // Queue order: two messages queued within one clock tick share created_at, so "newest first"
    // needs a tiebreak that follows insertion, which a random uuid does not.
    sequence: bigserial('sequence', { mode: 'number' }).notNull(),
  },
  (t) => [
    isOneOf('notifications', 'channel', notificationChannels),
    isOneOf('notifications', 'status', notificationStatuses),
    index('notifications_due_idx').on(t.status, t.nextAttemptAt),
    index('notifications_created_idx').on(t.createdAt),
    index('notifications_sequence_idx').on(t.sequence),
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

// ---------------------------------------------------------------------------------------------
// Directory of services (Open Referral UK / HSDS 3.0). Shared by all programmes: no programme_id.
// Tables and column names follow HSDS so the Open Referral API is a thin presenter over them.

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const taxonomies = pgTable('taxonomies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  uri: text('uri'),
  version: text('version'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const taxonomyTerms = pgTable(
  'taxonomy_terms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taxonomyId: uuid('taxonomy_id')
      .notNull()
      .references(() => taxonomies.id),
    // A stable human-readable code (e.g. 'connected.befriending'), used in URLs, CSV and seeds.
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    parentId: uuid('parent_id'),
    termUri: text('term_uri'),
    // Terms a programme added for itself; null for the shared Linkwell taxonomy.
    programmeId: uuid('programme_id').references(() => programmes.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('taxonomy_terms_code_key').on(t.taxonomyId, t.code),
    index('taxonomy_terms_parent_idx').on(t.parentId),
  ],
);

export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    url: text('url'),
    email: text('email'),
    // HSDS service status.
    status: text('status', { enum: serviceStatuses }).notNull().default('active'),
    feesDescription: text('fees_description'),
    isFree: boolean('is_free').notNull().default(true),
    accreditations: text('accreditations'),
    // Quality marks such as 'advice_quality_standard' or a programme's own kitemark.
    qualityMarks: text('quality_marks')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    eligibilityDescription: text('eligibility_description'),
    minimumAge: integer('minimum_age'),
    maximumAge: integer('maximum_age'),
    alert: text('alert'),
    // in_person | telephone | online | home_visit
    deliveryModes: text('delivery_modes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    howToAccess: text('how_to_access'),
    // Capacity (aligned with HSDS 3.1 service_capacity): is it taking referrals, and how full is it.
    isAcceptingReferrals: boolean('is_accepting_referrals').notNull().default(true),
    acceptsWaitingList: boolean('accepts_waiting_list').notNull().default(false),
    waitingTimeDays: integer('waiting_time_days'),
    placesAvailable: integer('places_available'),
    placesMaximum: integer('places_maximum'),
    capacityUpdatedAt: timestamp('capacity_updated_at', { withTimezone: true }),
    // Freshness: when someone last confirmed the entry is true, and who.
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
    lastVerifiedByUserId: uuid('last_verified_by_user_id').references(() => users.id),
    assuredDate: date('assured_date', { mode: 'string' }),
    assurerEmail: text('assurer_email'),
    // Text the search indexes: name, description, organisation and taxonomy names (kept by the writer).
    searchDocument: text('search_document').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('english', search_document)`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    isOneOf('services', 'status', serviceStatuses),
    index('services_organisation_idx').on(t.organisationId),
    index('services_search_vector_idx').using('gin', t.searchVector),
    index('services_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    index('services_last_verified_idx').on(t.lastVerifiedAt),
  ],
);

export const serviceTaxonomyTerms = pgTable(
  'service_taxonomy_terms',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    taxonomyTermId: uuid('taxonomy_term_id')
      .notNull()
      .references(() => taxonomyTerms.id),
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.taxonomyTermId] }),
    index('service_taxonomy_terms_term_idx').on(t.taxonomyTermId),
  ],
);

export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    locationType: text('location_type', { enum: locationTypes }).notNull().default('physical'),
    name: text('name'),
    description: text('description'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    address1: text('address_1'),
    city: text('city'),
    region: text('region'),
    postalCode: text('postal_code'),
    country: text('country').notNull().default('GB'),
    boroughCode: text('borough_code'),
    // How to get there: buses, stations, parking.
    transport: text('transport'),
    // Codes such as step_free_access, accessible_toilet, hearing_loop, quiet_space.
    accessibility: text('accessibility')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // Proximity search: a bounding box on this btree index, then exact haversine ordering.
  (t) => [
    isOneOf('locations', 'location_type', locationTypes),
    index('locations_lat_lng_idx').on(t.latitude, t.longitude),
  ],
);

export const serviceAtLocations = pgTable(
  'service_at_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    description: text('description'),
  },
  (t) => [
    index('service_at_locations_service_idx').on(t.serviceId),
    index('service_at_locations_location_idx').on(t.locationId),
  ],
);

/**
 * Search by place and text in one index scan: one row per (service, location) with the location's
 * point and a copy of the service's name and search vector. Derived data, rebuilt by
 * refreshSearchDocuments whenever a service (or a location it shares) is saved, so a proximity
 * search filters text on the rows in its bounding box without visiting each service.
 */
export const serviceSearchLocations = pgTable(
  'service_search_locations',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    name: text('name').notNull(),
    searchVector: tsvector('search_vector').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.locationId] }),
    index('service_search_locations_point_idx').on(t.latitude, t.longitude),
    index('service_search_locations_location_idx').on(t.locationId),
  ],
);

/** Regular opening times as HSDS schedules: one row per weekday and session (freq WEEKLY). */
export const schedules = pgTable(
  'schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    serviceAtLocationId: uuid('service_at_location_id').references(() => serviceAtLocations.id, {
      onDelete: 'cascade',
    }),
    freq: text('freq').notNull().default('WEEKLY'),
    // iCal day code: MO TU WE TH FR SA SU
    byday: text('byday').notNull(),
    opensAt: time('opens_at').notNull(),
    closesAt: time('closes_at').notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    // in_person | phone | online
    attendingType: text('attending_type'),
    description: text('description'),
    notes: text('notes'),
  },
  (t) => [index('schedules_service_day_idx').on(t.serviceId, t.byday)],
);

/** Holiday closures and other dates a service is shut despite its regular schedule. */
export const serviceClosures = pgTable(
  'service_closures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull().default(''),
  },
  (t) => [index('service_closures_service_idx').on(t.serviceId, t.startsOn)],
);

export const serviceLanguages = pgTable(
  'service_languages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    // ISO 639-1 where one exists (en, bn, tr, pl, so, ar, ur, pt…), else ISO 639-3.
    code: text('code').notNull(),
    name: text('name').notNull(),
    // 'spoken' by staff, or 'interpretation' available on request.
    kind: text('kind', { enum: serviceLanguageKinds }).notNull().default('spoken'),
    note: text('note'),
  },
  (t) => [
    isOneOf('service_languages', 'kind', serviceLanguageKinds),
    index('service_languages_code_idx').on(t.code, t.serviceId),
    index('service_languages_service_idx').on(t.serviceId),
  ],
);

export const serviceAreas = pgTable(
  'service_areas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // ONS GSS code of the borough served (E09…), when the area is a borough.
    boroughCode: text('borough_code'),
    extentType: text('extent_type'),
  },
  (t) => [
    index('service_areas_borough_idx').on(t.boroughCode, t.serviceId),
    index('service_areas_service_idx').on(t.serviceId),
  ],
);

export const costOptions = pgTable(
  'cost_options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    option: text('option'),
    amount: numeric('amount', { precision: 10, scale: 2 }),
    currency: text('currency').notNull().default('GBP'),
    amountDescription: text('amount_description'),
  },
  (t) => [index('cost_options_service_idx').on(t.serviceId)],
);

export const fundings = pgTable(
  'fundings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
  },
  (t) => [index('fundings_service_idx').on(t.serviceId)],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    name: text('name'),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
  },
  (t) => [index('contacts_service_idx').on(t.serviceId)],
);

/**
 * Every version of a service, for history, review and revert. A provider's edit waits here as
 * 'pending' when their programme requires approval; 'live' rows are versions that were published.
 */
export const serviceRevisions = pgTable(
  'service_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    // The full ServiceInput as JSON: enough to publish or restore the service exactly.
    snapshot: jsonb('snapshot').notNull(),
    status: text('status', { enum: serviceRevisionStatuses }).notNull(),
    serviceVersion: integer('service_version'),
    summary: text('summary').notNull().default(''),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    reviewedByUserId: uuid('reviewed_by_user_id').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
  },
  (t) => [
    isOneOf('service_revisions', 'status', serviceRevisionStatuses),
    index('service_revisions_service_idx').on(t.serviceId, t.createdAt),
    index('service_revisions_status_idx').on(t.status, t.createdAt),
  ],
);

/** "Something is wrong with this entry", from anyone (public included). Goes to the owner and curator. */
export const serviceReports = pgTable(
  'service_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    message: text('message').notNull(),
    reporterName: text('reporter_name'),
    reporterEmail: text('reporter_email'),
    reportedByUserId: uuid('reported_by_user_id').references(() => users.id),
    status: text('status', { enum: serviceReportStatuses }).notNull().default('open'),
    createdAt: createdAt(),
    resolvedByUserId: uuid('resolved_by_user_id').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    isOneOf('service_reports', 'status', serviceReportStatuses),
    index('service_reports_service_idx').on(t.serviceId, t.status),
  ],
);

/** When an owner was last asked to confirm a stale entry, so reminders are not sent every day. */
export const serviceVerificationRequests = pgTable(
  'service_verification_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    recipientCount: integer('recipient_count').notNull().default(0),
  },
  (t) => [index('service_verification_requests_service_idx').on(t.serviceId, t.requestedAt)],
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
    preferredChannel: text('preferred_channel', { enum: contactChannels }),
    addressLine: text('address_line'),
    postcode: text('postcode'),
    language: text('language'),
    needsInterpreter: boolean('needs_interpreter').notNull().default(false),
    // What the person chose to tell us for equity reporting (src/vocabulary/demographics.ts, Census
    // 2021 wording). All optional; "prefer_not_to_say" is an answer, NULL means never asked.
    sex: text('sex', { enum: sexes }),
    genderIdentitySame: text('gender_identity_same', { enum: genderIdentitySameAnswers }),
    // Their own words, only when the answer above is "no".
    genderIdentity: text('gender_identity'),
    ethnicity: text('ethnicity', { enum: ethnicities }),
    disability: text('disability', { enum: disabilityAnswers }),
    carer: text('carer', { enum: carerAnswers }),
    // Derived from the postcode whenever it is written (src/geo): LSOA 2011, borough and the LSOA's
    // IMD 2019 decile (domain deciles are read from lsoas). NULL when the postcode is not in London.
    lsoaCode: text('lsoa_code'),
    boroughCode: text('borough_code'),
    imdDecile: smallint('imd_decile'),
    // The link worker whose caseload the person is on (relationship for the policy engine).
    assignedLinkWorkerId: uuid('assigned_link_worker_id').references(() => users.id),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    isOneOf('people', 'preferred_channel', contactChannels),
    isOneOf('people', 'sex', sexes),
    isOneOf('people', 'gender_identity_same', genderIdentitySameAnswers),
    isOneOf('people', 'ethnicity', ethnicities),
    isOneOf('people', 'disability', disabilityAnswers),
    isOneOf('people', 'carer', carerAnswers),
    check('people_imd_decile_check', sql`imd_decile BETWEEN 1 AND 10`),
    index('people_programme_idx').on(t.programmeId, t.familyName),
    index('people_nhs_number_idx').on(t.programmeId, t.nhsNumber),
    // The duplicate check on referral: same programme and date of birth, then fuzzy name / postcode.
    index('people_date_of_birth_idx').on(t.programmeId, t.dateOfBirth),
  ],
);

// ─── The closed referral loop (src/referrals) ────────────────────────────────────────────────────
// A referral into a programme, its events (one row per state change, written in the same
// transaction), contacts, assessment, onward referrals to directory services with the provider's
// responses and attendance, unmet needs and deadline tasks. All personal data: programme_id + version.

export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    // Short, human reference the referrer and the person quote on the phone, e.g. "LW-7K3M9Q".
    reference: text('reference').notNull(),
    // gp_practice | hospital | community_health | adult_social_care | housing | vcse | self | provider | other
    sourceType: text('source_type', { enum: sourceTypes }).notNull(),
    referringOrganisationId: uuid('referring_organisation_id').references(() => organisations.id),
    referrerUserId: uuid('referrer_user_id').references(() => users.id),
    referrerName: text('referrer_name'),
    referrerEmail: text('referrer_email'),
    referrerPhone: text('referrer_phone'),
    // How the referrer wants to hear what happened: email | sms | none (in-app always).
    referrerNotifyBy: text('referrer_notify_by', { enum: referrerNotifyChoices }).notNull().default('email'),
    // Need domain codes (src/referrals/needs.ts) and the referrer's words.
    needs: text('needs')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    reasonText: text('reason_text').notNull().default(''),
    urgency: text('urgency', { enum: urgencies }).notNull().default('routine'),
    // How and when to reach the person: { bestTimes?, doNotContact?: string, safeToLeaveMessage? }.
    contactPreferences: jsonb('contact_preferences').notNull().default({}),
    // Consent to the referral and to sharing with providers: who recorded it, when and how.
    consentToReferral: boolean('consent_to_referral').notNull(),
    consentToShare: boolean('consent_to_share').notNull().default(false),
    // What providers may see when consentToShare: e.g. contact_details, date_of_birth, address, needs, language.
    sharedFields: text('shared_fields')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    consentMethod: text('consent_method', { enum: consentMethods }).notNull(),
    consentRecordedBy: text('consent_recorded_by').notNull(),
    consentRecordedAt: timestamp('consent_recorded_at', { withTimezone: true }).notNull(),
    // State (src/referrals/referral-state.ts).
    status: text('status', { enum: referralStatuses }).notNull().default('received'),
    rejectionReason: text('rejection_reason', { enum: rejectionReasons }),
    closureReason: text('closure_reason', { enum: closureReasons }),
    statusNote: text('status_note'),
    outcomeSummary: text('outcome_summary'),
    assignedLinkWorkerId: uuid('assigned_link_worker_id').references(() => users.id),
    failedContactAttempts: integer('failed_contact_attempts').notNull().default(0),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    // Citizens check a self-referral's status with the reference and this secret (SHA-256 stored).
    statusSecretHash: text('status_secret_hash'),
    // The sender's own identifier (e.g. a FHIR ServiceRequest identifier): a retry finds the first.
    externalIdentifier: text('external_identifier'),
    // The system that sent the identifier (FHIR Identifier.system), kept to echo it back.
    externalIdentifierSystem: text('external_identifier_system'),
    // What the referral said about its person, as sent (ReferredPerson in referrals/intake): the
    // referrer's views show this, never the person record; accept fills the record's blanks from
    // it. NULL on referrals made before migration 0016 (their views fall back to the person).
    referredPerson: jsonb('referred_person'),
    // Why the referral went to its programme (referrals/intake/routing.ts): staff | organisation |
    // postcode, and the sentence shown to the programme's staff. NULL before migration 0015.
    routingBasis: text('routing_basis', { enum: routingBases }),
    routingExplanation: text('routing_explanation'),
    // The FHIR Task that mirrors this referral (src/adapters/fhir): bumped by every event that
    // changes what the Task says, so `Task?_lastUpdated=gt…` and meta.versionId follow it.
    taskVersion: integer('task_version').notNull().default(1),
    taskUpdatedAt: timestamp('task_updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    isOneOf('referrals', 'source_type', sourceTypes),
    isOneOf('referrals', 'referrer_notify_by', referrerNotifyChoices),
    isOneOf('referrals', 'urgency', urgencies),
    isOneOf('referrals', 'consent_method', consentMethods),
    isOneOf('referrals', 'status', referralStatuses),
    isOneOf('referrals', 'rejection_reason', rejectionReasons),
    isOneOf('referrals', 'closure_reason', closureReasons),
    isOneOf('referrals', 'routing_basis', routingBases),
    uniqueIndex('referrals_reference_key').on(t.reference),
    index('referrals_queue_idx').on(t.programmeId, t.status, t.receivedAt),
    // The coordinator's "all referrals" list, newest first, without a status filter.
    index('referrals_programme_received_idx').on(t.programmeId, t.receivedAt),
    index('referrals_caseload_idx').on(t.assignedLinkWorkerId, t.status),
    index('referrals_person_idx').on(t.personId),
    index('referrals_referrer_idx').on(t.referringOrganisationId, t.createdAt),
    // System AND value: the same value in another identifier system is another referral.
    uniqueIndex('referrals_external_identifier_key').on(
      t.referringOrganisationId,
      sql`coalesce(${t.externalIdentifierSystem}, '')`,
      t.externalIdentifier,
    ),
    // A referring system polling its Tasks: Task?_lastUpdated=gt…
    index('referrals_task_updated_idx').on(t.referringOrganisationId, t.taskUpdatedAt),
  ],
);

export const onwardReferrals = pgTable(
  'onward_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    // The organisation running the service when the referral was made: its inbox.
    providerOrganisationId: uuid('provider_organisation_id')
      .notNull()
      .references(() => organisations.id),
    // Need domain codes (src/vocabulary/needs.ts), as chosen through z.enum(needDomainCodes).
    needs: text('needs', { enum: needDomainCodes })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    noteToProvider: text('note_to_provider').notNull().default(''),
    // sent | accepted | waitlisted | declined | started | completed | dropped_out | withdrawn | expired
    status: text('status', { enum: onwardReferralStatuses }).notNull().default('sent'),
    declineReason: text('decline_reason', { enum: declineReasons }),
    statusNote: text('status_note'),
    expectedStartOn: date('expected_start_on', { mode: 'string' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    // When the provider was reminded that the response window had passed (at most once).
    nudgedAt: timestamp('nudged_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    isOneOf('onward_referrals', 'status', onwardReferralStatuses),
    isOneOf('onward_referrals', 'decline_reason', declineReasons),
    index('onward_referrals_inbox_idx').on(t.providerOrganisationId, t.status, t.sentAt),
    index('onward_referrals_referral_idx').on(t.referralId),
    index('onward_referrals_person_idx').on(t.personId, t.serviceId),
    // The response-window job reads only unanswered referrals, oldest first.
    index('onward_referrals_unanswered_idx')
      .on(t.sentAt)
      .where(sql`${t.status} = 'sent'`),
    // Reply statistics on a service's directory entry.
    index('onward_referrals_service_idx').on(t.serviceId, t.sentAt),
  ],
);

// One row per transition of a referral or onward referral, and per notable step (contact, note).
export const referralEvents = pgTable(
  'referral_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    onwardReferralId: uuid('onward_referral_id').references(() => onwardReferrals.id),
    // e.g. referral.accepted, onward.declined, contact.recorded, assessment.saved
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    note: text('note'),
    snomedCode: text('snomed_code'),
    snomedDisplay: text('snomed_display'),
    // Whether the referrer sees this event (their flowback); link worker notes never are.
    isVisibleToReferrer: boolean('is_visible_to_referrer').notNull().default(false),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorLabel: text('actor_label').notNull(),
    details: jsonb('details').notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('referral_events_referral_idx').on(t.referralId, t.id),
    index('referral_events_programme_idx').on(t.programmeId, t.occurredAt),
  ],
);

export const contactAttempts = pgTable(
  'contact_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    mode: text('mode', { enum: contactModes }).notNull(),
    outcome: text('outcome', { enum: contactOutcomes }).notNull(),
    durationMinutes: integer('duration_minutes'),
    note: text('note').notNull().default(''),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    isOneOf('contact_attempts', 'mode', contactModes),
    isOneOf('contact_attempts', 'outcome', contactOutcomes),
    index('contact_attempts_referral_idx').on(t.referralId, t.occurredAt),
  ],
);

// "What matters to me", needs by domain and goals; one per referral, edited with a version check.
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    whatMatters: text('what_matters').notNull(),
    // [{ domain, priority: high|medium|low, detail }]
    needs: jsonb('needs').notNull().default([]),
    // [{ id, text, status: open|achieved|dropped }]
    goals: jsonb('goals').notNull().default([]),
    baselineMeasureDue: boolean('baseline_measure_due').notNull().default(true),
    assessedByUserId: uuid('assessed_by_user_id').references(() => users.id),
    assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [uniqueIndex('assessments_referral_key').on(t.referralId)],
);

export const attendances = pgTable(
  'attendances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    onwardReferralId: uuid('onward_referral_id')
      .notNull()
      .references(() => onwardReferrals.id),
    sessionOn: date('session_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: attendanceStatuses }).notNull(),
    note: text('note').notNull().default(''),
    recordedByUserId: uuid('recorded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    isOneOf('attendances', 'status', attendanceStatuses),
    index('attendances_onward_idx').on(t.onwardReferralId, t.sessionOn),
  ],
);

// A need no suitable, available service could meet: the raw material of gap analysis.
export const unmetNeeds = pgTable(
  'unmet_needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    // When a provider's decline caused it.
    onwardReferralId: uuid('onward_referral_id').references(() => onwardReferrals.id),
    // A need domain code (src/vocabulary/needs.ts).
    need: text('need', { enum: needDomainCodes }).notNull(),
    taxonomyTermId: uuid('taxonomy_term_id').references(() => taxonomyTerms.id),
    boroughCode: text('borough_code'),
    postcodeDistrict: text('postcode_district'),
    reason: text('reason', { enum: unmetNeedReasons }).notNull(),
    detail: text('detail').notNull().default(''),
    recordedByUserId: uuid('recorded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    isOneOf('unmet_needs', 'need', needDomainCodes),
    isOneOf('unmet_needs', 'reason', unmetNeedReasons),
    index('unmet_needs_programme_idx').on(t.programmeId, t.createdAt),
    index('unmet_needs_referral_idx').on(t.referralId),
  ],
);

// Deadlines as tasks: first contact, 8-week follow-up, measures due, the link worker's own.
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    kind: text('kind', { enum: taskKinds }).notNull(),
    title: text('title').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    assignedUserId: uuid('assigned_user_id').references(() => users.id),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedByUserId: uuid('completed_by_user_id').references(() => users.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    isOneOf('tasks', 'kind', taskKinds),
    index('tasks_assignee_due_idx')
      .on(t.assignedUserId, t.dueAt)
      .where(sql`completed_at is null and cancelled_at is null`),
    index('tasks_programme_due_idx')
      .on(t.programmeId, t.dueAt)
      .where(sql`completed_at is null and cancelled_at is null`),
    index('tasks_referral_idx').on(t.referralId),
  ],
);

// ─── Outcomes and evaluation (src/outcomes, docs/DESIGN.md §7) ───────────────────────────────────

// A questionnaire a programme's coordinator built: the same instrument-definition JSON as the
// built-in measures (src/outcomes/instruments/definition.ts), validated before it is stored. A
// changed definition gets a new `definition.version`; measures keep the version they were scored with.
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    key: text('key').notNull(),
    name: text('name').notNull(),
    definition: jsonb('definition').notNull(),
    isArchived: boolean('is_archived').notNull().default(false),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [uniqueIndex('questionnaires_programme_key_key').on(t.programmeId, t.key)],
);

// The item wording of a licensed instrument (SWEMWBS) that Linkwell may not ship: each programme
// registered with the licence holder enters it once. One row per programme × instrument.
export const instrumentWording = pgTable(
  'instrument_wording',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    instrumentKey: text('instrument_key').notNull(),
    /** The programme's licence or registration reference with the licence holder. */
    licenceReference: text('licence_reference').notNull(),
    /** itemId → the wording shown to the person. */
    items: jsonb('items').$type<Record<string, string>>().notNull(),
    updatedByUserId: uuid('updated_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.instrumentKey] })],
);

// One completed questionnaire at one timepoint of one referral: the answers as given and the scores
// the engine computed from them (stored so reports aggregate in SQL without re-scoring).
export const measures = pgTable(
  'measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    // A built-in key (ons4, swemwbs, ucla3, wellbeing_domains) or a programme questionnaire's key.
    instrumentKey: text('instrument_key').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    questionnaireId: uuid('questionnaire_id').references(() => questionnaires.id),
    // baseline | review | discharge | follow_up_6m | follow_up_12m
    timepoint: text('timepoint', { enum: timepoints }).notNull(),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    // { itemId: value | null } exactly as answered.
    answers: jsonb('answers').notNull(),
    // { itemId: value } for answered items, for per-item reports (the four ONS4 items).
    itemScores: jsonb('item_scores').notNull().default({}),
    rawTotal: doublePrecision('raw_total'),
    // The converted score where the instrument has a table (SWEMWBS metric score), else null.
    metricScore: doublePrecision('metric_score'),
    isComplete: boolean('is_complete').notNull(),
    notScoredBecause: text('not_scored_because'),
    // link_worker (entered during a call or meeting) | self (the person, through a link)
    source: text('source', { enum: measureSources }).notNull(),
    recordedByUserId: uuid('recorded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    isOneOf('measures', 'timepoint', timepoints),
    isOneOf('measures', 'source', measureSources),
    uniqueIndex('measures_referral_instrument_timepoint_key').on(t.referralId, t.instrumentKey, t.timepoint),
    index('measures_programme_instrument_idx').on(t.programmeId, t.instrumentKey, t.timepoint, t.completedOn),
    index('measures_person_idx').on(t.personId),
  ],
);

// A single-use link for the person to complete measures on their phone. Only a hash of the token is
// stored, so a database reader cannot use a link; used_at makes it single-use.
export const measureLinks = pgTable(
  'measure_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    instrumentKeys: text('instrument_keys').array().notNull(),
    timepoint: text('timepoint', { enum: timepoints }).notNull(),
    tokenHash: text('token_hash').notNull(),
    channel: text('channel', { enum: measureLinkChannels }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    isOneOf('measure_links', 'timepoint', timepoints),
    isOneOf('measure_links', 'channel', measureLinkChannels),
    uniqueIndex('measure_links_token_hash_key').on(t.tokenHash),
    index('measure_links_referral_idx').on(t.referralId),
  ],
);

// GP appointments and A&E attendances in a fixed window before or after the referral was received.
// Observational: entered by the link worker or the practice, or imported (CSV, later FHIR Encounter).
export const healthServiceUse = pgTable(
  'health_service_use',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    // before | after (the referral's received date)
    period: text('period', { enum: healthUsePeriods }).notNull(),
    // 3 | 6
    windowMonths: integer('window_months').notNull(),
    gpAppointments: integer('gp_appointments'),
    aeAttendances: integer('ae_attendances'),
    source: text('source', { enum: healthUseSources }).notNull(),
    recordedByUserId: uuid('recorded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    isOneOf('health_service_use', 'period', healthUsePeriods),
    isOneOf('health_service_use', 'source', healthUseSources),
    uniqueIndex('health_service_use_referral_window_key').on(t.referralId, t.period, t.windowMonths),
    index('health_service_use_programme_idx').on(t.programmeId, t.windowMonths),
  ],
);

// ─── Offline London geography (src/geo) ──────────────────────────────────────────────────────────
// Appended by the geography work. Created by the hand-written migration *_postcodes.sql, which this
// block mirrors column for column so Drizzle's types match; filled from assets/geo by
// loadGeography() (src/geo/load-geography.ts) after migrations. Open reference data, not personal
// data: no programme_id or version. Codes are ONS GSS codes (E09… boroughs, E01… LSOA 2011).

// Every live London postcode (OS Code-Point Open), in the spaced upper-case form "N17 6HB".
export const postcodes = pgTable(
  'postcodes',
  {
    postcode: text('postcode').primaryKey(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    boroughCode: text('borough_code').notNull(),
    lsoaCode: text('lsoa_code').notNull(),
  },
  (t) => [index('postcodes_borough_idx').on(t.boroughCode), index('postcodes_lsoa_idx').on(t.lsoaCode)],
);

// Centroids of postcode sectors ("N17 9") and districts ("N17") over their London postcodes only:
// the fallback for terminated postcodes and partial input. borough_codes lists every borough with
// postcodes in the unit, largest first.
export const postcodeSectors = pgTable('postcode_sectors', {
  sector: text('sector').primaryKey(),
  latitude: doublePrecision('latitude').notNull(),
  longitude: doublePrecision('longitude').notNull(),
  postcodeCount: integer('postcode_count').notNull(),
  mainBoroughCode: text('main_borough_code').notNull(),
  boroughCodes: text('borough_codes').array().notNull(),
});

export const postcodeDistricts = pgTable('postcode_districts', {
  district: text('district').primaryKey(),
  latitude: doublePrecision('latitude').notNull(),
  longitude: doublePrecision('longitude').notNull(),
  postcodeCount: integer('postcode_count').notNull(),
  mainBoroughCode: text('main_borough_code').notNull(),
  boroughCodes: text('borough_codes').array().notNull(),
});

// The 33 London boroughs (City of London included); population is Census 2021 usual residents.
export const boroughs = pgTable('boroughs', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  population: integer('population').notNull(),
});
// LSOA 2011 areas with the English Indices of Deprivation 2019 (MHCLG): overall rank and decile
// (1 = most deprived tenth of England), the seven domain deciles, and the mid-2015 population the
// indices used as denominators. Loaded from assets/geo/london-imd2019-lsoa.csv.gz.
export const lsoas = pgTable(
  'lsoas',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    boroughCode: text('borough_code').notNull(),
    imdRank: integer('imd_rank').notNull(),
    imdDecile: smallint('imd_decile').notNull(),
    incomeDecile: smallint('income_decile').notNull(),
    employmentDecile: smallint('employment_decile').notNull(),
    educationSkillsDecile: smallint('education_skills_decile').notNull(),
    healthDisabilityDecile: smallint('health_disability_decile').notNull(),
    crimeDecile: smallint('crime_decile').notNull(),
    barriersHousingServicesDecile: smallint('barriers_housing_services_decile').notNull(),
    livingEnvironmentDecile: smallint('living_environment_decile').notNull(),
    population: integer('population').notNull(),
    population0to15: integer('population_0_15').notNull(),
    population16to59: integer('population_16_59').notNull(),
    population60plus: integer('population_60_plus').notNull(),
  },
  (t) => [index('lsoas_borough_idx').on(t.boroughCode), index('lsoas_imd_decile_idx').on(t.imdDecile)],
);

// Census 2021 usual residents by borough, sex ('all' | 'female' | 'male') and the equity age bands
// of src/vocabulary/demographics.ts ('all' for every age), built from table TS009's single years.
export const boroughPopulation = pgTable(
  'borough_population',
  {
    boroughCode: text('borough_code').notNull(),
    sex: text('sex').notNull(),
    ageBand: text('age_band').notNull(),
    population: integer('population').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.boroughCode, t.sex, t.ageBand] }),
    check('borough_population_sex_check', sql`sex IN ('all', 'female', 'male')`),
    check(
      'borough_population_age_band_check',
      sql`age_band IN (${sql.raw([...ageBands, 'all'].map((band) => `'${band}'`).join(', '))})`,
    ),
  ],
);
// ─── end of offline London geography ─────────────────────────────────────────────────────────────

// ─── Webhooks and FHIR Subscriptions (src/webhooks) ─────────────────────────────────────────────
// A subscription belongs to one organisation (through its API client). Deliveries are an outbox:
// written in the same transaction as the change they report, posted afterwards by the worker,
// signed (Standard Webhooks HMAC), retried with backoff, and every attempt is logged.
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    apiClientId: uuid('api_client_id').references(() => apiClients.id),
    // fhir_rest_hook (a FHIR R4 Subscription on Task) | provider_events (onward referrals to a provider)
    kind: text('kind', { enum: webhookSubscriptionKinds }).notNull(),
    endpoint: text('endpoint').notNull(),
    // The HMAC key ("whsec_…"); kept readable because every delivery is signed with it.
    secret: text('secret').notNull(),
    // provider_events: which events, e.g. onward_referral.created, onward_referral.withdrawn.
    events: text('events')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // fhir_rest_hook: the Subscription's criteria ("Task", "Task?status=completed"), payload
    // mime type (null: notify without a body) and extra headers ("Authorization: Bearer …").
    criteria: text('criteria'),
    payload: text('payload'),
    headers: text('headers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    reason: text('reason').notNull().default(''),
    // active | error (deliveries keep failing; still retried) | off
    status: text('status', { enum: webhookSubscriptionStatuses }).notNull().default('active'),
    lastError: text('last_error'),
    endAt: timestamp('end_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    isOneOf('webhook_subscriptions', 'kind', webhookSubscriptionKinds),
    isOneOf('webhook_subscriptions', 'status', webhookSubscriptionStatuses),
    index('webhook_subscriptions_organisation_idx').on(t.organisationId, t.kind, t.status),
  ],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sequence: bigserial('sequence', { mode: 'number' }).notNull(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    // e.g. task.updated, onward_referral.created, onward_referral.withdrawn
    eventType: text('event_type').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: uuid('resource_id').notNull(),
    // The change that caused it (referral_events.id), for tracing and the bench's delay figure.
    referralEventId: bigint('referral_event_id', { mode: 'number' }),
    // HTTP method and path suffix: FHIR rest-hook with payload is PUT {endpoint}/Task/{id}.
    method: text('method').notNull().default('POST'),
    pathSuffix: text('path_suffix').notNull().default(''),
    payload: jsonb('payload'),
    status: text('status', { enum: webhookDeliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    replayOf: uuid('replay_of'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    isOneOf('webhook_deliveries', 'status', webhookDeliveryStatuses),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.sequence),
    index('webhook_deliveries_organisation_idx').on(t.organisationId, t.sequence),
  ],
);

export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('webhook_delivery_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

// OAuth2 client credentials (SMART Backend Services / NHS pattern): an API client may register a
// public key set and exchange a signed JWT assertion for a short-lived access token.
export const apiAccessTokens = pgTable(
  'api_access_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    apiClientId: uuid('api_client_id')
      .notNull()
      .references(() => apiClients.id),
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // The assertion's jti: a replayed assertion is refused.
    assertionId: text('assertion_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('api_access_tokens_assertion_key').on(t.apiClientId, t.assertionId)],
);

// ─── Insight (src/insight) ──────────────────────────────────────────────────────────────────────
// Commissioning relationships, reach targets, demand assumptions and the per-referral facts the
// dashboards aggregate. None of it is person-level once it leaves src/insight: every figure a
// commissioner or provider sees is a suppressed aggregate.

// An organisation (an ICB, a council) that commissions a programme: its commissioners see the
// programme's aggregates whatever its area. Set by a platform admin.
export const programmeCommissioners = pgTable(
  'programme_commissioners',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.organisationId] }),
    index('programme_commissioners_organisation_idx').on(t.organisationId),
  ],
);

// How many people a programme means to reach in a year, programme-wide (organisation NULL) or from
// one referring organisation (a practice), e.g. Bexley's 900 people a year. Set by the programme.
export const reachTargets = pgTable(
  'reach_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    peoplePerYear: integer('people_per_year').notNull(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    check('reach_targets_people_per_year_check', sql`people_per_year > 0`),
    uniqueIndex('reach_targets_programme_organisation_key')
      .on(t.programmeId, t.organisationId)
      .where(sql`organisation_id IS NOT NULL`),
    uniqueIndex('reach_targets_programme_key')
      .on(t.programmeId)
      .where(sql`organisation_id IS NULL`),
  ],
);

// The demand estimate's inputs for a practice (organisation) or a borough: a list size or yearly
// consultations the programme enters, and the share of consultations that are for social problems
// (default 0.2, "around 1 in 5", with its source). Every value is editable and shown with its source.
export const demandAssumptions = pgTable(
  'demand_assumptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    boroughCode: text('borough_code'),
    listSize: integer('list_size'),
    consultationsPerYear: integer('consultations_per_year'),
    socialShare: numeric('social_share', { precision: 5, scale: 4, mode: 'number' }).notNull().default(0.2),
    source: text('source').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    check('demand_assumptions_scope_check', sql`(organisation_id IS NULL) <> (borough_code IS NULL)`),
    check('demand_assumptions_social_share_check', sql`social_share > 0 AND social_share <= 1`),
    uniqueIndex('demand_assumptions_organisation_key')
      .on(t.programmeId, t.organisationId)
      .where(sql`organisation_id IS NOT NULL`),
    uniqueIndex('demand_assumptions_borough_key')
      .on(t.programmeId, t.boroughCode)
      .where(sql`borough_code IS NOT NULL`),
  ],
);

// One row per referral with what the dashboards group and count by, kept current in the same
// transaction as every referral event and person edit (src/insight/facts.ts), so a dashboard reads
// one narrow table instead of joining referrals, people, events and onward referrals. Derived data:
// it can always be rebuilt from the tables it summarises.
export const referralFacts = pgTable(
  'referral_facts',
  {
    referralId: uuid('referral_id')
      .primaryKey()
      .references(() => referrals.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    sourceType: text('source_type', { enum: sourceTypes }).notNull(),
    referringOrganisationId: uuid('referring_organisation_id'),
    // The person's area and answers when the facts were last refreshed.
    boroughCode: text('borough_code'),
    lsoaCode: text('lsoa_code'),
    imdDecile: smallint('imd_decile'),
    ageBand: text('age_band', { enum: ageBands }),
    sex: text('sex', { enum: sexes }),
    ethnicity: text('ethnicity', { enum: ethnicities }),
    language: text('language'),
    disability: text('disability', { enum: disabilityAnswers }),
    carer: text('carer', { enum: carerAnswers }),
    // Where the referral is, and when it first reached each step of the funnel.
    status: text('status', { enum: referralStatuses }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    engagedAt: timestamp('engaged_at', { withTimezone: true }),
    connectedAt: timestamp('connected_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason', { enum: rejectionReasons }),
    closureReason: text('closure_reason', { enum: closureReasons }),
    onwardReferrals: integer('onward_referrals').notNull().default(0),
    // Data quality.
    hasConsentToShare: boolean('has_consent_to_share').notNull().default(false),
    hasPostcode: boolean('has_postcode').notNull().default(false),
    hasEthnicity: boolean('has_ethnicity').notNull().default(false),
    hasBaselineMeasure: boolean('has_baseline_measure').notNull().default(false),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('referral_facts_programme_received_idx').on(t.programmeId, t.receivedAt),
    index('referral_facts_borough_received_idx').on(t.boroughCode, t.receivedAt),
    index('referral_facts_organisation_idx').on(t.referringOrganisationId),
  ],
);
