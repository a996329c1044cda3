-- Offline London geography (src/geo): live postcodes (OS Code-Point Open), sector and district
-- centroids for terminated or partial postcodes, and the 33 boroughs. Hand-written so the rows can
-- be left to loadGeography() (src/geo/load-geography.ts), which fills these tables from assets/geo
-- at start-up: a migration stays small and the ~180k rows load by COPY or batched INSERTs.
-- src/db/schema.ts mirrors these tables column for column (its "Offline London geography" block).
-- Reference data, not personal data: no programme_id or version. Plain SQL for PostgreSQL 15+.
CREATE TABLE "boroughs" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"population" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postcode_districts" (
	"district" text PRIMARY KEY NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"postcode_count" integer NOT NULL,
	"main_borough_code" text NOT NULL,
	"borough_codes" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postcode_sectors" (
	"sector" text PRIMARY KEY NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"postcode_count" integer NOT NULL,
	"main_borough_code" text NOT NULL,
	"borough_codes" text[] NOT NULL
);
--> statement-breakpoint
-- No foreign key to boroughs: the rows come from one checked release, and the per-row check would
-- add about a second to the first load on PGlite.
CREATE TABLE "postcodes" (
	"postcode" text PRIMARY KEY NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"borough_code" text NOT NULL,
	"lsoa_code" text NOT NULL
);
--> statement-breakpoint
-- For equity reporting by borough and by LSOA (deprivation deciles are per LSOA 2011).
CREATE INDEX "postcodes_borough_idx" ON "postcodes" USING btree ("borough_code");
--> statement-breakpoint
CREATE INDEX "postcodes_lsoa_idx" ON "postcodes" USING btree ("lsoa_code");
