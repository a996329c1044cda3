// The data-quality panel: how much of what the other panels rest on was recorded. Shares of referrals
// received in the period with consent to share, a postcode (hence an area), an ethnicity answer and a
// baseline outcome measure (flags kept in referral_facts by migration 0021), and the directory
// entries in each programme's area nobody has confirmed within the programme's staleness setting
// (the rule of src/directory/curation/flag-stale-services.ts: never confirmed, or not for that long).
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { readProgrammeSettings } from '../../programmes/settings';
import type { PanelBuilder, RawCell, RawTable } from '../panel';
import { factsConditions, toNumber, uuidArray } from './facts-scope';

const count = (value: number): RawCell => ({ value, people: value });
const share = (people: number, of: number): RawCell => ({ value: of === 0 ? null : people / of, people, of });

const recordedFields = [
  { key: 'has_consent_to_share', label: 'Consent to share with providers' },
  { key: 'has_postcode', label: 'Postcode (and so the area)' },
  { key: 'has_ethnicity', label: 'Ethnicity answered (including prefer not to say)' },
  { key: 'has_baseline_measure', label: 'Baseline outcome measure' },
] as const;

export const buildDataQualityPanel: PanelBuilder = async (db, filters) => {
  const [row] = await queryRows<Record<string, number | string>>(
    db,
    sql`select count(*) as referrals, ${sql.join(
      recordedFields.map(
        (field) =>
          sql`count(*) filter (where f.${sql.identifier(field.key)}) as ${sql.identifier(field.key)}`,
      ),
      sql`, `,
    )} from referral_facts f where ${factsConditions(filters)}`,
  );
  const referrals = toNumber(row?.referrals);
  const recording: RawTable = {
    id: 'recording',
    title: 'What was recorded on referrals',
    description:
      'Referrals received in the period with each item recorded, out of all referrals received. Equity figures rest on postcodes and ethnicity answers; outcome evaluation on baseline measures.',
    chart: 'bar',
    unit: 'count',
    columns: [
      { key: 'recorded', label: 'Recorded' },
      { key: 'missing', label: 'Not recorded' },
      { key: 'total', label: 'Referrals' },
      { key: 'share', label: 'Share recorded', unit: 'share' },
    ],
    rows: recordedFields.map((field) => {
      const recorded = toNumber(row?.[field.key]);
      return {
        key: field.key.replace(/^has_/, ''),
        label: field.label,
        cells: {
          recorded: count(recorded),
          missing: count(referrals - recorded),
          total: count(referrals),
          share: share(recorded, referrals),
        },
      };
    }),
  };

  const programmes = await queryRows<{ id: string; name: string; areas: string[]; settings: unknown }>(
    db,
    sql`select id, name, areas, settings from programmes where id = any(${uuidArray(filters.programmeIds)}) order by name, id`,
  );
  const now = Date.now();
  const staleRows: RawTable['rows'] = [];
  for (const programme of programmes) {
    const staleAfterDays = readProgrammeSettings(programme.settings).staleAfterDays;
    const staleBefore = new Date(now - staleAfterDays * 86_400_000).toISOString();
    const areas = programme.areas.map((area) => area.toLowerCase());
    const [services] = await queryRows<{ services: number | string; stale: number | string }>(
      db,
      sql`select count(*) as services,
          count(*) filter (where s.last_verified_at is null or s.last_verified_at < ${staleBefore}::timestamptz) as stale
        from services s
        where s.status = 'active' and exists (
          select 1 from service_areas sa left join boroughs b on b.code = sa.borough_code
          where sa.service_id = s.id and lower(coalesce(b.name, sa.name)) = any(${sql`array[${sql.join(
            (areas.length > 0 ? areas : ['']).map((area) => sql`${area}`),
            sql`, `,
          )}]::text[]`}))`,
    );
    const total = toNumber(services?.services);
    const stale = toNumber(services?.stale);
    staleRows.push({
      key: programme.id,
      label: `${programme.name} (not confirmed for ${staleAfterDays} days)`,
      // Services, not people: these counts are never suppressed (they rest on no one).
      cells: {
        services: { value: total, people: 0 },
        stale: { value: stale, people: 0 },
        share: { value: total === 0 ? null : stale / total },
      },
    });
  }
  const staleServices: RawTable = {
    id: 'unverified-services',
    title: 'Directory entries not confirmed recently',
    description:
      'Active services serving a borough of each programme’s area, and how many nobody has confirmed within the programme’s staleness setting (six months unless changed). Unconfirmed entries are flagged to their owners and curators.',
    chart: 'bar',
    unit: 'count',
    columns: [
      { key: 'services', label: 'Services in the area' },
      { key: 'stale', label: 'Not confirmed' },
      { key: 'share', label: 'Share not confirmed', unit: 'share' },
    ],
    rows: staleRows,
  };
  return {
    title: 'Data quality',
    headlines: [
      {
        id: 'referrals',
        label: 'Referrals received',
        unit: 'count',
        method: 'Referrals received in the period for the programmes and filters chosen.',
        cell: count(referrals),
      },
    ],
    tables: [recording, staleServices],
    notes: [],
  };
};
