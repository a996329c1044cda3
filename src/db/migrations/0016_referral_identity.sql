-- What each referral said about its person, as sent: the referrer's views and FHIR Patient show
-- this and nothing Linkwell holds on the person record; a link worker accepting the referral fills
-- the record's blanks from it. NULL on referrals made before this column (shown from the person).
ALTER TABLE "referrals" ADD COLUMN "referred_person" jsonb;--> statement-breakpoint
-- A sender's identifier is its system AND value: the same value in another system is another
-- referral. coalesce so that identifiers without a system are still unique per organisation.
DROP INDEX "referrals_external_identifier_key";--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_external_identifier_key" ON "referrals" USING btree ("referring_organisation_id",coalesce("external_identifier_system", ''),"external_identifier");
