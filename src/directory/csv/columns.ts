// The columns of the directory CSV template, in order (docs/directory-csv-template.md explains
// each). Import and export share this list, so an exported file imports back unchanged.
export const csvColumns = [
  'service_id',
  'organisation_name',
  'organisation_ods_code',
  'name',
  'description',
  'url',
  'email',
  'phone',
  'status',
  'delivery_modes',
  'taxonomy_codes',
  'languages',
  'minimum_age',
  'maximum_age',
  'eligibility',
  'is_free',
  'fees',
  'how_to_access',
  'accepting_referrals',
  'waiting_list',
  'waiting_time_days',
  'places_available',
  'places_maximum',
  'opening_times',
  'location_name',
  'address',
  'city',
  'postcode',
  'latitude',
  'longitude',
  'borough',
  'service_areas',
  'last_verified',
] as const;

export type CsvColumn = (typeof csvColumns)[number];
export type CsvRow = Record<CsvColumn, string>;

/** Lists inside one cell are separated by semicolons: "en;bn;tr". */
export const splitList = (cell: string): string[] =>
  cell
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean);
export const joinList = (items: readonly string[]): string => items.join(';');
