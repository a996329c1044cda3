// Rebuilds the geography files Linkwell ships (assets/geo and web/public/geo) from the shared
// open-data folder, so the running app never reads outside the project. Run it when a new
// Code-Point Open release arrives:
//
//   npx tsx src/geo/build-assets.ts ../shared/geo
//
// Output is deterministic (gzip without a timestamp), so an unchanged source gives an unchanged file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { format, getFileInfo, resolveConfig } from 'prettier';
import { aggregateBoroughPopulation } from './borough-population';
import { geographyAssetsDir, geographyFiles } from './geography-files';
import { countVertices, simplifyBoundaries, type BoundaryCollection } from './simplify-boundaries';

const repositoryDir = path.join(geographyAssetsDir, '..', '..');
const webBoundariesFile = path.join(repositoryDir, 'web', 'public', 'geo', 'london-boroughs.geojson');

/** Travels with the browser copy (a GeoJSON foreign member): the OGL asks for it wherever the data goes. */
const boundariesAttribution =
  'Contains Ordnance Survey, Office of National Statistics, National Records Scotland and LPS Intellectual ' +
  'Property data © Crown copyright and database right [2016]. Data licensed under the terms of the Open ' +
  'Government Licence v3.0. Ordnance Survey data covered by OS OpenData Licence. ' +
  'Simplified for Linkwell; sources in assets/geo/README.md.';

/**
 * The browser map draws London on one screen (~50 m a pixel) or one borough (~10 m a pixel): a 20 m
 * tolerance is invisible at the first and a pixel or two at the second. 5 decimals are about 1 m.
 */
const browserSimplification = { toleranceMetres: 20, decimals: 5 };

function readCsv(file: string): string[][] {
  const text = readFileSync(file, 'utf8');
  if (text.includes('"'))
    throw new Error(`${file} has quoted fields; the loader's CSV reader does not handle them`);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
}

function writeGzip(name: string, text: string): void {
  const file = path.join(geographyAssetsDir, name);
  writeFileSync(file, gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
  console.log(
    `${path.relative(process.cwd(), file)}: ${Buffer.byteLength(text)} → ${readFileSync(file).length} bytes`,
  );
}

function keepColumns(rows: string[][], columns: string[]): string {
  const header = rows[0]!;
  const indexes = columns.map((column) => {
    const index = header.indexOf(column);
    if (index === -1) throw new Error(`Missing column ${column}`);
    return index;
  });
  return rows.map((row) => indexes.map((index) => row[index]).join(',')).join('\n') + '\n';
}

async function main(sourceDir: string): Promise<void> {
  mkdirSync(geographyAssetsDir, { recursive: true });
  const source = (name: string) => path.join(sourceDir, name);

  // `pq` (OS positional quality) is dropped: 99.8% of rows are 10, and proximity search ignores it.
  writeGzip(
    'london-postcodes.csv.gz',
    keepColumns(readCsv(source('london-postcodes.csv')), [
      'postcode',
      'lat',
      'lng',
      'borough_code',
      'lsoa_code',
    ]),
  );
  for (const name of [
    'london-postcode-sectors.csv',
    'london-postcode-districts.csv',
    'london-boroughs.csv',
  ]) {
    writeGzip(`${name}.gz`, readFileSync(source(name), 'utf8'));
  }
  // IMD 2019 by LSOA 2011: the borough name is dropped (the boroughs file holds it once).
  const lsoaRows = readCsv(source('london-imd2019-lsoa.csv'));
  writeGzip(geographyFiles.lsoas.file, keepColumns(lsoaRows, [...geographyFiles.lsoas.columns]));
  writeGzip(
    geographyFiles.boroughPopulation.file,
    aggregateBoroughPopulation(readCsv(source('london-borough-population-2021-single-year.csv'))),
  );
  const boundariesText = readFileSync(source('london-boroughs.geojson'), 'utf8');
  writeGzip('london-boroughs.geojson.gz', boundariesText);

  const boundaries = JSON.parse(boundariesText) as BoundaryCollection;
  const simplified = simplifyBoundaries(boundaries, browserSimplification);
  // Minified when .prettierignore lists the file; otherwise formatted as the repository's Prettier
  // would (about 1.7 times larger, the same once gzipped), so `prettier --check .` stays clean.
  const minified = JSON.stringify({
    type: simplified.type,
    attribution: boundariesAttribution,
    features: simplified.features,
  });
  const { ignored } = await getFileInfo(webBoundariesFile, {
    ignorePath: path.join(repositoryDir, '.prettierignore'),
  });
  const text = ignored
    ? minified
    : await format(minified, { ...(await resolveConfig(webBoundariesFile)), filepath: webBoundariesFile });
  mkdirSync(path.dirname(webBoundariesFile), { recursive: true });
  writeFileSync(webBoundariesFile, text);
  console.log(
    `${path.relative(process.cwd(), webBoundariesFile)}: ${countVertices(boundaries)} → ${countVertices(simplified)} vertices, ` +
      `${Buffer.byteLength(boundariesText)} → ${Buffer.byteLength(text)} bytes (${gzipSync(text).length} gzipped)`,
  );
}

const sourceDir = process.argv[2];
if (!sourceDir) {
  console.error('Usage: npx tsx src/geo/build-assets.ts <folder with the shared london-*.csv files>');
  process.exit(1);
}
await main(path.resolve(sourceDir));
