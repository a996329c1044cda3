// The three London boroughs the demo programmes serve: their ONS codes, the postcode districts the
// programmes cover, a sample of real live postcodes in each district, and well-known streets there.
//
// Postcodes and borough codes are copied from the shared London geography (Code-Point Open
// 2025.4.0, filtered to each borough and to OS positional quality 10, sampled with a fixed seed):
//   Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal
//   Mail copyright and database right 2025. Contains National Statistics data © Crown copyright and
//   database right 2025. Licensed under the Open Government Licence v3.0.
// The app does not read that data at run time; the few values here are all the demo needs. A few
// postcodes in the least deprived tenths (IMD 2019 deciles 8–10) were added by hand so the demo's
// equity comparison has enough people at that end.
// Street names are real streets in each district, paired with house numbers we invented: a demo
// address never matches its postcode to the door.
export type DemoBorough = 'Haringey' | 'Waltham Forest' | 'Tower Hamlets';

export type PostcodeDistrict = { district: string; postcodes: readonly string[]; streets: readonly string[] };

export type BoroughGeography = { name: DemoBorough; code: string; districts: readonly PostcodeDistrict[] };

export const haringey: BoroughGeography = {
  name: 'Haringey',
  code: 'E09000014',
  districts: [
    {
      district: 'N4',
      postcodes: ['N4 1FQ', 'N4 4DP', 'N4 4EB', 'N4 4LS', 'N4 4SP'],
      streets: ['Stroud Green Road', 'Wightman Road', 'Woodstock Road'],
    },
    {
      district: 'N6',
      postcodes: ['N6 4JJ', 'N6 5NH', 'N6 5NW', 'N6 5RD', 'N6 5TW', 'N6 4SS'],
      streets: ['Archway Road', 'Southwood Lane', "Shepherd's Hill"],
    },
    {
      district: 'N8',
      postcodes: ['N8 7HS', 'N8 7JN', 'N8 8DN', 'N8 9DJ', 'N8 9WP'],
      streets: ['Park Road', 'Tottenham Lane', 'Priory Road'],
    },
    {
      district: 'N10',
      postcodes: ['N10 3EB', 'N10 3EL', 'N10 3LG', 'N10 3QU', 'N10 3TH', 'N10 3UJ', 'N10 1LN'],
      streets: ['Colney Hatch Lane', 'Fortis Green', 'Muswell Hill Road'],
    },
    {
      district: 'N15',
      postcodes: ['N15 4HZ', 'N15 4JH', 'N15 5AL', 'N15 6BT', 'N15 6UB'],
      streets: ['West Green Road', 'Philip Lane', "St Ann's Road"],
    },
    {
      district: 'N17',
      postcodes: ['N17 1LA', 'N17 1LJ', 'N17 8AL', 'N17 9BW', 'N17 9RP'],
      streets: ['High Road', 'Lordship Lane', 'Bruce Grove', 'White Hart Lane'],
    },
    {
      district: 'N22',
      postcodes: ['N22 6EW', 'N22 6FF', 'N22 6SZ', 'N22 8EF', 'N22 9PF'],
      streets: ['Westbury Avenue', 'Bounds Green Road', 'Mayes Road'],
    },
  ],
};

export const walthamForest: BoroughGeography = {
  name: 'Waltham Forest',
  code: 'E09000031',
  districts: [
    {
      district: 'E4',
      postcodes: ['E4 6SF', 'E4 6SS', 'E4 8DR', 'E4 8TA', 'E4 9AE', 'E4 9LZ', 'E4 9PS', 'E4 9RS', 'E4 6LY'],
      streets: ['Hall Lane', 'Chingford Mount Road', 'Larkshall Road', 'The Avenue'],
    },
    {
      district: 'E10',
      postcodes: ['E10 6AJ', 'E10 6AY', 'E10 6EH', 'E10 6JX', 'E10 6NX', 'E10 7FW', 'E10 7LS'],
      streets: ['Lea Bridge Road', 'Francis Road', 'Church Road', 'Grange Road'],
    },
    {
      district: 'E11',
      postcodes: ['E11 3HD', 'E11 3HQ', 'E11 3LS', 'E11 3QQ', 'E11 4BQ', 'E11 4QX', 'E11 9JQ'],
      streets: ['Cann Hall Road', 'Hainault Road', 'Harrow Road', 'High Road Leytonstone'],
    },
    {
      district: 'E17',
      postcodes: ['E17 5YD', 'E17 6PB', 'E17 7GA', 'E17 8JG', 'E17 8PL', 'E17 8QY', 'E17 8RN'],
      streets: ['Hoe Street', 'Forest Road', 'Markhouse Road', 'Wood Street', 'Higham Hill Road'],
    },
  ],
};

export const towerHamlets: BoroughGeography = {
  name: 'Tower Hamlets',
  code: 'E09000030',
  districts: [
    {
      district: 'E1',
      postcodes: ['E1 4DN', 'E1 4RT', 'E1 5NG', 'E1 7PF', 'E1 8AG', 'E1 8AS'],
      streets: ['Commercial Road', 'Cable Street', 'Jubilee Street', 'Stepney Way', 'Sidney Street'],
    },
    {
      district: 'E1W',
      postcodes: ['E1W 1YJ', 'E1W 3DW', 'E1W 3ED', 'E1W 3NQ', 'E1W 3SZ', 'E1W 9EW'],
      streets: ['Wapping Lane', 'Prusom Street', 'Garnet Street'],
    },
    {
      district: 'E2',
      postcodes: ['E2 6AZ', 'E2 6BG', 'E2 6LG', 'E2 7PA', 'E2 9FU', 'E2 9HX'],
      streets: ['Cambridge Heath Road', 'Old Bethnal Green Road', 'Globe Road', 'Cheshire Street'],
    },
    {
      district: 'E3',
      postcodes: ['E3 2SB', 'E3 2SL', 'E3 4GH', 'E3 4UJ', 'E3 5LJ', 'E3 5TW'],
      streets: ['Roman Road', 'Bow Road', 'Devons Road', 'Fairfield Road'],
    },
    {
      district: 'E14',
      postcodes: ['E14 4QR', 'E14 6EJ', 'E14 6TH', 'E14 7QW', 'E14 7TH', 'E14 7TN', 'E14 5GQ', 'E14 3WA'],
      streets: ['East India Dock Road', 'Chrisp Street', 'Manchester Road', 'Westferry Road'],
    },
  ],
};

export const demoBoroughs: Record<DemoBorough, BoroughGeography> = {
  Haringey: haringey,
  'Waltham Forest': walthamForest,
  'Tower Hamlets': towerHamlets,
};

export function districtsOf(borough: BoroughGeography): string[] {
  return borough.districts.map((d) => d.district);
}
