// Fills the geography tables (migration 0005_postcodes) from assets/geo. Call it after migrating,
// at every start: once loaded, it costs one query. The first load (~180k postcodes) runs in one
// transaction, so a crash leaves the tables empty rather than half full, and under an advisory
// lock, so several instances starting together on one PostgreSQL load the rows once.
//
// Measured for the 180,792 postcodes with their two indexes (2 cores, otherwise idle): on PGlite,
// COPY FROM '/dev/blob' ~1.7 s, unnest() batches ~2.2 s, 5,000-row multi-VALUES INSERTs ~3.1 s
// (COPY stayed ~0.7x unnest in the same run on a busy machine), so PGlite gets COPY. PostgreSQL gets
// unnest() batches of 20,000 rows (~1.1 s; multi-VALUES ~1.5 s): five array parameters a
// statement, far below the 65,535-parameter limit, and no COPY support needed from the driver.
import { PGlite, type Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { queryRows, type Database, type Executor } from '../db/client';
import {
  boroughPopulation,
  boroughs,
  lsoas,
  postcodeDistricts,
  postcodeSectors,
  postcodes,
} from '../db/schema';
import { readGeographyCsv, readGeographyRows } from './geography-files';

export type GeographyTable =
  'postcodes' | 'postcode_sectors' | 'postcode_districts' | 'boroughs' | 'lsoas' | 'borough_population';

export type GeographyLoadReport = {
  /** True when every table already had its rows: nothing was read or written. */
  isAlreadyLoaded: boolean;
  /** Rows inserted by this call, per table (0 for tables that were already filled). */
  insertedRows: Record<GeographyTable, number>;
  /** How the postcodes went in: PGlite's COPY, batched INSERTs, or not at all. */
  method: 'copy' | 'insert' | 'none';
  milliseconds: number;
};

/** Any constant: it only has to differ from other advisory locks Linkwell takes. */
const geographyLockKey = 4_821_771_405;
const postgresBatchSize = 20_000;

/** The only writes the loader needs, over either engine's transaction. */
type Writer = {
  execute(query: SQL): Promise<Record<string, unknown>[]>;
  /** PGlite only: COPY a CSV text (with header row) into a table. */
  copyCsv?: (table: GeographyTable, columns: readonly string[], csv: string) => Promise<number>;
};

/** Fills whichever geography tables are empty; a cheap no-op when all are filled. */
export async function loadGeography(db: Database): Promise<GeographyLoadReport> {
  const started = performance.now();
  const none: Record<GeographyTable, number> = {
    postcodes: 0,
    postcode_sectors: 0,
    postcode_districts: 0,
    boroughs: 0,
    lsoas: 0,
    borough_population: 0,
  };
  if ((await findEmptyTables(drizzleWriter(db))).length === 0) {
    return { isAlreadyLoaded: true, insertedRows: none, method: 'none', milliseconds: elapsed(started) };
  }
  const engine = embeddedEngineOf(db);
  const { insertedRows, method } = engine
    ? await engine.transaction((tx) => fillEmptyTables(pgliteWriter(tx)))
    : await db.transaction((tx) => fillEmptyTables(drizzleWriter(tx)));
  return {
    isAlreadyLoaded: false,
    insertedRows: { ...none, ...insertedRows },
    method,
    milliseconds: elapsed(started),
  };
}

const geographyTables: readonly GeographyTable[] = [
  'postcodes',
  'postcode_sectors',
  'postcode_districts',
  'boroughs',
  'lsoas',
  'borough_population',
];

/** One query, six index probes: the whole cost of a start after the first. */
async function findEmptyTables(writer: Writer): Promise<GeographyTable[]> {
  const [row] = await writer.execute(sql`select
      exists (select 1 from ${postcodes}) as "postcodes",
      exists (select 1 from ${postcodeSectors}) as "postcode_sectors",
      exists (select 1 from ${postcodeDistricts}) as "postcode_districts",
      exists (select 1 from ${boroughs}) as "boroughs",
      exists (select 1 from ${lsoas}) as "lsoas",
      exists (select 1 from ${boroughPopulation}) as "borough_population"`);
  return geographyTables.filter((table) => row?.[table] !== true);
}

async function fillEmptyTables(
  writer: Writer,
): Promise<{ insertedRows: Partial<Record<GeographyTable, number>>; method: GeographyLoadReport['method'] }> {
  // Another instance may have loaded the rows while we waited for the lock: look again under it.
  await writer.execute(sql`select pg_advisory_xact_lock(${geographyLockKey})`);
  const empty = await findEmptyTables(writer);
  const insertedRows: Partial<Record<GeographyTable, number>> = {};
  let method: GeographyLoadReport['method'] = 'none';
  if (empty.includes('boroughs')) insertedRows.boroughs = await insertBoroughs(writer);
  if (empty.includes('postcode_sectors'))
    insertedRows.postcode_sectors = await insertAreas(writer, 'sectors');
  if (empty.includes('postcode_districts'))
    insertedRows.postcode_districts = await insertAreas(writer, 'districts');
  // Tables added after the first release (migration 0020) fill on the next start of an existing
  // database, since each table is checked on its own.
  if (empty.includes('lsoas')) insertedRows.lsoas = await insertLsoas(writer);
  if (empty.includes('borough_population'))
    insertedRows.borough_population = await insertBoroughPopulation(writer);
  if (empty.includes('postcodes')) {
    method = writer.copyCsv ? 'copy' : 'insert';
    insertedRows.postcodes = writer.copyCsv
      ? await copyPostcodes(writer.copyCsv)
      : await insertPostcodes(writer);
  }
  return { insertedRows, method };
}

const textArray = (values: string[]) => sql`${sql.param(values)}::text[]`;

async function insertBoroughs(writer: Writer): Promise<number> {
  const rows = readGeographyRows('boroughs');
  const column = (index: number) => rows.map((row) => row[index]!);
  await writer.execute(sql`insert into ${boroughs} ("code", "name", "population")
    select code, name, population::integer
    from unnest(${textArray(column(0))}, ${textArray(column(1))}, ${textArray(column(2))}) as u(code, name, population)`);
  return rows.length;
}

async function insertLsoas(writer: Writer): Promise<number> {
  const rows = readGeographyRows('lsoas');
  const column = (index: number) => textArray(rows.map((row) => row[index]!));
  // The file's columns in order (geographyFiles.lsoas); every number but the name is an integer.
  await writer.execute(sql`insert into ${lsoas} ("code", "name", "borough_code", "imd_rank", "imd_decile",
      "income_decile", "employment_decile", "education_skills_decile", "health_disability_decile",
      "crime_decile", "barriers_housing_services_decile", "living_environment_decile",
      "population", "population_0_15", "population_16_59", "population_60_plus")
    select c0, c1, c2, c3::integer, c4::smallint, c5::smallint, c6::smallint, c7::smallint, c8::smallint,
      c9::smallint, c10::smallint, c11::smallint, c12::integer, c13::integer, c14::integer, c15::integer
    from unnest(${column(0)}, ${column(1)}, ${column(2)}, ${column(3)}, ${column(4)}, ${column(5)},
      ${column(6)}, ${column(7)}, ${column(8)}, ${column(9)}, ${column(10)}, ${column(11)}, ${column(12)},
      ${column(13)}, ${column(14)}, ${column(15)})
      as u(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15)`);
  return rows.length;
}

async function insertBoroughPopulation(writer: Writer): Promise<number> {
  const rows = readGeographyRows('boroughPopulation');
  const column = (index: number) => textArray(rows.map((row) => row[index]!));
  await writer.execute(sql`insert into ${boroughPopulation} ("borough_code", "sex", "age_band", "population")
    select borough_code, sex, age_band, population::integer
    from unnest(${column(0)}, ${column(1)}, ${column(2)}, ${column(3)}) as u(borough_code, sex, age_band, population)`);
  return rows.length;
}

async function insertAreas(writer: Writer, name: 'sectors' | 'districts'): Promise<number> {
  const rows = readGeographyRows(name);
  const column = (index: number) => rows.map((row) => row[index]!);
  const table = name === 'sectors' ? postcodeSectors : postcodeDistricts;
  const key = sql.identifier(name === 'sectors' ? 'sector' : 'district');
  // borough_codes arrive space-separated; unnest() cannot return arrays, so split them in SQL.
  await writer.execute(sql`insert into ${table}
      (${key}, "latitude", "longitude", "postcode_count", "main_borough_code", "borough_codes")
    select code, latitude::double precision, longitude::double precision, postcode_count::integer,
      main_borough_code, string_to_array(borough_codes, ' ')
    from unnest(${textArray(column(0))}, ${textArray(column(1))}, ${textArray(column(2))},
      ${textArray(column(3))}, ${textArray(column(4))}, ${textArray(column(5))})
      as u(code, latitude, longitude, postcode_count, main_borough_code, borough_codes)`);
  return rows.length;
}

async function copyPostcodes(copyCsv: NonNullable<Writer['copyCsv']>): Promise<number> {
  const { text, rowCount } = readGeographyCsv('postcodes');
  // The CSV columns, in order: postcode, lat, lng, borough_code, lsoa_code.
  const copied = await copyCsv(
    'postcodes',
    ['postcode', 'latitude', 'longitude', 'borough_code', 'lsoa_code'],
    text,
  );
  if (copied !== rowCount) throw new Error(`COPY loaded ${copied} of the ${rowCount} postcodes`);
  return copied;
}

async function insertPostcodes(writer: Writer): Promise<number> {
  const rows = readGeographyRows('postcodes');
  for (let start = 0; start < rows.length; start += postgresBatchSize) {
    const batch = rows.slice(start, start + postgresBatchSize);
    const column = (index: number) => batch.map((row) => row[index]!);
    // Coordinates travel as their decimal text, so both engines parse exactly what COPY would.
    await writer.execute(sql`insert into ${postcodes}
        ("postcode", "latitude", "longitude", "borough_code", "lsoa_code")
      select postcode, latitude::double precision, longitude::double precision, borough_code, lsoa_code
      from unnest(${textArray(column(0))}, ${textArray(column(1))}, ${textArray(column(2))},
        ${textArray(column(3))}, ${textArray(column(4))})
        as u(postcode, latitude, longitude, borough_code, lsoa_code)`);
  }
  return rows.length;
}

/** The embedded engine behind a Drizzle database, when it is PGlite (Drizzle's public `$client`). */
function embeddedEngineOf(db: Database): PGlite | undefined {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof PGlite ? client : undefined;
}

function drizzleWriter(tx: Executor): Writer {
  return { execute: (query) => queryRows<Record<string, unknown>>(tx, query) };
}

const dialect = new PgDialect();

/** Raw PGlite transaction: Drizzle's own PGlite transaction does not expose COPY's blob option. */
function pgliteWriter(tx: PGliteTransaction): Writer {
  return {
    execute: async (query) => {
      const { sql: text, params } = dialect.sqlToQuery(query);
      return (await tx.query<Record<string, unknown>>(text, params)).rows;
    },
    copyCsv: async (table, columns, csv) => {
      const columnList = columns.map((column) => `"${column}"`).join(', ');
      const result = await tx.query(
        `copy "${table}" (${columnList}) from '/dev/blob' with (format csv, header true)`,
        [],
        {
          blob: new Blob([csv]),
        },
      );
      return result.affectedRows ?? 0;
    },
  };
}

const elapsed = (started: number): number => Math.round(performance.now() - started);
