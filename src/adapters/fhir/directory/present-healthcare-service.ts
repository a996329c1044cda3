// A directory service → FHIR R4 HealthcareService. The mapping follows each element's R4 meaning:
// category is the broad kind (a tag's top-level taxonomy term), type the tags themselves;
// availableTime holds only regular weekly hours (dated schedules go in availabilityExceptions,
// which R4 has for exactly that); closures are notAvailable.
import type { ContactPoint } from 'fhir/r4';
import type { CodeableConcept, HealthcareService, Location } from '../types';
import { deliveryModeCoding, directoryCodeSystems, retiredStatuses } from './codes';
import { emailContactPoint, websiteContactPoint, withoutEmpty } from './present-organization-location';
import type { HealthcareServiceSource, TermCoding } from './queries';

type Day = NonNullable<NonNullable<HealthcareService['availableTime']>[number]['daysOfWeek']>[number];
const days: Record<string, Day> = {
  MO: 'mon',
  TU: 'tue',
  WE: 'wed',
  TH: 'thu',
  FR: 'fri',
  SA: 'sat',
  SU: 'sun',
};
const dayOrder = Object.keys(days);
const dayNames: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
type ScheduleRow = HealthcareServiceSource['schedules'][number];

const concept = ({ system, code, display }: TermCoding): CodeableConcept => ({
  coding: [{ system, code, display }],
  text: display,
});

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const value = key(item);
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

/** PostgreSQL time "09:00:00" is already FHIR's time; "24:00:00" (closing at midnight) is not. */
const fhirTime = (time: string) =>
  time.startsWith('24') ? '23:59:59' : time.length === 5 ? `${time}:00` : time;

/** Weekly sessions with the same hours become one availableTime with several days. */
function availableTimes(schedules: ScheduleRow[]): HealthcareService['availableTime'] {
  const sessions = new Map<string, { opens: string; closes: string; days: Set<string> }>();
  for (const row of schedules) {
    const key = `${row.opensAt}-${row.closesAt}`;
    const session = sessions.get(key) ?? { opens: row.opensAt, closes: row.closesAt, days: new Set() };
    session.days.add(row.byday);
    sessions.set(key, session);
  }
  return [...sessions.values()]
    .sort((a, b) => a.opens.localeCompare(b.opens))
    .map((session) => ({
      daysOfWeek: dayOrder.filter((day) => session.days.has(day)).map((day) => days[day]!),
      availableStartTime: fhirTime(session.opens),
      availableEndTime: fhirTime(session.closes),
    }));
}

const isRegularWeekly = (row: ScheduleRow) =>
  row.freq === 'WEEKLY' && !row.validFrom && !row.validTo && days[row.byday] !== undefined;

/** Sessions availableTime cannot hold (they run only between dates), described in words. */
function datedSessions(schedules: ScheduleRow[]): string[] {
  return schedules
    .filter((row) => !isRegularWeekly(row))
    .map((row) => {
      const between = [row.validFrom && `from ${row.validFrom}`, row.validTo && `until ${row.validTo}`]
        .filter(Boolean)
        .join(' ');
      return `${dayNames[row.byday] ?? row.byday} ${row.opensAt.slice(0, 5)}–${row.closesAt.slice(0, 5)}${between ? ` ${between}` : ''}`;
    });
}

function eligibility(service: HealthcareServiceSource['service']): HealthcareService['eligibility'] {
  const entries: NonNullable<HealthcareService['eligibility']> = [];
  if (service.eligibilityDescription) entries.push({ comment: service.eligibilityDescription });
  const { minimumAge: minimum, maximumAge: maximum } = service;
  if (minimum !== null || maximum !== null) {
    const ages =
      minimum !== null && maximum !== null
        ? `Aged ${minimum} to ${maximum}`
        : minimum !== null
          ? `Aged ${minimum} and over`
          : `Aged up to ${maximum}`;
    entries.push({ code: { text: 'Age' }, comment: ages });
  }
  return entries;
}

function telecom(source: HealthcareServiceSource): ContactPoint[] {
  const points: (ContactPoint | undefined)[] = [
    ...source.contacts.flatMap((contact) => [
      contact.phone ? { system: 'phone' as const, value: contact.phone } : undefined,
      emailContactPoint(contact.email),
    ]),
    emailContactPoint(source.service.email),
    websiteContactPoint(source.service.url),
  ];
  return uniqueBy(
    points.filter((point): point is ContactPoint => point !== undefined),
    (point) => `${point.system} ${point.value}`,
  );
}

function communication(languages: HealthcareServiceSource['languages']): CodeableConcept[] {
  return languages.map((language) => {
    const text =
      language.kind === 'interpretation' ? `${language.name} (through an interpreter)` : language.name;
    // A stored ISO 639 code is a BCP 47 tag; anything else is kept as text only.
    return /^[a-z]{2,3}$/i.test(language.code)
      ? {
          coding: [
            {
              system: directoryCodeSystems.language,
              code: language.code.toLowerCase(),
              display: language.name,
            },
          ],
          text,
        }
      : { text };
  });
}

/** Areas served (boroughs) as contained Locations, which is what coverageArea references. */
function coverageAreas(areas: HealthcareServiceSource['areas']): Location[] {
  return areas.map((area, index) => ({
    resourceType: 'Location',
    id: `area-${index + 1}`,
    name: area.name,
    mode: 'instance',
    physicalType: {
      coding: [{ system: directoryCodeSystems.locationPhysicalType, code: 'area', display: 'Area' }],
    },
  }));
}

export function presentHealthcareService(source: HealthcareServiceSource): HealthcareService {
  const { service, organisation } = source;
  const regular = source.schedules.filter(isRegularWeekly);
  const exceptions = datedSessions(source.schedules);
  const areas = coverageAreas(source.areas);
  const isAcceptingReferrals = service.isAcceptingReferrals || service.acceptsWaitingList;
  return withoutEmpty<HealthcareService>({
    resourceType: 'HealthcareService',
    id: service.id,
    meta: { versionId: String(service.version), lastUpdated: service.updatedAt.toISOString() },
    contained: areas,
    active: !retiredStatuses.includes(service.status),
    providedBy: { reference: `Organization/${organisation.id}`, display: organisation.name },
    category: uniqueBy(
      source.tags.map((tag) => tag.topLevel),
      (coding) => coding.id,
    ).map(concept),
    type: source.tags.filter((tag) => !tag.isTopLevel).map((tag) => concept(tag.term)),
    location: source.serviceAtLocations.map(({ location }) =>
      withoutEmpty({ reference: `Location/${location.id}`, display: location.name ?? undefined }),
    ),
    name: service.name,
    comment: service.description,
    extraDetails: [
      service.alert,
      service.howToAccess && `How to access: ${service.howToAccess}`,
      service.feesDescription && `Fees: ${service.feesDescription}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    telecom: telecom(source),
    coverageArea: areas.map((area) => ({ reference: `#${area.id}`, display: area.name })),
    serviceProvisionCode: [
      {
        coding: [
          service.isFree
            ? { system: directoryCodeSystems.serviceProvision, code: 'free', display: 'Free' }
            : { system: directoryCodeSystems.serviceProvision, code: 'cost', display: 'Fees apply' },
        ],
      },
    ],
    eligibility: eligibility(service),
    characteristic: service.deliveryModes.map((mode) => ({ coding: [deliveryModeCoding(mode)] })),
    communication: communication(source.languages),
    // Linkwell delivers onward referrals to the service electronically (in the app, by webhook).
    referralMethod: isAcceptingReferrals
      ? [
          {
            coding: [
              { system: directoryCodeSystems.referralMethod, code: 'elec', display: 'Secure Messaging' },
            ],
          },
        ]
      : [],
    availableTime: availableTimes(regular),
    notAvailable: [
      ...(service.status === 'temporarily closed' ? [{ description: 'Temporarily closed' }] : []),
      ...source.closures.map((closure) => ({
        description: closure.reason || 'Closed',
        during: { start: closure.startsOn, end: closure.endsOn },
      })),
    ],
    availabilityExceptions: exceptions.length > 0 ? `Also open: ${exceptions.join('; ')}` : undefined,
  });
}
