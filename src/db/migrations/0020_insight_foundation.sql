-- The Insight issue's foundation: what a person may tell us for equity reporting (Census 2021
-- answers, all optional) and the area derived from their postcode (LSOA 2011, borough, IMD 2019
-- decile); the IMD 2019 LSOA table and Census 2021 borough population used as denominators (filled
-- from assets/geo by src/geo/load-geography.ts); commissioning relationships, reach targets, demand
-- assumptions; the per-referral facts the dashboards read; and the regional commissioner role.
CREATE TABLE "borough_population" (
	"borough_code" text NOT NULL,
	"sex" text NOT NULL,
	"age_band" text NOT NULL,
	"population" integer NOT NULL,
	CONSTRAINT "borough_population_borough_code_sex_age_band_pk" PRIMARY KEY("borough_code","sex","age_band"),
	CONSTRAINT "borough_population_sex_check" CHECK (sex IN ('all', 'female', 'male')),
	CONSTRAINT "borough_population_age_band_check" CHECK (age_band IN ('0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-84', '85+', 'all'))
);
--> statement-breakpoint
CREATE TABLE "demand_assumptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid,
	"borough_code" text,
	"list_size" integer,
	"consultations_per_year" integer,
	"social_share" numeric(5, 4) DEFAULT 0.2 NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "demand_assumptions_scope_check" CHECK ((organisation_id IS NULL) <> (borough_code IS NULL)),
	CONSTRAINT "demand_assumptions_social_share_check" CHECK (social_share > 0 AND social_share <= 1)
);
--> statement-breakpoint
CREATE TABLE "lsoas" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"borough_code" text NOT NULL,
	"imd_rank" integer NOT NULL,
	"imd_decile" smallint NOT NULL,
	"income_decile" smallint NOT NULL,
	"employment_decile" smallint NOT NULL,
	"education_skills_decile" smallint NOT NULL,
	"health_disability_decile" smallint NOT NULL,
	"crime_decile" smallint NOT NULL,
	"barriers_housing_services_decile" smallint NOT NULL,
	"living_environment_decile" smallint NOT NULL,
	"population" integer NOT NULL,
	"population_0_15" integer NOT NULL,
	"population_16_59" integer NOT NULL,
	"population_60_plus" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_commissioners" (
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_commissioners_programme_id_organisation_id_pk" PRIMARY KEY("programme_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "reach_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid,
	"people_per_year" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "reach_targets_people_per_year_check" CHECK (people_per_year > 0)
);
--> statement-breakpoint
CREATE TABLE "referral_facts" (
	"referral_id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source_type" text NOT NULL,
	"referring_organisation_id" uuid,
	"borough_code" text,
	"lsoa_code" text,
	"imd_decile" smallint,
	"age_band" text,
	"sex" text,
	"ethnicity" text,
	"language" text,
	"disability" text,
	"carer" text,
	"status" text NOT NULL,
	"accepted_at" timestamp with time zone,
	"first_contact_at" timestamp with time zone,
	"engaged_at" timestamp with time zone,
	"connected_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"rejection_reason" text,
	"closure_reason" text,
	"onward_referrals" integer DEFAULT 0 NOT NULL,
	"has_consent_to_share" boolean DEFAULT false NOT NULL,
	"has_postcode" boolean DEFAULT false NOT NULL,
	"has_ethnicity" boolean DEFAULT false NOT NULL,
	"has_baseline_measure" boolean DEFAULT false NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_role_check";--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "sex" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "gender_identity_same" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "gender_identity" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "ethnicity" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "disability" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "carer" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "lsoa_code" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "borough_code" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "imd_decile" smallint;--> statement-breakpoint
ALTER TABLE "demand_assumptions" ADD CONSTRAINT "demand_assumptions_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_assumptions" ADD CONSTRAINT "demand_assumptions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_commissioners" ADD CONSTRAINT "programme_commissioners_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_commissioners" ADD CONSTRAINT "programme_commissioners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_commissioners" ADD CONSTRAINT "programme_commissioners_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_targets" ADD CONSTRAINT "reach_targets_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reach_targets" ADD CONSTRAINT "reach_targets_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_facts" ADD CONSTRAINT "referral_facts_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_facts" ADD CONSTRAINT "referral_facts_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "demand_assumptions_organisation_key" ON "demand_assumptions" USING btree ("programme_id","organisation_id") WHERE organisation_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "demand_assumptions_borough_key" ON "demand_assumptions" USING btree ("programme_id","borough_code") WHERE borough_code IS NOT NULL;--> statement-breakpoint
CREATE INDEX "lsoas_borough_idx" ON "lsoas" USING btree ("borough_code");--> statement-breakpoint
CREATE INDEX "lsoas_imd_decile_idx" ON "lsoas" USING btree ("imd_decile");--> statement-breakpoint
CREATE INDEX "programme_commissioners_organisation_idx" ON "programme_commissioners" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reach_targets_programme_organisation_key" ON "reach_targets" USING btree ("programme_id","organisation_id") WHERE organisation_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reach_targets_programme_key" ON "reach_targets" USING btree ("programme_id") WHERE organisation_id IS NULL;--> statement-breakpoint
CREATE INDEX "referral_facts_programme_received_idx" ON "referral_facts" USING btree ("programme_id","received_at");--> statement-breakpoint
CREATE INDEX "referral_facts_borough_received_idx" ON "referral_facts" USING btree ("borough_code","received_at");--> statement-breakpoint
CREATE INDEX "referral_facts_organisation_idx" ON "referral_facts" USING btree ("referring_organisation_id");--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_sex_check" CHECK ("sex" IN ('female', 'male', 'prefer_not_to_say'));--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_gender_identity_same_check" CHECK ("gender_identity_same" IN ('yes', 'no', 'prefer_not_to_say'));--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_ethnicity_check" CHECK ("ethnicity" IN ('asian_indian', 'asian_pakistani', 'asian_bangladeshi', 'asian_chinese', 'asian_other', 'black_caribbean', 'black_african', 'black_other', 'mixed_white_black_caribbean', 'mixed_white_black_african', 'mixed_white_asian', 'mixed_other', 'white_british', 'white_irish', 'white_gypsy_irish_traveller', 'white_roma', 'white_other', 'other_arab', 'other_any', 'prefer_not_to_say'));--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_disability_check" CHECK ("disability" IN ('limited_a_lot', 'limited_a_little', 'not_limited', 'prefer_not_to_say'));--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_carer_check" CHECK ("carer" IN ('no', 'yes_under_20_hours', 'yes_20_to_49_hours', 'yes_50_hours_or_more', 'prefer_not_to_say'));--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_imd_decile_check" CHECK (imd_decile BETWEEN 1 AND 10);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("role" IN ('platform_admin', 'coordinator', 'link_worker', 'buddy', 'referrer', 'provider_staff', 'commissioner', 'regional_commissioner'));