// Routing a referral to one programme (the tenant of the person's data). Rules, in order:
// programme staff refer into their own programme; a referring organisation goes to the programme
// it is linked to (approved links only: programmes/links.ts); otherwise the programme covering the
// person's borough (and, when it names postcode districts, their district).
// Never by age or id: programme areas may not overlap (programmes/area-conflicts.ts), an
// organisation linked to several programmes (only a platform admin can do that) is routed among
// them by the person's area, and a place still covered twice (set up before migration 0015) is
// refused until a platform admin settles it. Every route is explained in a sentence stored on
// the referral. decideRouting is pure; findRoutingCandidates is the small query.
import { eq, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { organisations, programmeReferringOrganisations, programmes, users } from '../../db/schema';
import { parsePostcode, resolvePostcode, type PostcodeResolution } from '../../geo';
import { AppError, invalidField } from '../../http/errors';
import type { RoutingBasis } from '../../vocabulary/referral';

export type ProgrammeCandidate = {
  id: string;
  name: string;
  areas: string[];
  postcodeDistricts: string[];
  /** The referring organisation has an approved link to this programme. */
  listsReferringOrganisation: boolean;
  /** Who approved that link and when (null for links made before approvals were recorded). */
  link?: { approvedAt: Date | null; approvedByName: string | null; approvedByRole: string | null };
};

export type RoutingFacts = {
  /** Set for coordinators and link workers: they refer into their own programme. */
  staffProgrammeId?: string | null | undefined;
  /** Where the person lives, when known: borough name from the offline geography, postcode district. */
  boroughName?: string | null | undefined;
  district?: string | null | undefined;
};

export type { RoutingBasis };
export type RoutingDecision =
  | { programmeId: string; basis: RoutingBasis }
  /** More than one programme qualifies equally: nobody may pick one silently. */
  | { programmeId?: never; basis: RoutingBasis; conflictingProgrammeIds: string[] }
  | undefined;

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether the programme covers where the person lives. */
export function coversPlace(
  programme: ProgrammeCandidate,
  boroughName: string,
  district: string | null,
): boolean {
  if (!programme.areas.some((area) => sameText(area, boroughName))) return false;
  if (programme.postcodeDistricts.length === 0) return true;
  return district !== null && programme.postcodeDistricts.some((d) => sameText(d, district));
}

/**
 * The one programme covering a place. A programme naming the district is more specific than one
 * covering the whole borough (an explicit split); two at the same level are a conflict, not a choice.
 */
function chooseCovering(covering: ProgrammeCandidate[], basis: RoutingBasis): RoutingDecision {
  const specific = covering.filter((p) => p.postcodeDistricts.length > 0);
  const level = specific.length > 0 ? specific : covering;
  if (level.length === 0) return undefined;
  if (level.length === 1) return { programmeId: level[0]!.id, basis };
  return { basis, conflictingProgrammeIds: level.map((p) => p.id).sort() };
}

export function decideRouting(facts: RoutingFacts, candidates: ProgrammeCandidate[]): RoutingDecision {
  if (facts.staffProgrammeId) return { programmeId: facts.staffProgrammeId, basis: 'staff' };
  const linked = candidates.filter((p) => p.listsReferringOrganisation);
  if (linked.length === 1) return { programmeId: linked[0]!.id, basis: 'organisation' };
  if (!facts.boroughName) return undefined;
  const covers = (p: ProgrammeCandidate) => coversPlace(p, facts.boroughName!, facts.district ?? null);
  // Linked to several (a platform admin's choice): the person's area picks among them.
  const amongLinked = chooseCovering(linked.filter(covers), 'organisation');
  if (amongLinked) return amongLinked;
  return chooseCovering(candidates.filter(covers), 'postcode');
}

const approver = alias(users, 'link_approver');

/** Programmes with an approved link to the organisation, or covering the borough. */
export async function findRoutingCandidates(
  db: Executor,
  where: { organisationId: string | null; boroughName: string | null },
): Promise<ProgrammeCandidate[]> {
  const coversBorough = where.boroughName
    ? sql<boolean>`exists (select 1 from unnest(${programmes.areas}) as area
        where lower(area) = lower(${where.boroughName}))`
    : sql<boolean>`false`;
  const rows = await db
    .select({
      id: programmes.id,
      name: programmes.name,
      areas: programmes.areas,
      postcodeDistricts: programmes.postcodeDistricts,
      linkedOrganisationId: programmeReferringOrganisations.organisationId,
      approvedAt: programmeReferringOrganisations.approvedAt,
      approvedByName: approver.name,
      approvedByRole: approver.role,
    })
    .from(programmes)
    .leftJoin(
      programmeReferringOrganisations,
      sql`${programmeReferringOrganisations.programmeId} = ${programmes.id}
        and ${programmeReferringOrganisations.organisationId} = ${where.organisationId}`,
    )
    .leftJoin(approver, eq(approver.id, programmeReferringOrganisations.approvedByUserId))
    .where(or(sql`${programmeReferringOrganisations.organisationId} is not null`, coversBorough))
    .orderBy(programmes.name);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    areas: row.areas,
    postcodeDistricts: row.postcodeDistricts,
    listsReferringOrganisation: row.linkedOrganisationId !== null,
    ...(row.linkedOrganisationId !== null
      ? {
          link: {
            approvedAt: row.approvedAt,
            approvedByName: row.approvedByName,
            approvedByRole: row.approvedByRole,
          },
        }
      : {}),
  }));
}

export async function findProgrammeName(db: Executor, programmeId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ name: programmes.name })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  return row?.name;
}

async function findOrganisationName(db: Executor, organisationId: string | null): Promise<string> {
  if (!organisationId) return 'the referring organisation';
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row?.name ?? 'the referring organisation';
}

export type RoutedProgramme = {
  id: string;
  name: string;
  basis: RoutingBasis;
  /** Why the referral went there, in a sentence for the programme's staff (stored on the referral). */
  explanation: string;
};

const longDate = (date: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).format(date);

/** "(approved by Dr Amir Khan on 7 December 2026)": who made the link routing relied on. */
export function describeApproval(link: ProgrammeCandidate['link']): string {
  if (!link?.approvedAt) return '(linked before approvals were recorded)';
  const on = longDate(link.approvedAt);
  // Users are never deleted, so a link without an approver was made by Linkwell's own set-up.
  if (!link.approvedByName) return `(linked when Linkwell was set up, on ${on})`;
  const who =
    link.approvedByRole === 'platform_admin' ? `platform admin ${link.approvedByName}` : link.approvedByName;
  return `(approved by ${who} on ${on})`;
}

function describePlace(place: { postcode: string; boroughName: string | null }): string {
  return place.boroughName ? `${place.postcode} (${place.boroughName})` : place.postcode;
}

/**
 * Routes a referral, resolving the postcode offline only when the organisation does not decide it.
 * No covering programme is a 400 naming the postcode field, worded for the one who asked; a place
 * two programmes claim is a 409 naming the same field and the programmes.
 */
export async function routeReferral(
  db: Executor,
  input: {
    staffProgrammeId?: string | null;
    organisationId: string | null;
    postcode: string | undefined;
    postcodeField: string;
    noProgrammeMessage: (place: string) => string;
  },
): Promise<RoutedProgramme> {
  if (input.staffProgrammeId) {
    const name = (await findProgrammeName(db, input.staffProgrammeId)) ?? '';
    return {
      id: input.staffProgrammeId,
      name,
      basis: 'staff',
      explanation: `Referred by a member of staff of ${name} into their own programme.`,
    };
  }
  const linked = input.organisationId
    ? (await findRoutingCandidates(db, { organisationId: input.organisationId, boroughName: null })).filter(
        (p) => p.listsReferringOrganisation,
      )
    : [];
  const organisationName = await findOrganisationName(db, input.organisationId);
  if (linked.length === 1) {
    const programme = linked[0]!;
    return {
      id: programme.id,
      name: programme.name,
      basis: 'organisation',
      explanation: `Referring organisation ${organisationName} is linked to ${programme.name} ${describeApproval(programme.link)}.`,
    };
  }
  if (!input.postcode) {
    if (linked.length > 1)
      throw invalidField(
        input.postcodeField,
        `${organisationName} refers to more than one programme, so the person’s postcode decides which: enter it.`,
      );
    throw invalidField(input.postcodeField, input.noProgrammeMessage('the person’s area'));
  }
  let place: PostcodeResolution;
  try {
    place = await resolvePostcode(db, input.postcode, input.postcodeField, 'body');
  } catch (error) {
    // Outside London is not a typo: it is simply not covered, so say that in the same words.
    if (error instanceof AppError && error.extra?.reason === 'outside_london')
      throw invalidField(input.postcodeField, input.noProgrammeMessage(input.postcode));
    throw error;
  }
  const district = parsePostcode(place.postcode).district;
  const candidates = await findRoutingCandidates(db, {
    organisationId: input.organisationId,
    boroughName: place.boroughName,
  });
  const decision = decideRouting({ boroughName: place.boroughName, district }, candidates);
  if (!decision) throw invalidField(input.postcodeField, input.noProgrammeMessage(describePlace(place)));
  if (decision.programmeId === undefined) {
    const names = candidates
      .filter((p) => decision.conflictingProgrammeIds.includes(p.id))
      .map((p) => p.name);
    const detail =
      `More than one programme covers ${describePlace(place)}: ${names.join(' and ')}. ` +
      'A platform admin must settle which one takes referrals from there; no programme was chosen.';
    throw new AppError('conflict', detail, {
      errors: [
        {
          field: input.postcodeField,
          pointer: `#/${input.postcodeField.split('.').join('/')}`,
          in: 'body',
          detail,
        },
      ],
      extra: { conflictingProgrammes: decision.conflictingProgrammeIds },
    });
  }
  const programme = candidates.find((p) => p.id === decision.programmeId)!;
  const borough = place.boroughName ?? 'London';
  const area = programme.postcodeDistricts.length > 0 ? `${borough}, district ${district}` : borough;
  const inPlace = `Postcode ${place.postcode} is in ${area}, covered by ${programme.name}`;
  const explanation =
    decision.basis === 'organisation'
      ? `Referring organisation ${organisationName} is linked to ${linked.map((p) => p.name).join(' and ')}; ` +
        `${inPlace} ${describeApproval(programme.link)}.`
      : `${inPlace}.`;
  return { id: programme.id, name: programme.name, basis: decision.basis, explanation };
}
