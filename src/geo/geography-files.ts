// The open geography files Linkwell ships in assets/geo (gzipped CSV; sources and licences in
// assets/geo/README.md). Only the loader and tests read them; the app reads the database tables.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const geographyAssetsDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'assets',
  'geo',
);

export const geographyFiles = {
  postcodes: {
    file: 'london-postcodes.csv.gz',
    columns: ['postcode', 'lat', 'lng', 'borough_code', 'lsoa_code'],
  },
  sectors: {
    file: 'london-postcode-sectors.csv.gz',
    columns: ['sector', 'lat', 'lng', 'postcode_count', 'main_borough_code', 'borough_codes'],
  },
  districts: {
    file: 'london-postcode-districts.csv.gz',
    columns: ['district', 'lat', 'lng', 'postcode_count', 'main_borough_code', 'borough_codes'],
  },
  boroughs: {
    file: 'london-boroughs.csv.gz',
    columns: [
      'borough_code',
      'borough_name',
      'population_census2021',
      'female_census2021',
      'male_census2021',
      'population_mid2015_iod2019',
      'lsoa11_count',
      'live_postcode_count',
    ],
  },
  lsoas: {
    file: 'london-imd2019-lsoa.csv.gz',
    columns: [
      'lsoa11_code',
      'lsoa11_name',
      'borough_code',
      'imd_rank',
      'imd_decile',
      'income_decile',
      'employment_decile',
      'education_skills_decile',
      'health_disability_decile',
      'crime_decile',
      'barriers_housing_services_decile',
      'living_environment_decile',
      'pop_total_mid2015',
      'pop_0_15_mid2015',
      'pop_16_59_mid2015',
      'pop_60_plus_mid2015',
    ],
  },
  boroughPopulation: {
    file: 'london-borough-population-2021.csv.gz',
    columns: ['borough_code', 'sex', 'age_band', 'population'],
  },
} as const;

export type GeographyFileName = keyof typeof geographyFiles;

/** The file's text, header checked, and its number of data rows (for a COPY straight from the text). */
export function readGeographyCsv(name: GeographyFileName): { text: string; rowCount: number } {
  const { file, columns } = geographyFiles[name];
  const text = gunzipSync(readFileSync(path.join(geographyAssetsDir, file))).toString('utf8');
  const headerEnd = text.indexOf('\n');
  const header = text.slice(0, headerEnd === -1 ? undefined : headerEnd);
  if (header !== columns.join(',')) {
    throw new Error(`${file}: expected the columns ${columns.join(',')} but found ${header || 'nothing'}`);
  }
  // Every newline after the header that is followed by more text starts a row.
  let rowCount = 0;
  for (let index = headerEnd; index !== -1 && index < text.length - 1; index = text.indexOf('\n', index + 1))
    rowCount++;
  return { text, rowCount };
}

/**
 * The rows of one file, header checked and removed. The files hold no quoted fields (the build
 * script refuses any), so splitting on commas is exact.
 */
export function readGeographyRows(name: GeographyFileName): string[][] {
  const { file, columns } = geographyFiles[name];
  const lines = readGeographyCsv(name).text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.shift();
  return lines.map((line, index) => {
    const fields = line.split(',');
    if (fields.length !== columns.length) {
      throw new Error(`${file} line ${index + 2}: expected ${columns.length} fields, found ${fields.length}`);
    }
    return fields;
  });
}

export type PostcodeRecord = {
  postcode: string;
  latitude: number;
  longitude: number;
  boroughCode: string;
  lsoaCode: string;
};

/** A postcode sector ("SE1 2") or district ("SE1"): the centroid of its London postcodes. */
export type PostcodeAreaRecord = {
  code: string;
  latitude: number;
  longitude: number;
  postcodeCount: number;
  mainBoroughCode: string;
  boroughCodes: string[];
};

export type BoroughRecord = { code: string; name: string; population: number };

function toNumber(value: string, what: string): number {
  const number = Number(value);
  if (value === '' || !Number.isFinite(number)) throw new Error(`${what}: "${value}" is not a number`);
  return number;
}

export function readPostcodes(): PostcodeRecord[] {
  return readGeographyRows('postcodes').map(([postcode, lat, lng, boroughCode, lsoaCode]) => ({
    postcode: postcode!,
    latitude: toNumber(lat!, postcode!),
    longitude: toNumber(lng!, postcode!),
    boroughCode: boroughCode!,
    lsoaCode: lsoaCode!,
  }));
}

export function readPostcodeAreas(name: 'sectors' | 'districts'): PostcodeAreaRecord[] {
  return readGeographyRows(name).map(([code, lat, lng, count, mainBoroughCode, boroughCodes]) => ({
    code: code!,
    latitude: toNumber(lat!, code!),
    longitude: toNumber(lng!, code!),
    postcodeCount: toNumber(count!, code!),
    mainBoroughCode: mainBoroughCode!,
    boroughCodes: boroughCodes!.split(' '),
  }));
}

export function readBoroughs(): BoroughRecord[] {
  return readGeographyRows('boroughs').map(([code, name, population]) => ({
    code: code!,
    name: name!,
    population: toNumber(population!, code!),
  }));
}

/** An LSOA 2011 with its IMD 2019 rank and deciles (1 = most deprived tenth of England). */
export type LsoaRecord = {
  code: string;
  name: string;
  boroughCode: string;
  imdRank: number;
  imdDecile: number;
  /** Income, employment, education and skills, health and disability, crime, barriers, living environment. */
  domainDeciles: number[];
  population: number;
};

export function readLsoas(): LsoaRecord[] {
  return readGeographyRows('lsoas').map(([code, name, boroughCode, imdRank, imdDecile, ...rest]) => ({
    code: code!,
    name: name!,
    boroughCode: boroughCode!,
    imdRank: toNumber(imdRank!, code!),
    imdDecile: toNumber(imdDecile!, code!),
    domainDeciles: rest.slice(0, 7).map((value) => toNumber(value, code!)),
    population: toNumber(rest[7]!, code!),
  }));
}

export type BoroughPopulationRecord = {
  boroughCode: string;
  sex: string;
  ageBand: string;
  population: number;
};

export function readBoroughPopulation(): BoroughPopulationRecord[] {
  return readGeographyRows('boroughPopulation').map(([boroughCode, sex, ageBand, population]) => ({
    boroughCode: boroughCode!,
    sex: sex!,
    ageBand: ageBand!,
    population: toNumber(population!, boroughCode!),
  }));
}
