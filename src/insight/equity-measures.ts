// The equity panel's arithmetic, pure (no database, no clock) so each formula is tested against a
// hand-worked example: rates per 1,000 population, the ratio of the most to the least deprived
// quintile's rate, and the concentration index over IMD deciles.

/** Rate per 1,000 population; null when there is no population to divide by. */
export function ratePer1000(count: number, population: number | null | undefined): number | null {
  if (!population || population <= 0) return null;
  return (count * 1000) / population;
}

/** One IMD decile's referrals and population (decile 1 is the most deprived tenth of England). */
export type DecileCount = { decile: number; count: number; population: number };

export type QuintileRatio = {
  /** Rate per 1,000 in deciles 1–2 divided by the rate per 1,000 in deciles 9–10; null when either is missing. */
  ratio: number | null;
  mostDeprivedRate: number | null;
  leastDeprivedRate: number | null;
  /** Referrals in the two quintiles compared (what the figure rests on). */
  count: number;
};

function quintile(deciles: readonly DecileCount[], members: readonly number[]) {
  const inQuintile = deciles.filter((row) => members.includes(row.decile));
  const count = inQuintile.reduce((sum, row) => sum + row.count, 0);
  const population = inQuintile.reduce((sum, row) => sum + row.population, 0);
  return { count, rate: ratePer1000(count, population) };
}

/**
 * The most-to-least deprived quintile ratio: the referral rate in IMD deciles 1–2 over the rate in
 * deciles 9–10. Above 1, referrals reach the most deprived areas more than the least deprived (as
 * need is higher there, a ratio near 1 can itself be a warning). Null when either quintile has no
 * population, or the least deprived has no referrals (the ratio would be infinite).
 */
export function quintileRatio(deciles: readonly DecileCount[]): QuintileRatio {
  const most = quintile(deciles, [1, 2]);
  const least = quintile(deciles, [9, 10]);
  const ratio = most.rate === null || least.rate === null || least.rate === 0 ? null : most.rate / least.rate;
  return {
    ratio,
    mostDeprivedRate: most.rate,
    leastDeprivedRate: least.rate,
    count: most.count + least.count,
  };
}

/**
 * The relative concentration index of referral rates over IMD deciles, population-weighted, for
 * grouped data (Kakwani, Wagstaff and van Doorslaer 1997): C = (2 / μ) Σ f_t μ_t R_t − 1, where the
 * groups are ranked from the most to the least deprived, f_t is a group's share of the population,
 * μ_t its rate, μ the overall rate, and R_t its fractional rank (the population share of the groups
 * before it plus half its own). With this ranking a negative index means referrals are concentrated
 * in the more deprived areas, a positive one in the less deprived, and 0 means equal rates.
 * Groups with no population are left out (they have no place in the ranking). Null when there is
 * no population or no referral at all.
 */
export function concentrationIndex(deciles: readonly DecileCount[]): number | null {
  const groups = deciles.filter((row) => row.population > 0).sort((a, b) => a.decile - b.decile);
  const population = groups.reduce((sum, row) => sum + row.population, 0);
  const count = groups.reduce((sum, row) => sum + row.count, 0);
  if (population === 0 || count === 0) return null;
  const overallRate = count / population;
  let before = 0;
  let weighted = 0;
  for (const group of groups) {
    const share = group.population / population;
    const rank = before + share / 2;
    weighted += share * (group.count / group.population) * rank;
    before += share;
  }
  return (2 / overallRate) * weighted - 1;
}

export const quintileRatioMethod =
  'Referrals received in the period per 1,000 residents of LSOAs in IMD 2019 deciles 1–2 (the most ' +
  'deprived fifth of England), divided by the same rate in deciles 9–10 (the least deprived fifth). ' +
  'Denominators: ONS mid-2015 LSOA populations (the IMD 2019 denominators) summed over the boroughs ' +
  'in scope. Above 1: the most deprived areas are referred more often.';

export const concentrationIndexMethod =
  'Relative concentration index of the referral rate over the ten IMD 2019 deciles, ranked from the ' +
  'most to the least deprived and weighted by population (grouped-data formula of Kakwani, Wagstaff ' +
  'and van Doorslaer, 1997: C = 2/μ Σ fₜ μₜ Rₜ − 1, with fₜ the decile’s population share, μₜ its ' +
  'rate, μ the overall rate and Rₜ its fractional rank). From −1 to 1: negative means referrals are ' +
  'concentrated in the more deprived areas, 0 equal rates. Denominators: ONS mid-2015 LSOA populations ' +
  'summed over the boroughs in scope.';
