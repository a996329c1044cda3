// One service in full, for the link worker's and the public service page.
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  contacts,
  costOptions,
  locations,
  organisations,
  schedules,
  serviceAreas,
  serviceAtLocations,
  serviceClosures,
  serviceLanguages,
  serviceTaxonomyTerms,
  services,
  taxonomyTerms,
} from '../../db/schema';
import { notFound } from '../../http/errors';
import { describeOpening, toLondonMoment } from './opening';
import { replyStatisticsOf } from './reply-statistics';
import type { ServiceDetail } from './schemas';
import { readTogether } from '../../db/read-together';

const dayOrder = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export async function getServiceDetail(options: {
  db: Executor;
  serviceId: string;
  now: Date;
  staleAfterDays: number;
}): Promise<ServiceDetail> {
  const { db, serviceId, now } = options;
  const [row] = await db
    .select({ service: services, organisation: organisations })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(eq(services.id, serviceId));
  if (!row) throw notFound('The service');
  const { service, organisation } = row;

  const [
    terms,
    locationRows,
    scheduleRows,
    closureRows,
    languageRows,
    areaRows,
    costRows,
    contactRows,
    replies,
  ] = await readTogether(db, [
    () =>
      db
        .select({ id: taxonomyTerms.id, code: taxonomyTerms.code, name: taxonomyTerms.name })
        .from(serviceTaxonomyTerms)
        .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTaxonomyTerms.taxonomyTermId))
        .where(eq(serviceTaxonomyTerms.serviceId, serviceId))
        .orderBy(asc(taxonomyTerms.name)),
    () =>
      db
        .select({ location: locations })
        .from(serviceAtLocations)
        .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
        .where(eq(serviceAtLocations.serviceId, serviceId))
        .orderBy(asc(locations.name)),
    () => db.select().from(schedules).where(eq(schedules.serviceId, serviceId)),
    () =>
      db
        .select()
        .from(serviceClosures)
        .where(eq(serviceClosures.serviceId, serviceId))
        .orderBy(asc(serviceClosures.startsOn)),
    () => db.select().from(serviceLanguages).where(eq(serviceLanguages.serviceId, serviceId)),
    () => db.select().from(serviceAreas).where(eq(serviceAreas.serviceId, serviceId)),
    () => db.select().from(costOptions).where(eq(costOptions.serviceId, serviceId)),
    () => db.select().from(contacts).where(eq(contacts.serviceId, serviceId)),
    () => replyStatisticsOf(db, serviceId, now),
  ]);

  const today = toLondonMoment(now).date;
  const upcomingClosures = closureRows.filter((closure) => closure.endsOn >= today);
  const opening = describeOpening(scheduleRows, upcomingClosures, now);
  const staleBefore = now.getTime() - options.staleAfterDays * 86_400_000;
  const sortedSchedules = [...scheduleRows].sort(
    (a, b) => dayOrder.indexOf(a.byday) - dayOrder.indexOf(b.byday) || a.opensAt.localeCompare(b.opensAt),
  );
  return {
    id: service.id,
    name: service.name,
    description: service.description,
    status: service.status,
    url: service.url,
    email: service.email,
    organisation: {
      id: organisation.id,
      name: organisation.name,
      description: organisation.description,
      website: organisation.website,
      email: organisation.email,
    },
    taxonomyTerms: terms,
    locations: locationRows.map(({ location }) => ({
      id: location.id,
      name: location.name,
      description: location.description,
      address1: location.address1,
      city: location.city,
      postcode: location.postalCode,
      latitude: location.latitude,
      longitude: location.longitude,
      boroughCode: location.boroughCode,
      transport: location.transport,
      accessibility: location.accessibility,
    })),
    schedules: sortedSchedules.map((schedule) => ({
      byday: schedule.byday,
      opensAt: schedule.opensAt.slice(0, 5),
      closesAt: schedule.closesAt.slice(0, 5),
      validFrom: schedule.validFrom,
      validTo: schedule.validTo,
      attendingType: schedule.attendingType,
      description: schedule.description,
    })),
    closures: upcomingClosures.map(({ startsOn, endsOn, reason }) => ({ startsOn, endsOn, reason })),
    opening: {
      isOpenNow: opening.isOpen,
      text: opening.text,
      nextOpening: opening.nextOpening
        ? { date: opening.nextOpening.date, opensAt: opening.nextOpening.opensAt.slice(0, 5) }
        : null,
    },
    languages: languageRows.map(({ code, name, kind, note }) => ({ code, name, kind, note })),
    areas: areaRows.map(({ name, boroughCode }) => ({ name, boroughCode })),
    costs: {
      isFree: service.isFree,
      feesDescription: service.feesDescription,
      options: costRows.map(({ option, amount, currency, amountDescription }) => ({
        option,
        amount,
        currency,
        amountDescription,
      })),
    },
    contacts: contactRows.map(({ name, title, email, phone }) => ({ name, title, email, phone })),
    eligibility: {
      description: service.eligibilityDescription,
      minimumAge: service.minimumAge,
      maximumAge: service.maximumAge,
    },
    deliveryModes: service.deliveryModes,
    howToAccess: service.howToAccess,
    alert: service.alert,
    qualityMarks: service.qualityMarks,
    capacity: {
      isAcceptingReferrals: service.isAcceptingReferrals,
      acceptsWaitingList: service.acceptsWaitingList,
      waitingTimeDays: service.waitingTimeDays,
      placesAvailable: service.placesAvailable,
      placesMaximum: service.placesMaximum,
      isFull: !service.isAcceptingReferrals || service.placesAvailable === 0,
      updatedAt: service.capacityUpdatedAt?.toISOString() ?? null,
    },
    replies,
    freshness: {
      lastVerifiedAt: service.lastVerifiedAt?.toISOString() ?? null,
      isStale: !service.lastVerifiedAt || service.lastVerifiedAt.getTime() < staleBefore,
      assuredDate: service.assuredDate,
    },
  };
}
