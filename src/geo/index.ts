// Offline London geography: what other folders may use.
export { boundingBox, earthRadiusKm, haversineKm, type BoundingBox, type LatLng } from './distance';
export { loadGeography, type GeographyLoadReport } from './load-geography';
export { parsePostcode, type ParsedPostcode } from './postcode-format';
export { listBoroughs, type Borough } from './queries';
export { resolvePostcode, type PostcodePrecision, type PostcodeResolution } from './resolve-postcode';
export { geoRoutes } from './routes';
export {
  deprivationDomains,
  describePersonArea,
  findLsoaDeprivation,
  personAreaOfPostcode,
  unknownArea,
  type DeprivationDomain,
  type LsoaDeprivation,
  type PersonArea,
  type PersonAreaDetails,
} from './person-area';
