// Builds the web map's LSOA 2011 boundaries (web/public/geo/london-lsoa-2011.geojson) from the shared
// folder's copy (../shared/geo/london-lsoa-2011.geojson, 2.1 MB): the Insight map shades LSOAs by
// referral rate, deprivation or unmet need and must load quickly on a phone. Coordinates are rounded
// to 4 decimals (about 7 m by 11 m in London) and simplified by Douglas–Peucker at 40 m along the arcs
// between junctions (src/geo/simplify-boundaries.ts, as for the borough file), so neighbouring LSOAs
// keep identical shared edges. Only the code the map joins on is kept: names, boroughs and IMD
// deciles come from the API (the lsoas table). Written minified (the file is in .prettierignore),
// with the boundaries' licence in an `attribution` member. Result: 1.5 MB (215 KB gzipped). Most
// of the 52,000 ring points are junctions where three LSOAs meet, which no simplification that keeps
// shared edges may drop, so a smaller GeoJSON would need a coarser grid that distorts small LSOAs.
//   npx tsx scripts/build-lsoa-web-map.ts ../shared/geo
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { countVertices, simplifyBoundaries, type BoundaryCollection } from '../src/geo/simplify-boundaries';

const attribution =
  'Contains Ordnance Survey, Office of National Statistics, National Records Scotland and LPS Intellectual Property data © Crown copyright and database right [2016]. Data licensed under the terms of the Open Government Licence v3.0. Ordnance Survey data covered by OS OpenData Licence. Simplified for Linkwell; sources in assets/geo/README.md.';

const simplification = { toleranceMetres: 40, decimals: 4 };
const keptProperties = ['lsoa11_code'] as const;

const sourceDir = process.argv[2];
if (!sourceDir) {
  console.error('Usage: npx tsx scripts/build-lsoa-web-map.ts <folder with london-lsoa-2011.geojson>');
  process.exit(1);
}
const sourceFile = path.join(path.resolve(sourceDir), 'london-lsoa-2011.geojson');
const targetFile = path.join(import.meta.dirname, '..', 'web', 'public', 'geo', 'london-lsoa-2011.geojson');

const sourceText = readFileSync(sourceFile, 'utf8');
const source = JSON.parse(sourceText) as BoundaryCollection;
const simplified = simplifyBoundaries(source, simplification);
const features = simplified.features.map((feature) => ({
  type: feature.type,
  properties: Object.fromEntries(keptProperties.map((key) => [key, feature.properties[key]])),
  geometry: feature.geometry,
}));
const text = JSON.stringify({ type: 'FeatureCollection', attribution, features });
writeFileSync(targetFile, text);
console.log(
  `${path.relative(process.cwd(), targetFile)}: ${features.length} features, ` +
    `${countVertices(source)} → ${countVertices(simplified)} vertices, ` +
    `${Buffer.byteLength(sourceText)} → ${Buffer.byteLength(text)} bytes (${gzipSync(text).length} gzipped)`,
);
