// The demand panel: how many people could benefit from social prescribing, against the referrals
// made. Per borough: adults (Census 2021, or a population the programme enters) × the share with a
// social problem; per practice: its list size × that share (and its consultations a year × the share,
// when entered). The share defaults to 1 in 5 with its source; every assumption is editable
// (demand-assumptions.ts) and listed in the notes with the source it was entered with.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { defaultSocialShare, listDemandAssumptions, sourceShown } from '../demand-assumptions';
import type { InsightFilters, PanelBuilder, RawCell, RawTable } from '../panel';
import { factsConditions, findScopeBoroughs, textArray, toNumber } from './facts-scope';

type Estimate = {
  key: string;
  label: string;
  /** People the share is applied to (adults or a list size); null when none is known. */
  base: number | null;
  share: number;
  consultations: number | null;
  referrals: number;
};

const notEntered = (what: string): RawCell => ({ value: null, reason: `${what} not entered` });
const people = (value: number): RawCell => ({ value, people: value });

/** Referrals in the period scaled to a year, so a short period compares with a yearly estimate. */
function yearFactor(filters: InsightFilters): number {
  const days = (filters.end.getTime() - filters.start.getTime()) / 86_400_000;
  return days > 0 ? 365.25 / days : 1;
}

function estimateCells(estimate: Estimate, perYear: number): Record<string, RawCell> {
  const couldBenefit = estimate.base === null ? null : Math.round(estimate.base * estimate.share);
  return {
    base: estimate.base === null ? notEntered('List size') : people(estimate.base),
    share: { value: estimate.share },
    couldBenefit: couldBenefit === null ? notEntered('List size') : people(couldBenefit),
    socialConsultations:
      estimate.consultations === null
        ? notEntered('Consultations')
        : { value: Math.round(estimate.consultations * estimate.share) },
    referrals: { value: estimate.referrals, people: estimate.referrals },
    reach:
      couldBenefit === null || couldBenefit === 0
        ? { value: null, reason: 'No estimate of people who could benefit' }
        : {
            value: (estimate.referrals * perYear) / couldBenefit,
            people: estimate.referrals,
            of: couldBenefit,
          },
  };
}

const columns = (baseLabel: string) => [
  { key: 'base', label: baseLabel, unit: 'people' as const },
  { key: 'share', label: 'Share with a social problem', unit: 'share' as const },
  { key: 'couldBenefit', label: 'People who could benefit', unit: 'people' as const },
  { key: 'socialConsultations', label: 'Consultations a year for social problems', unit: 'count' as const },
  { key: 'referrals', label: 'Referrals in the period', unit: 'count' as const },
  { key: 'reach', label: 'Referrals a year as a share of people who could benefit', unit: 'share' as const },
];

function estimateTable(
  table: Pick<RawTable, 'id' | 'title' | 'description'>,
  estimates: Estimate[],
  baseLabel: string,
  perYear: number,
): RawTable {
  return {
    ...table,
    chart: 'bar',
    unit: 'people',
    columns: columns(baseLabel),
    rows: estimates.map((estimate) => ({
      key: estimate.key,
      label: estimate.label,
      cells: estimateCells(estimate, perYear),
    })),
  };
}

async function referralsBy(
  db: Executor,
  filters: InsightFilters,
  column: 'borough_code' | 'referring_organisation_id',
) {
  const rows = await queryRows<{ key: string | null; n: string | number }>(
    db,
    sql`select f.${sql.raw(column)}::text as key, count(*) as n from referral_facts f
      where ${factsConditions(filters)} group by 1`,
  );
  return new Map(rows.filter((row) => row.key !== null).map((row) => [row.key!, toNumber(row.n)]));
}

/** The latest assumption wins where programmes in scope disagree about the same place or practice. */
function latestBy<T extends { updatedAt: Date }>(
  rows: T[],
  keyOf: (row: T) => string | null,
): Map<string, T> {
  const latest = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const current = latest.get(key);
    if (!current || current.updatedAt < row.updatedAt) latest.set(key, row);
  }
  return latest;
}

export const buildDemandPanel: PanelBuilder = async (db, filters) => {
  const perYear = yearFactor(filters);
  const scope = await findScopeBoroughs(db, filters);
  const adults = new Map(
    (
      await queryRows<{ borough_code: string; population: string | number }>(
        db,
        sql`select borough_code, sum(population) as population from borough_population
          where borough_code = any(${textArray(scope.map((borough) => borough.code))})
            and sex = 'all' and age_band not in ('all', '0-17')
          group by borough_code`,
      )
    ).map((row) => [row.borough_code, toNumber(row.population)]),
  );
  const assumptions = await listDemandAssumptions(db, filters.programmeIds);
  const byBorough = latestBy(assumptions, (row) => row.boroughCode);
  const byPractice = latestBy(assumptions, (row) => row.organisationId);
  const boroughReferrals = await referralsBy(db, filters, 'borough_code');
  const practiceReferrals = await referralsBy(db, filters, 'referring_organisation_id');

  const boroughEstimates: Estimate[] = scope.map((borough) => {
    const assumption = byBorough.get(borough.code);
    return {
      key: borough.code,
      label: borough.name,
      base: assumption?.listSize ?? adults.get(borough.code) ?? null,
      share: assumption ? Number(assumption.socialShare) : defaultSocialShare,
      consultations: assumption?.consultationsPerYear ?? null,
      referrals: boroughReferrals.get(borough.code) ?? 0,
    };
  });

  // Practices: those with an assumption, and every GP practice that referred in the period.
  const practices = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from organisations
      where id = any(${textArray([...byPractice.keys()])}::uuid[])
        or (type = 'gp_practice' and id = any(${textArray([...practiceReferrals.keys()])}::uuid[]))
      order by name, id`,
  );
  const practiceEstimates: Estimate[] = practices.map((practice) => {
    const assumption = byPractice.get(practice.id);
    return {
      key: practice.id,
      label: practice.name,
      base: assumption?.listSize ?? null,
      share: assumption ? Number(assumption.socialShare) : defaultSocialShare,
      consultations: assumption?.consultationsPerYear ?? null,
      referrals: practiceReferrals.get(practice.id) ?? 0,
    };
  });

  const totalCouldBenefit = boroughEstimates.reduce(
    (sum, estimate) => sum + (estimate.base === null ? 0 : Math.round(estimate.base * estimate.share)),
    0,
  );
  const totalReferrals = boroughEstimates.reduce((sum, estimate) => sum + estimate.referrals, 0);
  const method =
    'Adults aged 18 and over (Census 2021 usual residents, ONS TS009; or the population the programme entered for the borough) × the share with a social problem (default 1 in 5: around 1 in 5 GP consultations are for social problems, a published estimate cited in the London social prescribing report; or the share the programme entered).';
  const assumptionNotes = [...byBorough.values(), ...byPractice.values()].map((assumption) => {
    const place = assumption.boroughName ?? assumption.organisationName ?? 'Unknown';
    const figures = [
      assumption.listSize !== null
        ? `${assumption.boroughCode ? 'population' : 'list size'} ${assumption.listSize}`
        : null,
      assumption.consultationsPerYear !== null
        ? `${assumption.consultationsPerYear} consultations a year`
        : null,
      `social share ${Math.round(Number(assumption.socialShare) * 1000) / 10}%`,
    ].filter(Boolean);
    return `${place}: ${figures.join(', ')}. Source: ${sourceShown({ source: assumption.source, socialShare: Number(assumption.socialShare) })}`;
  });

  return {
    title: 'Demand',
    headlines: [
      {
        id: 'could-benefit',
        label: 'People who could benefit in the boroughs in scope',
        cell:
          totalCouldBenefit > 0
            ? { value: totalCouldBenefit }
            : { value: null, reason: 'No population known' },
        unit: 'people',
        method,
      },
      {
        id: 'reach',
        label: 'Referrals a year as a share of people who could benefit',
        cell:
          totalCouldBenefit > 0
            ? {
                value: (totalReferrals * perYear) / totalCouldBenefit,
                people: totalReferrals,
                of: totalCouldBenefit,
              }
            : { value: null, reason: 'No estimate of people who could benefit' },
        unit: 'share',
        method: `Referrals received in the period from residents of the boroughs in scope, scaled to a year (× 365.25 ÷ the period’s days), divided by the people who could benefit. ${method}`,
      },
    ],
    tables: [
      estimateTable(
        {
          id: 'demand-boroughs',
          title: 'People who could benefit and referrals made, by borough',
          description: `${method} Referrals: received in the period from people living in the borough. A programme covering part of a borough is compared with the whole borough.`,
        },
        boroughEstimates,
        'Adults (Census 2021) or population entered',
        perYear,
      ),
      estimateTable(
        {
          id: 'demand-practices',
          title: 'People who could benefit and referrals made, by GP practice',
          description:
            'The list size (or consultations a year) the programme entered for each practice × the share with a social problem (default 1 in 5, a published estimate cited in the London social prescribing report). Referrals: received in the period from the practice. Practices with no list size entered show their referrals only.',
        },
        practiceEstimates,
        'List size entered',
        perYear,
      ),
    ],
    notes: [
      `Default share: ${defaultSocialShare * 100}% (around 1 in 5 GP consultations are for social problems; published estimate cited in the London social prescribing report).`,
      ...assumptionNotes,
    ],
  };
};
