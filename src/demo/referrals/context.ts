// Reads what the referral history builds on from the database: a demo programme's team, referring
// organisations and their referrers, its people, and the directory services in its borough. Read
// rather than passed in, so the seeder runs after any foundation and directory seed that put them there.
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { personAreaOfPostcode, type PersonArea } from '../../geo';
import {
  organisations,
  people,
  programmeReferringOrganisations,
  programmes,
  serviceTaxonomyTerms,
  services,
  taxonomyTerms,
  users,
} from '../../db/schema';
import { taxonomyId } from '../../directory/sync-taxonomies';
import { socialPrescribingTaxonomy } from '../../directory/taxonomy-data';
import { readProgrammeSettings, type ProgrammeSettings } from '../../programmes/settings';
import type { DemoProgramme } from '../programmes';
import { demoStaff, emailOf } from '../staff';
import type { SourceType } from '../../vocabulary/referral';

export type Staff = { id: string; name: string };

export type ReferralSource = {
  sourceType: SourceType;
  organisationId: string | null;
  referrer: (Staff & { email: string }) | null;
  weight: number;
};

export type DirectoryService = {
  id: string;
  organisationId: string;
  organisationName: string;
  supportCodes: string[];
  lawCodes: string[];
  /** Top-level support kinds ("Connected", "Active"): what the referrer is told. */
  kinds: string[];
  isActive: boolean;
  isAcceptingReferrals: boolean;
  acceptsWaitingList: boolean;
  /** Someone at the provider who answers; invented organisations have no accounts. */
  staff: Staff | null;
};

export type ExistingPerson = {
  id: string;
  dateOfBirth: string | null;
  postcode: string | null;
  assignedLinkWorkerId: string | null;
  nhsNumber: string | null;
  phone: string | null;
  email: string | null;
  needsInterpreter: boolean;
  language: string | null;
  /** IMD 2019 decile of their LSOA (null when not known): the demo's outcomes lean on it. */
  imdDecile: number | null;
};

export type ProgrammeContext = {
  id: string;
  demo: DemoProgramme;
  settings: ProgrammeSettings;
  coordinator: Staff;
  /** In the order of the demo staff list: the first is the printed demo login. */
  linkWorkers: Staff[];
  sources: ReferralSource[];
  /** Provider staff in the borough, for "refer back into the system" referrals. */
  providerReferrers: ReferralSource[];
  services: DirectoryService[];
  people: ExistingPerson[];
  /** The printed provider login's organisation: some onward referrals go to its services. */
  demoProviderOrganisationId: string | null;
  /** The area of every postcode the borough's demo people draw from (src/geo/person-area.ts). */
  areas: Map<string, PersonArea>;
};

/** How often each kind of organisation refers in: GP practices most, as in the London report. */
const sourceTypeWeights: Record<string, [sourceType: SourceType, weight: number]> = {
  gp_practice: ['gp_practice', 10],
  hospital_trust: ['hospital', 3],
  council: ['adult_social_care', 3],
  housing_association: ['housing', 2],
  vcse: ['vcse', 1],
  advice_agency: ['vcse', 1],
};

const kindNames = new Map(socialPrescribingTaxonomy.terms.map((t) => [t.code, t.name]));

async function loadServices(db: Executor, boroughName: string): Promise<DirectoryService[]> {
  const rows = await db
    .select({
      id: services.id,
      organisationId: services.organisationId,
      organisationName: organisations.name,
      status: services.status,
      isAcceptingReferrals: services.isAcceptingReferrals,
      acceptsWaitingList: services.acceptsWaitingList,
    })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(eq(organisations.borough, boroughName))
    .orderBy(
      asc(organisations.name),
      asc(services.name),
      asc(services.description),
      asc(services.searchDocument),
    );
  if (rows.length === 0) return [];
  const terms = await db
    .select({
      serviceId: serviceTaxonomyTerms.serviceId,
      code: taxonomyTerms.code,
      taxonomyId: taxonomyTerms.taxonomyId,
    })
    .from(serviceTaxonomyTerms)
    .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTaxonomyTerms.taxonomyTermId))
    .where(
      inArray(
        serviceTaxonomyTerms.serviceId,
        rows.map((r) => r.id),
      ),
    );
  const staffRows = await db
    .select({ id: users.id, name: users.name, organisationId: users.organisationId })
    .from(users)
    .where(and(eq(users.role, 'provider_staff'), isNotNull(users.organisationId)))
    .orderBy(asc(users.email));
  const supportTaxonomy = taxonomyId('linkwell-support');
  return rows.map((row) => {
    const own = terms.filter((t) => t.serviceId === row.id);
    const supportCodes = own.filter((t) => t.taxonomyId === supportTaxonomy).map((t) => t.code);
    const lawCodes = own.filter((t) => t.taxonomyId !== supportTaxonomy).map((t) => t.code);
    const kinds = [...new Set(supportCodes.map((c) => kindNames.get(c.split('.')[0] ?? '') ?? ''))]
      .filter((k) => k !== '')
      .sort();
    const staff = staffRows.find((u) => u.organisationId === row.organisationId);
    return {
      id: row.id,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      supportCodes: supportCodes.sort(),
      lawCodes: lawCodes.sort(),
      kinds,
      isActive: row.status === 'active',
      isAcceptingReferrals: row.isAcceptingReferrals,
      acceptsWaitingList: row.acceptsWaitingList,
      staff: staff ? { id: staff.id, name: staff.name } : null,
    };
  });
}

/** Everything the history of one demo programme needs, or undefined when it is not in the database. */
export async function loadProgrammeContext(
  db: Executor,
  demo: DemoProgramme,
): Promise<ProgrammeContext | undefined> {
  const [programme] = await db.select().from(programmes).where(eq(programmes.slug, demo.slug));
  if (!programme) return undefined;
  const team = await db
    .select({ id: users.id, name: users.name, role: users.role, email: users.email })
    .from(users)
    .where(eq(users.programmeId, programme.id));
  // Demo staff order, so the printed link worker login is the first and takes the first share.
  const staffOrder = demoStaff.map((s) => emailOf(s).toLowerCase());
  const byDemoOrder = (a: { email: string }, b: { email: string }) =>
    staffOrder.indexOf(a.email.toLowerCase()) - staffOrder.indexOf(b.email.toLowerCase());
  const linkWorkers = team.filter((u) => u.role === 'link_worker').sort(byDemoOrder);
  const coordinator = team.find((u) => u.role === 'coordinator');
  if (!coordinator || linkWorkers.length === 0) return undefined;

  const referring = await db
    .select({ id: organisations.id, type: organisations.type })
    .from(programmeReferringOrganisations)
    .innerJoin(organisations, eq(organisations.id, programmeReferringOrganisations.organisationId))
    .where(eq(programmeReferringOrganisations.programmeId, programme.id))
    .orderBy(asc(organisations.name));
  const referrerRows = await db
    .select({ id: users.id, name: users.name, email: users.email, organisationId: users.organisationId })
    .from(users)
    .where(inArray(users.role, ['referrer', 'provider_staff']))
    .orderBy(asc(users.email));
  const sources = referring.flatMap((o): ReferralSource[] => {
    const kind = sourceTypeWeights[o.type];
    if (!kind) return [];
    const referrer = referrerRows.find((u) => u.organisationId === o.id) ?? null;
    return [{ sourceType: kind[0], organisationId: o.id, referrer, weight: kind[1] }];
  });

  const providerOrganisations = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        eq(organisations.borough, demo.borough.name),
        inArray(organisations.type, ['vcse', 'advice_agency']),
      ),
    )
    .orderBy(asc(organisations.name));
  const providerReferrers = providerOrganisations.flatMap((o): ReferralSource[] => {
    const referrer = referrerRows.find((u) => u.organisationId === o.id);
    return referrer ? [{ sourceType: 'provider', organisationId: o.id, referrer, weight: 1 }] : [];
  });

  const demoProvider = demoStaff.find((s) => s.role === 'provider_staff' && s.login !== undefined);
  const demoProviderEmail = demoProvider ? emailOf(demoProvider).toLowerCase() : '';
  const demoProviderUser = referrerRows.find((u) => u.email.toLowerCase() === demoProviderEmail);

  const existingPeople = await db
    .select({
      id: people.id,
      dateOfBirth: people.dateOfBirth,
      postcode: people.postcode,
      assignedLinkWorkerId: people.assignedLinkWorkerId,
      nhsNumber: people.nhsNumber,
      phone: people.phone,
      email: people.email,
      needsInterpreter: people.needsInterpreter,
      language: people.language,
      imdDecile: people.imdDecile,
    })
    .from(people)
    .where(eq(people.programmeId, programme.id))
    .orderBy(
      asc(people.familyName),
      asc(people.givenName),
      asc(people.dateOfBirth),
      asc(people.nhsNumber),
      asc(people.postcode),
    );

  return {
    id: programme.id,
    demo,
    settings: readProgrammeSettings(programme.settings),
    coordinator: { id: coordinator.id, name: coordinator.name },
    linkWorkers: linkWorkers.map((u) => ({ id: u.id, name: u.name })),
    sources,
    providerReferrers,
    services: await loadServices(db, demo.borough.name),
    people: existingPeople,
    demoProviderOrganisationId: demoProviderUser?.organisationId ?? null,
    areas: await areasOfPostcodes(
      db,
      demo.borough.districts.flatMap((district) => district.postcodes),
    ),
  };
}

/** The area of each postcode, once per distinct postcode, by the one derivation every writer uses. */
export async function areasOfPostcodes(
  db: Executor,
  postcodes: readonly string[],
): Promise<Map<string, PersonArea>> {
  const areas = new Map<string, PersonArea>();
  for (const postcode of new Set(postcodes)) areas.set(postcode, await personAreaOfPostcode(db, postcode));
  return areas;
}
