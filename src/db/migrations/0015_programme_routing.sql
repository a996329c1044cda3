-- Routing a referral must be something a deployment can trust (Trust issue, defect 1).
-- A programme's referring organisations are the approved links only: a coordinator's wish to
-- receive an organisation's referrals is a request until that organisation (or a platform admin)
-- approves it. Who approved and when is kept on the link, so a referral's route can name them.
-- Links made before this migration keep routing as they did; their approver is unknown (NULL).
ALTER TABLE "programme_referring_organisations" ADD COLUMN "approved_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "programme_referring_organisations" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "programme_referring_organisations" ADD CONSTRAINT "programme_referring_organisations_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programme_referring_organisations_organisation_idx" ON "programme_referring_organisations" USING btree ("organisation_id");--> statement-breakpoint
-- Requests to link: pending until approved, declined, or withdrawn by the programme. At most one
-- pending request per programme and organisation.
CREATE TABLE "programme_link_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by_user_id" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programme_link_requests" ADD CONSTRAINT "programme_link_requests_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_link_requests" ADD CONSTRAINT "programme_link_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_link_requests" ADD CONSTRAINT "programme_link_requests_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_link_requests" ADD CONSTRAINT "programme_link_requests_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "programme_link_requests_pending_key" ON "programme_link_requests" USING btree ("programme_id","organisation_id") WHERE "programme_link_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "programme_link_requests_organisation_idx" ON "programme_link_requests" USING btree ("organisation_id","status");--> statement-breakpoint
-- Why a referral went to its programme: the basis (staff | organisation | postcode) and a sentence
-- for staff. NULL on referrals made before this migration.
ALTER TABLE "referrals" ADD COLUMN "routing_basis" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "routing_explanation" text;
