// The equity panel: who is referred, and who stays engaged, against who lives in the area. Rates per
// 1,000 residents by borough, IMD decile, age band and sex (population denominators), then the same
// groups' engagement and completion as shares of their referrals, so drop-off in seldom-reached groups
// shows even where referral rates look fair. Ethnicity and main language have no denominator here
// (the Census counts by group are not loaded), so they are compared internally only, and say so.
// Headlines: the most-to-least deprived quintile ratio and the concentration index (equity-measures.ts).
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import {
  ageBands,
  ethnicGroupOf,
  ethnicGroups,
  ethnicities,
  imdDeciles,
  type EthnicGroup,
  type Ethnicity,
} from '../../vocabulary/demographics';
import {
  concentrationIndex,
  concentrationIndexMethod,
  quintileRatio,
  quintileRatioMethod,
  ratePer1000,
} from '../equity-measures';
import type { InsightFilters, PanelBuilder, RawCell, RawTable } from '../panel';
import { factsConditions, findScopeBoroughs, textArray, toNumber, type ScopeBorough } from './facts-scope';

/** Referred, engaged (first moved to in progress) and completed, for one group. */
type Tally = { referred: number; engaged: number; completed: number };
const emptyTally = (): Tally => ({ referred: 0, engaged: 0, completed: 0 });
function add(into: Tally, from: Tally): void {
  into.referred += from.referred;
  into.engaged += from.engaged;
  into.completed += from.completed;
}

type AreaRow = Tally & {
  boroughCode: string | null;
  imdDecile: number | null;
  ageBand: string | null;
  sex: string | null;
  isInScope: boolean;
};

const UNKNOWN = 'unknown';
const ELSEWHERE = 'elsewhere';
const NOT_RECORDED = 'not_recorded';
const noDenominator = 'No population denominator for this group';

const tallyColumns = [
  { key: 'referred', label: 'Referred per 1,000' },
  { key: 'engaged', label: 'Engaged per 1,000' },
  { key: 'completed', label: 'Completed per 1,000' },
];
const shareColumns = [
  { key: 'count', label: 'Referrals', unit: 'count' as const },
  { key: 'referrals', label: 'Share of all referrals' },
  { key: 'engaged', label: 'Engaged (share of the group’s referrals)' },
  { key: 'completed', label: 'Completed (share of the group’s referrals)' },
];

const share = (part: number, whole: number): RawCell =>
  whole > 0 ? { value: part / whole, people: part, of: whole } : { value: null, reason: 'No referrals' };

function rateCell(count: number, population: number | null): RawCell {
  const value = ratePer1000(count, population);
  return value === null ? { value: null, reason: noDenominator } : { value, people: count, of: population! };
}

function rateCells(tally: Tally, population: number | null): Record<string, RawCell> {
  return {
    referred: rateCell(tally.referred, population),
    engaged: rateCell(tally.engaged, population),
    completed: rateCell(tally.completed, population),
  };
}

function shareCells(tally: Tally, allReferrals: number): Record<string, RawCell> {
  return {
    count: { value: tally.referred, people: tally.referred },
    referrals: share(tally.referred, allReferrals),
    engaged: share(tally.engaged, tally.referred),
    completed: share(tally.completed, tally.referred),
  };
}

type Group = { key: string; label: string; tally: Tally; population: number | null };

/** A dimension's pair of tables: rates per 1,000 (groups with a population) and drop-off shares. */
function ratesAndShares(options: {
  id: string;
  subject: string;
  groups: Group[];
  /** Rows with no denominator (unknown area, prefer not to say…): in the share table only. */
  others: Group[];
  denominator: string;
}): RawTable[] {
  const inScope = emptyTally();
  let population = 0;
  for (const group of options.groups) {
    add(inScope, group.tally);
    population += group.population ?? 0;
  }
  const all = { ...inScope };
  for (const group of options.others) add(all, group.tally);
  const periodNote =
    'Referrals received in the period (not annualised); engaged: the person first moved to in progress; ' +
    'completed: support reached its planned end (goals met or connected to services; other closures, such as ' +
    'unable to contact, are not completions).';
  return [
    {
      id: `${options.id}-rates`,
      title: `Referral, engagement and completion rates per 1,000 residents by ${options.subject}`,
      description: `${periodNote} Denominator: ${options.denominator} People living elsewhere or with no known area are in the shares table’s last rows, not in these rates.`,
      chart: 'bar',
      unit: 'rate_per_1000',
      columns: tallyColumns,
      rows: options.groups.map((group) => ({
        key: group.key,
        label: group.label,
        cells: rateCells(group.tally, group.population),
      })),
      total: { label: 'All', cells: rateCells(inScope, population > 0 ? population : null) },
    },
    {
      id: `${options.id}-drop-off`,
      title: `Engagement and completion as a share of referrals by ${options.subject}`,
      description: `${periodNote} A group whose referrals engage or complete less often than others is dropping off after referral.`,
      chart: 'bar',
      unit: 'share',
      columns: shareColumns,
      rows: [...options.groups, ...options.others].map((group) => ({
        key: group.key,
        label: group.label,
        cells: shareCells(group.tally, all.referred),
      })),
      total: { label: 'All referrals', cells: shareCells(all, all.referred) },
    },
  ];
}

const decileLabel = (decile: number): string =>
  decile === 1 ? '1 (most deprived)' : decile === 10 ? '10 (least deprived)' : String(decile);

const sexLabels: Record<string, string> = {
  female: 'Female',
  male: 'Male',
  prefer_not_to_say: 'Prefer not to say',
};

const ethnicGroupLabels: Record<EthnicGroup, string> = {
  asian: 'Asian, Asian British or Asian Welsh',
  black: 'Black, Black British, Black Welsh, Caribbean or African',
  mixed: 'Mixed or Multiple ethnic groups',
  white: 'White',
  other: 'Other ethnic group',
};

/** Census 2021 wording (England). */
const ethnicityLabels: Record<Ethnicity, string> = {
  asian_indian: 'Asian: Indian',
  asian_pakistani: 'Asian: Pakistani',
  asian_bangladeshi: 'Asian: Bangladeshi',
  asian_chinese: 'Asian: Chinese',
  asian_other: 'Asian: any other Asian background',
  black_caribbean: 'Black: Caribbean',
  black_african: 'Black: African',
  black_other: 'Black: any other Black, Black British or Caribbean background',
  mixed_white_black_caribbean: 'Mixed: White and Black Caribbean',
  mixed_white_black_african: 'Mixed: White and Black African',
  mixed_white_asian: 'Mixed: White and Asian',
  mixed_other: 'Mixed: any other Mixed or multiple ethnic background',
  white_british: 'White: English, Welsh, Scottish, Northern Irish or British',
  white_irish: 'White: Irish',
  white_gypsy_irish_traveller: 'White: Gypsy or Irish Traveller',
  white_roma: 'White: Roma',
  white_other: 'White: any other White background',
  other_arab: 'Other ethnic group: Arab',
  other_any: 'Other ethnic group: any other ethnic group',
  prefer_not_to_say: 'Prefer not to say',
};

/** Languages shown by name; the rest are summed into "Other languages" so the table stays readable. */
const languagesShown = 12;

type GroupRow = Tally & { ethnicity: Ethnicity | null; language: string | null };

/**
 * Both groupings in one scan of the facts (GROUPING SETS): by area, age and sex for the rates, and by
 * ethnicity and language for the internal comparisons. `is_area` tells the two kinds of row apart.
 */
async function loadTallies(
  db: Executor,
  filters: InsightFilters,
  scope: ScopeBorough[],
): Promise<{ areaRows: AreaRow[]; groupRows: GroupRow[] }> {
  const rows = await queryRows<{
    is_area: boolean;
    borough_code: string | null;
    imd_decile: number | null;
    age_band: string | null;
    sex: string | null;
    ethnicity: string | null;
    language: string | null;
    referred: string | number;
    engaged: string | number;
    completed: string | number;
  }>(
    db,
    sql`select grouping(f.ethnicity) = 1 as is_area, f.borough_code, f.imd_decile, f.age_band, f.sex,
        f.ethnicity, nullif(trim(f.language), '') as language,
        count(*) as referred, count(f.engaged_at) as engaged, count(f.completed_at) as completed
      from referral_facts f
      where ${factsConditions(filters)}
      group by grouping sets ((f.borough_code, f.imd_decile, f.age_band, f.sex),
        (f.ethnicity, nullif(trim(f.language), '')))`,
  );
  const inScope = new Set(scope.map((borough) => borough.code));
  const tally = (row: (typeof rows)[number]): Tally => ({
    referred: toNumber(row.referred),
    engaged: toNumber(row.engaged),
    completed: toNumber(row.completed),
  });
  return {
    areaRows: rows
      .filter((row) => row.is_area)
      .map((row) => ({
        boroughCode: row.borough_code,
        imdDecile: row.imd_decile === null ? null : Number(row.imd_decile),
        ageBand: row.age_band,
        sex: row.sex,
        isInScope: row.borough_code !== null && inScope.has(row.borough_code),
        ...tally(row),
      })),
    groupRows: rows
      .filter((row) => !row.is_area)
      .map((row) => ({
        ethnicity: row.ethnicity as Ethnicity | null,
        language: row.language,
        ...tally(row),
      })),
  };
}

async function loadPopulations(db: Executor, scope: ScopeBorough[]) {
  const codes = textArray(scope.map((borough) => borough.code));
  const census = await queryRows<{ borough_code: string; sex: string; age_band: string; population: number }>(
    db,
    sql`select borough_code, sex, age_band, population from borough_population
      where borough_code = any(${codes}) and (sex = 'all' or age_band = 'all')`,
  );
  const deciles = await queryRows<{ imd_decile: number; population: string | number }>(
    db,
    sql`select imd_decile, sum(population) as population from lsoas
      where borough_code = any(${codes}) group by imd_decile`,
  );
  const byBorough = new Map<string, number>();
  const byAge = new Map<string, number>();
  const bySex = new Map<string, number>();
  for (const row of census) {
    const population = toNumber(row.population);
    if (row.sex === 'all' && row.age_band === 'all') byBorough.set(row.borough_code, population);
    else if (row.sex === 'all') byAge.set(row.age_band, (byAge.get(row.age_band) ?? 0) + population);
    else if (row.age_band === 'all') bySex.set(row.sex, (bySex.get(row.sex) ?? 0) + population);
  }
  const byDecile = new Map(deciles.map((row) => [Number(row.imd_decile), toNumber(row.population)]));
  return { byBorough, byAge, bySex, byDecile };
}

function sumBy(rows: AreaRow[], keyOf: (row: AreaRow) => string): Map<string, Tally> {
  const sums = new Map<string, Tally>();
  for (const row of rows) {
    const key = keyOf(row);
    const tally = sums.get(key) ?? emptyTally();
    add(tally, row);
    sums.set(key, tally);
  }
  return sums;
}

function internalShareTable(options: {
  id: string;
  title: string;
  subject: string;
  groups: Group[];
}): RawTable {
  const all = emptyTally();
  for (const group of options.groups) add(all, group.tally);
  return {
    id: options.id,
    title: options.title,
    description:
      `Internal comparison: no population denominator is used (Census 2021 counts by ${options.subject} are not ` +
      'loaded), so these are shares of the programme’s own referrals, not rates. Engaged: the person first moved ' +
      'to in progress; completed: support reached its planned end (goals met or connected to services).',
    chart: 'bar',
    unit: 'share',
    columns: shareColumns,
    rows: options.groups.map((group) => ({
      key: group.key,
      label: group.label,
      cells: shareCells(group.tally, all.referred),
    })),
    total: { label: 'All referrals', cells: shareCells(all, all.referred) },
  };
}

export const buildEquityPanel: PanelBuilder = async (db, filters) => {
  const scope = await findScopeBoroughs(db, filters);
  const { areaRows, groupRows } = await loadTallies(db, filters, scope);
  const populations = await loadPopulations(db, scope);
  const inScope = areaRows.filter((row) => row.isInScope);
  const unknownArea = sumBy(
    areaRows.filter((row) => !row.isInScope),
    (row) => (row.boroughCode === null ? UNKNOWN : ELSEWHERE),
  );
  const outsideRows = (unknownLabel: string): Group[] => [
    ...(unknownArea.has(ELSEWHERE)
      ? [
          {
            key: ELSEWHERE,
            label: 'Lives in another London borough',
            tally: unknownArea.get(ELSEWHERE)!,
            population: null,
          },
        ]
      : []),
    { key: UNKNOWN, label: unknownLabel, tally: unknownArea.get(UNKNOWN) ?? emptyTally(), population: null },
  ];
  const boroughNames = scope.map((borough) => borough.name).join(', ') || 'none';
  const scopeNote = `the boroughs in scope (${boroughNames}); a programme covering only part of a borough is compared with the whole borough.`;

  // Borough.
  const byBorough = sumBy(inScope, (row) => row.boroughCode!);
  const boroughTables = ratesAndShares({
    id: 'borough',
    subject: 'borough',
    groups: scope.map((borough) => ({
      key: borough.code,
      label: borough.name,
      tally: byBorough.get(borough.code) ?? emptyTally(),
      population: populations.byBorough.get(borough.code) ?? null,
    })),
    others: outsideRows('Unknown / outside London'),
    denominator: `Census 2021 usual residents of each borough (ONS TS009); ${scopeNote}`,
  });

  // IMD decile: the person's LSOA decile; LSOA populations summed by decile over the boroughs in scope.
  const byDecile = sumBy(
    inScope.filter((row) => row.imdDecile !== null),
    (row) => String(row.imdDecile),
  );
  const noDecile = sumBy(
    inScope.filter((row) => row.imdDecile === null),
    () => UNKNOWN,
  ).get(UNKNOWN);
  const decileOthers = outsideRows('Unknown / outside London');
  if (noDecile) add(decileOthers[decileOthers.length - 1]!.tally, noDecile);
  const decileGroups: Group[] = imdDeciles.map((decile) => ({
    key: String(decile),
    label: decileLabel(decile),
    tally: byDecile.get(String(decile)) ?? emptyTally(),
    population: populations.byDecile.get(decile) ?? null,
  }));
  const decileTables = ratesAndShares({
    id: 'imd-decile',
    subject: 'IMD 2019 decile (1 = most deprived tenth of England)',
    groups: decileGroups,
    others: decileOthers,
    denominator: `ONS mid-2015 population of the LSOAs in each IMD 2019 decile (the indices’ own denominators), summed over ${scopeNote}`,
  });

  // Age band at receipt.
  const byAge = sumBy(
    inScope.filter((row) => row.ageBand !== null),
    (row) => row.ageBand!,
  );
  const ageOthers = outsideRows('Date of birth not recorded, or unknown / outside London');
  const noAge = sumBy(
    inScope.filter((row) => row.ageBand === null),
    () => UNKNOWN,
  ).get(UNKNOWN);
  if (noAge) add(ageOthers[ageOthers.length - 1]!.tally, noAge);
  const ageTables = ratesAndShares({
    id: 'age',
    subject: 'age band',
    groups: ageBands.map((band) => ({
      key: band,
      label: band.replace('-', '–'),
      tally: byAge.get(band) ?? emptyTally(),
      population: populations.byAge.get(band) ?? null,
    })),
    others: ageOthers,
    denominator: `Census 2021 usual residents by age (ONS TS009, single years summed into bands) of ${scopeNote} Age is at the referral’s receipt.`,
  });

  // Sex.
  const bySex = sumBy(inScope, (row) => row.sex ?? NOT_RECORDED);
  const sexOthers = outsideRows('Not recorded, or unknown / outside London');
  const notRecordedSex = bySex.get(NOT_RECORDED);
  if (notRecordedSex) add(sexOthers[sexOthers.length - 1]!.tally, notRecordedSex);
  const sexTables = ratesAndShares({
    id: 'sex',
    subject: 'sex',
    groups: (['female', 'male'] as const).map((sex) => ({
      key: sex,
      label: sexLabels[sex]!,
      tally: bySex.get(sex) ?? emptyTally(),
      population: populations.bySex.get(sex) ?? null,
    })),
    others: [
      {
        key: 'prefer_not_to_say',
        label: sexLabels.prefer_not_to_say!,
        tally: bySex.get('prefer_not_to_say') ?? emptyTally(),
        population: null,
      },
      ...sexOthers,
    ],
    denominator: `Census 2021 usual residents by sex (ONS TS009) of ${scopeNote}`,
  });

  // Ethnicity (five groups, then the 19 categories) and main language: internal comparison.
  const byGroup = new Map<string, Tally>();
  const byCategory = new Map<string, Tally>();
  const byLanguage = new Map<string, Tally>();
  for (const row of groupRows) {
    const group =
      row.ethnicity === null ? NOT_RECORDED : (ethnicGroupOf(row.ethnicity) ?? 'prefer_not_to_say');
    for (const [map, key] of [
      [byGroup, group],
      [byCategory, row.ethnicity ?? NOT_RECORDED],
      [byLanguage, row.language ?? NOT_RECORDED],
    ] as const) {
      const tally = map.get(key) ?? emptyTally();
      add(tally, row);
      map.set(key, tally);
    }
  }
  const tallyOf = (map: Map<string, Tally>, key: string) => map.get(key) ?? emptyTally();
  const unanswered = (map: Map<string, Tally>): Group[] => [
    {
      key: 'prefer_not_to_say',
      label: 'Prefer not to say',
      tally: tallyOf(map, 'prefer_not_to_say'),
      population: null,
    },
    { key: NOT_RECORDED, label: 'Not recorded', tally: tallyOf(map, NOT_RECORDED), population: null },
  ];
  const languages = [...byLanguage.entries()]
    .filter(([key]) => key !== NOT_RECORDED)
    .sort(([a, x], [b, y]) => y.referred - x.referred || a.localeCompare(b));
  const otherLanguages = emptyTally();
  for (const [, tally] of languages.slice(languagesShown)) add(otherLanguages, tally);

  const tables: RawTable[] = [
    ...boroughTables,
    ...decileTables,
    ...ageTables,
    ...sexTables,
    internalShareTable({
      id: 'ethnic-group',
      title: 'Share of referrals, engagement and completion by ethnic group',
      subject: 'ethnic group',
      groups: [
        ...ethnicGroups.map((group) => ({
          key: group,
          label: ethnicGroupLabels[group],
          tally: tallyOf(byGroup, group),
          population: null,
        })),
        ...unanswered(byGroup),
      ],
    }),
    internalShareTable({
      id: 'ethnicity',
      title: 'Share of referrals, engagement and completion by ethnicity (Census 2021 categories)',
      subject: 'ethnicity',
      groups: [
        ...ethnicities
          .filter((ethnicity) => ethnicity !== 'prefer_not_to_say')
          .map((ethnicity) => ({
            key: ethnicity,
            label: ethnicityLabels[ethnicity],
            tally: tallyOf(byCategory, ethnicity),
            population: null,
          })),
        ...unanswered(byCategory),
      ],
    }),
    internalShareTable({
      id: 'language',
      title: 'Share of referrals, engagement and completion by main language',
      subject: 'main language',
      groups: [
        ...languages.slice(0, languagesShown).map(([language, tally]) => ({
          key: language,
          label: language,
          tally,
          population: null,
        })),
        ...(languages.length > languagesShown
          ? [{ key: 'other', label: 'Other languages', tally: otherLanguages, population: null }]
          : []),
        {
          key: NOT_RECORDED,
          label: 'Not recorded',
          tally: tallyOf(byLanguage, NOT_RECORDED),
          population: null,
        },
      ],
    }),
  ];

  const decileCounts = decileGroups.map((group) => ({
    decile: Number(group.key),
    count: group.tally.referred,
    population: group.population ?? 0,
  }));
  const ratio = quintileRatio(decileCounts);
  const index = concentrationIndex(decileCounts);
  const decileReferrals = decileCounts.reduce((sum, row) => sum + row.count, 0);
  return {
    title: 'Equity',
    headlines: [
      {
        id: 'quintile-ratio',
        label: 'Referral rate in the most deprived fifth of areas compared with the least deprived',
        cell:
          ratio.ratio === null
            ? { value: null, reason: 'Too few referrals or no population in deciles 1–2 or 9–10' }
            : { value: ratio.ratio, people: ratio.count },
        unit: 'index',
        method: quintileRatioMethod,
      },
      {
        id: 'concentration-index',
        label: 'Concentration index of referrals by deprivation',
        cell:
          index === null
            ? { value: null, reason: 'No referrals with a known IMD decile in the boroughs in scope' }
            : { value: index, people: decileReferrals },
        unit: 'index',
        method: concentrationIndexMethod,
      },
    ],
    tables,
    notes: [
      'Rates compare referrals with the people living in the area; ethnicity and language compare referrals with each other (no population denominator).',
      'Areas come from each person’s postcode (LSOA 2011, IMD 2019); people with no London postcode are counted in the “Unknown / outside London” rows, never dropped.',
    ],
  };
};
