CREATE TABLE "instrument_wording" (
	"programme_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"licence_reference" text NOT NULL,
	"items" jsonb NOT NULL,
	"updated_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "instrument_wording_programme_id_instrument_key_pk" PRIMARY KEY("programme_id","instrument_key")
);
--> statement-breakpoint
ALTER TABLE "instrument_wording" ADD CONSTRAINT "instrument_wording_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_wording" ADD CONSTRAINT "instrument_wording_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;