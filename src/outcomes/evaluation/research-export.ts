// De-identified research export: one CSV row per referral × timepoint × score. Direct identifiers
// never leave the database: no names, NHS numbers, dates of birth, addresses, postcodes, emails,
// phones or free text. Quasi-identifiers are coarsened: age in 10-year bands at referral, borough
// (ONS code) instead of postcode, the referral month instead of its date, whole months since referral
// instead of measure dates. People appear under a pseudonym: HMAC-SHA256 of the programme and person
// ids under the programme's own random key (programmes.research_pseudonym_key), stable across
// exports, restarts and instances of one programme and unlinkable between programmes.
// Sex and gender are not exported: Linkwell does not store them as coded fields.
import { createHmac, randomBytes } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { programmes } from '../../db/schema';
import type { CohortWindow } from './cohort-queries';
import type { EvaluatedScore } from './scores';

export const researchExportColumns = [
  'pseudonymous_id',
  'age_band',
  'borough_code',
  'referral_month',
  'referral_status',
  'closure_reason',
  'timepoint',
  'months_since_referral',
  'instrument',
  'instrument_version',
  'score',
  'score_kind',
  'value',
  'is_complete',
] as const;

type ExportRow = {
  personId: string;
  ageBand: string;
  boroughCode: string | null;
  referralMonth: string;
  referralStatus: string;
  closureReason: string | null;
  timepoint: string;
  monthsSinceReferral: number;
  instrument: string;
  instrumentVersion: string;
  score: string;
  scoreKind: string;
  value: number;
  isComplete: boolean;
};

// Domain separation: a pseudonym must not be a value any other use of an HMAC could produce.
const PSEUDONYM_CONTEXT = 'linkwell:research-export:v1';

/** 16 hex characters (64 bits) of HMAC-SHA256: no collisions in practice at programme scale. */
export function pseudonymFor(key: Buffer, programmeId: string, personId: string): string {
  return createHmac('sha256', key)
    .update(`${PSEUDONYM_CONTEXT}:${programmeId}:${personId}`)
    .digest('hex')
    .slice(0, 16);
}

/**
 * The programme's pseudonym key, made on first use. coalesce() keeps the first key when two
 * exports race: both read back the same stored value.
 */
export async function programmePseudonymKey(db: Executor, programmeId: string): Promise<Buffer> {
  const [row] = await db
    .update(programmes)
    .set({
      researchPseudonymKey: sql`coalesce(${programmes.researchPseudonymKey}, ${randomBytes(32).toString('hex')})`,
    })
    .where(eq(programmes.id, programmeId))
    .returning({ key: programmes.researchPseudonymKey });
  if (!row?.key) throw new Error(`Programme ${programmeId} not found for its research key`);
  return Buffer.from(row.key, 'hex');
}

function textArray(values: readonly string[]) {
  return sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

export async function buildResearchExport(
  db: Executor,
  options: CohortWindow & { scores: readonly EvaluatedScore[]; pseudonymKey: Buffer },
): Promise<{ csv: string; rows: number; people: number }> {
  const { scores } = options;
  const rows =
    scores.length === 0
      ? []
      : await queryRows<ExportRow>(
          db,
          sql`with scores as (
            select * from unnest(${textArray(scores.map((score) => score.id))},
              ${textArray(scores.map((score) => score.instrumentKey))},
              ${textArray(scores.map((score) => score.itemId ?? ''))},
              ${textArray(scores.map((score) => score.scoreKind))})
              as s(score_id, instrument_key, item_id, score_kind)
          )
          select r.person_id as "personId",
            case when p.date_of_birth is null then 'unknown'
              when age >= 90 then '90+'
              else (age / 10 * 10)::text || '-' || (age / 10 * 10 + 9)::text end as "ageBand",
            pc.borough_code as "boroughCode",
            to_char(r.received_at, 'YYYY-MM') as "referralMonth",
            r.status as "referralStatus",
            r.closure_reason as "closureReason",
            m.timepoint,
            ((extract(year from age(m.completed_on, r.received_at::date)) * 12
              + extract(month from age(m.completed_on, r.received_at::date))))::int as "monthsSinceReferral",
            m.instrument_key as instrument,
            m.instrument_version as "instrumentVersion",
            s.score_id as score,
            s.score_kind as "scoreKind",
            case when s.item_id = '' then coalesce(m.metric_score, m.raw_total)
              else (m.item_scores ->> s.item_id)::float8 end as value,
            m.is_complete as "isComplete"
          from referrals r
          join people p on p.id = r.person_id
          cross join lateral (
            select extract(year from age(r.received_at::date, p.date_of_birth))::int as age
          ) a
          left join postcodes pc on pc.postcode = upper(p.postcode)
          join measures m on m.referral_id = r.id and m.programme_id = r.programme_id
          join scores s on s.instrument_key = m.instrument_key
          where r.programme_id = ${options.programmeId}::uuid
            and r.received_at >= ${options.from}::date
            and r.received_at < ${options.to}::date + 1
            and (case when s.item_id = '' then coalesce(m.metric_score, m.raw_total)
              else (m.item_scores ->> s.item_id)::float8 end) is not null`,
        );

  // One HMAC per person, not per row: a person has a row for every score at every timepoint.
  const pseudonyms = new Map<string, string>();
  const pseudonymOf = (personId: string) => {
    let pseudonym = pseudonyms.get(personId);
    if (pseudonym === undefined) {
      pseudonym = pseudonymFor(options.pseudonymKey, options.programmeId, personId);
      pseudonyms.set(personId, pseudonym);
    }
    return pseudonym;
  };
  const records = rows.map((row) => {
    return {
      pseudonymous_id: pseudonymOf(row.personId),
      age_band: row.ageBand,
      borough_code: row.boroughCode ?? '',
      referral_month: row.referralMonth,
      referral_status: row.referralStatus,
      closure_reason: row.closureReason ?? '',
      timepoint: row.timepoint,
      months_since_referral: row.monthsSinceReferral,
      instrument: row.instrument,
      instrument_version: row.instrumentVersion,
      score: row.score,
      score_kind: row.scoreKind,
      value: row.value,
      is_complete: row.isComplete ? 'true' : 'false',
    };
  });
  // Sorted by pseudonym, not by anything the database holds, so row order reveals nothing more.
  const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  records.sort(
    (a, b) =>
      compareText(a.pseudonymous_id, b.pseudonymous_id) ||
      compareText(a.referral_month, b.referral_month) ||
      a.months_since_referral - b.months_since_referral ||
      compareText(a.score, b.score),
  );
  const csv = stringify(records, { header: true, columns: [...researchExportColumns] });
  return { csv, rows: records.length, people: pseudonyms.size };
}
