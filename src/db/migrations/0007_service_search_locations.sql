CREATE TABLE "service_search_locations" (
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"name" text NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	CONSTRAINT "service_search_locations_service_id_location_id_pk" PRIMARY KEY("service_id","location_id")
);
--> statement-breakpoint
ALTER TABLE "service_search_locations" ADD CONSTRAINT "service_search_locations_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_search_locations" ADD CONSTRAINT "service_search_locations_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_search_locations_point_idx" ON "service_search_locations" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "service_search_locations_location_idx" ON "service_search_locations" USING btree ("location_id");--> statement-breakpoint
-- Existing directories: build the derived rows once (afterwards saveServices keeps them current).
INSERT INTO "service_search_locations" ("service_id", "location_id", "latitude", "longitude", "name", "search_vector")
SELECT DISTINCT ON (sal.service_id, l.id) sal.service_id, l.id, l.latitude, l.longitude, s.name, s.search_vector
FROM "service_at_locations" sal
JOIN "locations" l ON l.id = sal.location_id
JOIN "services" s ON s.id = sal.service_id
WHERE l.latitude IS NOT NULL AND l.longitude IS NOT NULL;
