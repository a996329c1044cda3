// One service from another Open Referral UK 3.0 feed: checked (zod) and turned into our
// ServiceInput. Ids are derived from the feed URL and the source id (stableUuid), so importing the
// same feed again updates the same rows instead of adding copies.
import { z } from 'zod';
import type { LocationInput, ScheduleInput, ServiceInput } from '../../directory/save-service';
import { stableUuid } from '../../directory/stable-uuid';

const text = z.string().nullish();
const dayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

const orukLocation = z.object({
  id: z.string().nullish(),
  location_type: z.enum(['physical', 'postal', 'virtual']).nullish(),
  name: text,
  description: text,
  latitude: z
    .number('must be a number')
    .min(-90, 'must be a latitude (-90 to 90)')
    .max(90, 'must be a latitude (-90 to 90)')
    .nullish(),
  longitude: z
    .number('must be a number')
    .min(-180, 'must be a longitude (-180 to 180)')
    .max(180, 'must be a longitude (-180 to 180)')
    .nullish(),
  transportation: text,
  addresses: z
    .array(
      z.object({
        address_1: text,
        city: text,
        region: text,
        state_province: text,
        postal_code: text,
        country: text,
      }),
    )
    .nullish(),
  accessibility: z.array(z.object({ description: text, details: text })).nullish(),
});

const orukTerm = z.object({ id: text, name: text, term: text, code: text });

export const orukServiceSchema = z.object({
  id: z.uuid('must be a uuid'),
  name: z.string('is required').trim().min(1, 'is required'),
  description: text,
  url: z.url('must be a URL').nullish(),
  email: z.email('must be an email address').nullish(),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']).nullish(),
  fees: text,
  accreditations: text,
  minimum_age: z.number().min(0).max(150).nullish(),
  maximum_age: z.number().min(0).max(150).nullish(),
  assured_date: text,
  assurer_email: z.email('must be an email address').nullish(),
  alert: text,
  organization_id: text,
  organization: z
    .object({
      id: text,
      name: z.string('is required').trim().min(1, 'is required'),
      description: text,
      email: z.email('must be an email address').nullish(),
      website: z.url('must be a URL').nullish(),
    })
    .nullish(),
  service_at_locations: z.array(z.object({ id: text, location: orukLocation.nullish() })).nullish(),
  schedules: z
    .array(
      z.object({
        id: text,
        byday: text,
        opens_at: text,
        closes_at: text,
        valid_from: text,
        valid_to: text,
        description: text,
        notes: text,
        attending_type: text,
      }),
    )
    .nullish(),
  languages: z.array(z.object({ name: text, code: text, note: text })).nullish(),
  service_areas: z.array(z.object({ name: text, extent_type: text })).nullish(),
  cost_options: z
    .array(
      z.object({ option: text, amount: z.number('must be a number').nullish(), amount_description: text }),
    )
    .nullish(),
  funding: z.array(z.object({ source: text })).nullish(),
  contacts: z
    .array(
      z.object({
        name: text,
        title: text,
        email: text,
        phones: z.array(z.object({ number: text })).nullish(),
      }),
    )
    .nullish(),
  attributes: z.array(z.object({ taxonomy_term_id: text, taxonomy_term: orukTerm.nullish() })).nullish(),
});
export type OrukService = z.infer<typeof orukServiceSchema>;

/** "name: is required; service_at_locations.0.location.latitude: must be a latitude" */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`).join('; ');
}

export const importedServiceId = (feedUrl: string, sourceId: string) =>
  stableUuid(`oruk:${feedUrl}:${sourceId}`);
export const importedOrganisationId = (feedUrl: string, sourceId: string) =>
  stableUuid(`oruk-organisation:${feedUrl}:${sourceId}`);
const importedLocationId = (feedUrl: string, sourceId: string) =>
  stableUuid(`oruk-location:${feedUrl}:${sourceId}`);

/** Our terms, to match a feed's terms against: by id (a Linkwell feed), then code, then name. */
export type TermIndex = { ids: Set<string>; byCode: Map<string, string>; byName: Map<string, string> };

export type MappedService = {
  input: Omit<ServiceInput, 'organisationId'>;
  unmappedTerms: string[];
  notes: string[];
};

const hhmmss = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$/;

function mapSchedules(service: OrukService, notes: string[]): ScheduleInput[] {
  const result: ScheduleInput[] = [];
  for (const schedule of service.schedules ?? []) {
    const days = (schedule.byday ?? '')
      .split(',')
      .map((day) => day.trim().toUpperCase())
      .filter((day): day is ScheduleInput['byday'] => (dayCodes as readonly string[]).includes(day));
    const opens = hhmmss.exec(schedule.opens_at ?? '');
    const closes = hhmmss.exec(schedule.closes_at ?? '');
    if (days.length === 0 || !opens || !closes) {
      notes.push(
        `schedules: a schedule without weekly days and opening times was left out (${schedule.id ?? 'no id'})`,
      );
      continue;
    }
    for (const byday of days) {
      result.push({
        byday,
        opensAt: `${opens[1]}:${opens[2]}`,
        closesAt: `${closes[1]}:${closes[2]}`,
        validFrom: schedule.valid_from ?? null,
        validTo: schedule.valid_to ?? null,
        attendingType: schedule.attending_type ?? null,
        description: schedule.description ?? null,
        notes: schedule.notes ?? null,
      });
    }
  }
  return result;
}

function mapLocations(feedUrl: string, service: OrukService): LocationInput[] {
  return (service.service_at_locations ?? []).flatMap((link, index) => {
    const location = link.location;
    if (!location) return [];
    const address = location.addresses?.[0];
    return [
      {
        id: importedLocationId(feedUrl, location.id ?? `${service.id}:${index}`),
        locationType: location.location_type ?? 'physical',
        name: location.name ?? null,
        description: location.description ?? null,
        latitude: location.latitude ?? null,
        longitude: location.longitude ?? null,
        address1: address?.address_1 ?? null,
        city: address?.city ?? null,
        region: address?.region ?? address?.state_province ?? null,
        postalCode: address?.postal_code ?? null,
        transport: location.transportation ?? null,
        accessibility: (location.accessibility ?? []).flatMap(
          (item) => item.details ?? item.description ?? [],
        ),
      },
    ];
  });
}

function mapTerms(service: OrukService, terms: TermIndex): { ids: string[]; unmapped: string[] } {
  const ids: string[] = [];
  const unmapped: string[] = [];
  for (const attribute of service.attributes ?? []) {
    const term = attribute.taxonomy_term;
    const id = attribute.taxonomy_term_id ?? term?.id;
    const code = term?.code ?? term?.term;
    const found =
      (id && terms.ids.has(id) ? id : undefined) ??
      (code ? terms.byCode.get(code.toLowerCase()) : undefined) ??
      (term?.name ? terms.byName.get(term.name.toLowerCase()) : undefined);
    if (found) ids.push(found);
    else unmapped.push(term?.name ?? code ?? id ?? 'unnamed term');
  }
  return { ids, unmapped };
}

export function mapOrukService(feedUrl: string, service: OrukService, terms: TermIndex): MappedService {
  const notes: string[] = [];
  const { ids: taxonomyTermIds, unmapped } = mapTerms(service, terms);
  const costOptions = (service.cost_options ?? []).map((cost) => ({
    option: cost.option ?? null,
    amount: cost.amount === null || cost.amount === undefined ? null : String(cost.amount),
    amountDescription: cost.amount_description ?? null,
  }));
  return {
    input: {
      id: importedServiceId(feedUrl, service.id),
      name: service.name,
      description: service.description ?? '',
      url: service.url ?? null,
      email: service.email ?? null,
      status: service.status ?? 'active',
      feesDescription: service.fees ?? null,
      isFree: !costOptions.some((cost) => cost.amount !== null && Number(cost.amount) > 0),
      accreditations: service.accreditations ?? null,
      minimumAge:
        service.minimum_age === null || service.minimum_age === undefined
          ? null
          : Math.round(service.minimum_age),
      maximumAge:
        service.maximum_age === null || service.maximum_age === undefined
          ? null
          : Math.round(service.maximum_age),
      assuredDate:
        service.assured_date && /^\d{4}-\d{2}-\d{2}$/.test(service.assured_date)
          ? service.assured_date
          : null,
      assurerEmail: service.assurer_email ?? null,
      alert: service.alert ?? null,
      taxonomyTermIds,
      locations: mapLocations(feedUrl, service),
      schedules: mapSchedules(service, notes),
      languages: (service.languages ?? []).flatMap((language) =>
        language.name || language.code
          ? [
              {
                code: language.code ?? language.name!,
                name: language.name ?? language.code!,
                note: language.note ?? null,
              },
            ]
          : [],
      ),
      areas: (service.service_areas ?? []).flatMap((area) =>
        area.name ? [{ name: area.name, extentType: area.extent_type ?? null }] : [],
      ),
      costOptions,
      fundings: (service.funding ?? []).flatMap((funding) =>
        funding.source ? [{ source: funding.source }] : [],
      ),
      contacts: (service.contacts ?? []).map((contact) => ({
        name: contact.name ?? null,
        title: contact.title ?? null,
        email: contact.email ?? null,
        phone: contact.phones?.[0]?.number ?? null,
      })),
    },
    unmappedTerms: unmapped,
    notes,
  };
}
