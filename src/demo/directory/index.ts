// The demo directory's public face, for the demo seed and the benchmark generator. To make a big
// directory without the demo seed: invent organisations, give them ids and insert them, group
// them by borough, then generateDirectoryServices(createRandom('bench'), 50_000, byBorough) and
// write the result with saveServices in batches.
export { directoryBoroughs, type DirectoryBorough } from './boroughs';
export {
  groupByBorough,
  inventDirectoryOrganisations,
  type DirectoryOrganisation,
  type InventedOrganisation,
} from './directory-organisations';
export {
  buildDirectoryService,
  generateDirectoryServices,
  type OrganisationsByBorough,
} from './generate-services';
export { demoDirectoryServiceCount, seedDirectory, type SeededDirectory } from './seed-directory';
export { serviceTemplates, type ServiceTemplate } from './service-templates';
