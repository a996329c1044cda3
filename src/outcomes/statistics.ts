// Paired before/after statistics for programme evaluation reports (docs/DESIGN.md §7).
//
// Conventions (the fixture generator test/fixtures/statistics/generate.py follows the same ones,
// and the tests hold us to SciPy 1.17's output for them):
// - change = after − before; a positive change means the score went up.
// - Paired t-test, two-sided; 95% CI of the mean change = mean ± t(0.975, n−1) · sd / √n, with
//   stdlib's Student t distribution (the arithmetic is done on grouped pairs, see pairedChange).
// - Wilcoxon signed-rank, two-sided, zeros dropped before ranking (Wilcoxon's own method, SciPy's
//   zero_method='wilcox'). Exact null distribution when the non-zero changes number 50 or fewer and
//   there were no zeros and no tied |change|; otherwise the normal approximation with the tie
//   correction to the variance and a continuity correction (SciPy: correction=True). The reported
//   statistic is SciPy's two-sided one, min(R+, R−). This is stdlib's default behaviour; we pin the
//   options anyway so a library default changing cannot silently change a commissioner's report.
//   Changes are rounded to 9 decimal places before ranking, so that changes equal on paper are tied:
//   23.21 − 20.73 and 22.58 − 20.10 differ in binary floating point but are both 2.48.
// - Where a figure cannot be computed we return null and say why in `reasons`, never NaN or ±Infinity,
//   because those would reach a report as "NaN" or be serialised to JSON as null without a reason.
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import wilcoxon from '@stdlib/stats-wilcoxon';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

export interface Pair {
  before: number;
  after: number;
  /** How many people had exactly these two scores (default 1). */
  count?: number;
}

export interface PairedTTest {
  t: number;
  df: number;
  p: number;
}

/**
 * The rule (SciPy's conventions, stated in test/fixtures/statistics/generate.py): the exact null
 * distribution when at most 50 non-zero changes remain, no zero change was dropped and no |change| is
 * tied; otherwise the normal approximation with tie and continuity corrections. `p` always comes
 * from the method named.
 */
export type WilcoxonMethod = 'exact' | 'normal-approximation';

export interface WilcoxonSignedRank {
  /** min(R+, R−), as SciPy reports for a two-sided test. */
  statistic: number;
  p: number;
  method: WilcoxonMethod;
  zerosDropped: number;
  /** Pairs left after dropping zero changes: the n the test is based on. */
  n: number;
  rPlus: number;
  rMinus: number;
}

export interface PairedEffectSize {
  /** Mean change / SD of the changes (Lakens 2013, d_z): the standardised change within people. */
  cohensDz: number | null;
  /** Mean change / mean of the before and after SDs (Lakens 2013, d_av): comparable with between-group d. */
  cohensDav: number | null;
  /** Matched-pairs rank-biserial correlation (R+ − R−) / (R+ + R−) (Kerby 2014), zeros dropped. */
  rankBiserial: number | null;
}

export type PairedChangeFigure =
  'means' | 'sdChange' | 'ci95' | 'tTest' | 'wilcoxon' | 'cohensDz' | 'cohensDav' | 'rankBiserial';

export interface PairedChange {
  n: number;
  meanBefore: number | null;
  meanAfter: number | null;
  meanChange: number | null;
  sdChange: number | null;
  ci95: [number, number] | null;
  tTest: PairedTTest | null;
  wilcoxon: WilcoxonSignedRank | null;
  effectSize: PairedEffectSize;
  /** Why each null figure is null, in words a coordinator can read. */
  reasons: Partial<Record<PairedChangeFigure, string>>;
}

const WILCOXON_EXACT_MAX_N = 50;
const RANK_DECIMALS = 9;

/**
 * Paired change for one measure over the people with both a baseline and a follow-up. A pair may
 * stand for several people with the same two scores (`count`): reports read grouped rows from the
 * database, and working on the groups keeps a 300,000-person programme's report in milliseconds.
 */
export function pairedChange(pairs: readonly Pair[]): PairedChange {
  for (const [index, pair] of pairs.entries()) {
    if (!Number.isFinite(pair.before) || !Number.isFinite(pair.after)) {
      throw new RangeError(`Pair ${index} has a score that is not a finite number`);
    }
    if (pair.count !== undefined && !(Number.isInteger(pair.count) && pair.count >= 0)) {
      throw new RangeError(`Pair ${index} has a count that is not a whole number of people`);
    }
  }
  const groups = pairs
    .map((pair) => ({ before: pair.before, after: pair.after, count: pair.count ?? 1 }))
    .filter((group) => group.count > 0);
  const n = sumOf(groups, () => 1);
  const reasons: PairedChange['reasons'] = {};
  const empty: PairedChange = {
    n,
    meanBefore: null,
    meanAfter: null,
    meanChange: null,
    sdChange: null,
    ci95: null,
    tTest: null,
    wilcoxon: null,
    effectSize: { cohensDz: null, cohensDav: null, rankBiserial: null },
    reasons,
  };
  if (n === 0) {
    const reason = 'Nobody has both a baseline and a follow-up score';
    for (const figure of allFigures) reasons[figure] = reason;
    return empty;
  }

  const before = (group: Group) => group.before;
  const after = (group: Group) => group.after;
  const change = (group: Group) => group.after - group.before;
  const meanChange = sumOf(groups, change) / n;
  const result: PairedChange = {
    ...empty,
    meanBefore: sumOf(groups, before) / n,
    meanAfter: sumOf(groups, after) / n,
    meanChange,
  };
  if (n < 2) {
    const reason = 'Needs at least 2 people with both scores; there is 1';
    for (const figure of allFigures) if (figure !== 'means') reasons[figure] = reason;
    return result;
  }

  // Equal-on-paper changes (e.g. every score up 0.1) leave a floating-point SD of ~1e-15, which
  // would give an absurd t in the billions; judge "no spread" on the rounded changes instead.
  const hasNoSpread = new Set(groups.map((group) => roundChange(change(group)))).size === 1;
  const sdChange = hasNoSpread ? 0 : standardDeviation(groups, change, n);
  result.sdChange = sdChange;
  if (hasNoSpread) {
    const reason = `Every change is the same (${formatChange(roundChange(change(groups[0]!)))}), so the changes have no spread and a t-test, its confidence interval and d_z are undefined`;
    reasons.ci95 = reason;
    reasons.tTest = reason;
    reasons.cohensDz = reason;
  } else {
    // The one-sample t-test of the changes against 0, with stdlib's Student t distribution.
    const df = n - 1;
    const standardError = sdChange / Math.sqrt(n);
    const t = meanChange / standardError;
    const margin = tQuantile(0.975, df) * standardError;
    // 2·F(−|t|) rather than 2·(1 − F(|t|)): the subtraction loses the digits of a tiny p.
    result.tTest = { t, df, p: Math.min(1, 2 * tCdf(-Math.abs(t), df)) };
    result.ci95 = [meanChange - margin, meanChange + margin];
    result.effectSize.cohensDz = meanChange / sdChange;
  }

  const meanSd = (standardDeviation(groups, before, n) + standardDeviation(groups, after, n)) / 2;
  if (meanSd === 0) {
    reasons.cohensDav = 'Everyone had the same score before and the same score after, so d_av is undefined';
  } else {
    result.effectSize.cohensDav = meanChange / meanSd;
  }

  const signedRank = wilcoxonSignedRank(
    groups.map((group) => ({ change: change(group), count: group.count })),
  );
  if (signedRank === null) {
    const changed = sumOf(groups, (group) => (roundChange(change(group)) !== 0 ? 1 : 0));
    const reason =
      changed === 0
        ? 'Every change is zero, so there is nothing to rank'
        : 'Only one score changed: the signed-rank test needs at least two non-zero changes';
    reasons.wilcoxon = reason;
    reasons.rankBiserial = reason;
  } else {
    result.wilcoxon = signedRank;
    result.effectSize.rankBiserial =
      (signedRank.rPlus - signedRank.rMinus) / (signedRank.rPlus + signedRank.rMinus);
  }
  return result;
}

type Group = { before: number; after: number; count: number };

const allFigures: readonly PairedChangeFigure[] = [
  'means',
  'sdChange',
  'ci95',
  'tTest',
  'wilcoxon',
  'cohensDz',
  'cohensDav',
  'rankBiserial',
];

function roundChange(change: number): number {
  const scale = 10 ** RANK_DECIMALS;
  return Math.round(change * scale) / scale;
}

/** Σ count · value(group). */
function sumOf(groups: readonly Group[], value: (group: Group) => number): number {
  let sum = 0;
  for (const group of groups) sum += group.count * value(group);
  return sum;
}

/** Sample SD (n − 1), two-pass so that large, nearly equal scores do not lose precision. */
function standardDeviation(groups: readonly Group[], value: (group: Group) => number, n: number): number {
  const centre = sumOf(groups, value) / n;
  return Math.sqrt(sumOf(groups, (group) => (value(group) - centre) ** 2) / (n - 1));
}

function wilcoxonSignedRank(
  changes: readonly { change: number; count: number }[],
): WilcoxonSignedRank | null {
  const total = changes.reduce((sum, { count }) => sum + count, 0);
  const nonZero = changes
    .map(({ change, count }) => ({ change: roundChange(change), count }))
    .filter(({ change }) => change !== 0);
  const n = nonZero.reduce((sum, { count }) => sum + count, 0);
  // stdlib (and the test itself) needs two non-zero changes; one is not a distribution to rank.
  if (n < 2) return null;
  const zerosDropped = total - n;
  // The documented rule decides the method, and the p-value comes from that method: exact only with
  // at most 50 changes, no zero dropped and no tied |change|. stdlib cannot see dropped zeros (it is
  // given the non-zero changes), so it would give the exact p where the rule says normal (SWEMWBS
  // changes 0.66, 3.76, 0 once reported "normal-approximation" with the exact test's p).
  const hasTies =
    new Set(nonZero.map(({ change }) => Math.abs(change))).size !== nonZero.length ||
    nonZero.some(({ count }) => count > 1);
  const isExact = n <= WILCOXON_EXACT_MAX_N && zerosDropped === 0 && !hasTies;
  const { rPlus, p } = isExact
    ? stdlibSignedRank(nonZero.map(({ change }) => change))
    : normalApproximationSignedRank(nonZero);
  const rMinus = (n * (n + 1)) / 2 - rPlus;
  return {
    statistic: Math.min(rPlus, rMinus),
    // stdlib's exact two-sided p is 2·P(T ≤ t), which exceeds 1 when t sits at the centre; SciPy caps it.
    p: Math.min(1, p),
    method: isExact ? 'exact' : 'normal-approximation',
    zerosDropped,
    n,
    rPlus,
    rMinus,
  };
}

/** Up to 50 distinct non-zero changes and no zeros: stdlib's exact distribution. */
function stdlibSignedRank(nonZero: number[]) {
  const test = wilcoxon(nonZero, {
    alpha: 0.05,
    alternative: 'two-sided',
    zeroMethod: 'wilcox',
    correction: true,
    mu: 0,
  });
  // stdlib reports R+ (R's V); SciPy's two-sided statistic is min(R+, R−).
  return { rPlus: test.statistic, p: test.pValue };
}

/**
 * Whenever the rule says so (over 50 changes, a zero dropped, or a tie): the normal approximation with midranks, tie correction and continuity
 * correction — the same formula as stdlib's (and SciPy's) large-sample branch. Written here
 * because stdlib ranks with an O(n²) tie tabulation that takes over a second on a 300,000-person
 * programme, and needs every change one by one; changes take few distinct sizes (a few hundred
 * for SWEMWBS), so ranking the distinct |change| with their counts is O(k log k). Checked against
 * SciPy's output in test/fixtures/statistics/paired.json and against stdlib in the unit tests.
 */
function normalApproximationSignedRank(nonZero: readonly { change: number; count: number }[]) {
  const bySize = new Map<number, { total: number; positive: number }>();
  let n = 0;
  for (const { change, count } of nonZero) {
    const size = Math.abs(change);
    const entry = bySize.get(size) ?? { total: 0, positive: 0 };
    entry.total += count;
    if (change > 0) entry.positive += count;
    bySize.set(size, entry);
    n += count;
  }
  // Each run of t equal sizes shares the midrank of the ranks it spans.
  let rPlus = 0;
  let tieSum = 0; // Σ t(t² − 1) over runs of t equal |changes|
  let ranked = 0;
  for (const size of [...bySize.keys()].sort((a, b) => a - b)) {
    const { total, positive } = bySize.get(size)!;
    rPlus += positive * (ranked + (total + 1) / 2);
    if (total > 1) tieSum += total * (total * total - 1);
    ranked += total;
  }
  const expected = (n * (n + 1)) / 4;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1) - 0.5 * tieSum) / 24);
  const z = (rPlus - expected - 0.5 * Math.sign(rPlus - expected)) / sd;
  // Φ(−|z|) rather than stdlib's 1 − Φ(|z|): the subtraction loses the digits of a tiny p.
  return { rPlus, p: 2 * normalCdf(-Math.abs(z), 0, 1) };
}

function formatChange(change: number): string {
  return change > 0 ? `+${change}` : String(change);
}

export interface LossToFollowUp {
  eligible: number;
  paired: number;
  lost: number;
  /** lost / eligible, null when nobody was eligible. */
  shareLost: number | null;
  isLarge: boolean;
  /** The share above which loss is called large (see LARGE_LOSS_TO_FOLLOW_UP). */
  threshold: number;
  warning: string | null;
}

// More than 20% lost is "large". The "5-and-20" rule of thumb from trial appraisal (under 5% lost
// causes little bias, over 20% threatens validity; Schulz & Grimes, Lancet 2002) is the most widely
// quoted line. People who drop out of social prescribing are unlikely to resemble those who stay, so
// past that point a before/after mean says more about who stayed than about the programme.
export const LARGE_LOSS_TO_FOLLOW_UP = 0.2;

/** How many of those due a follow-up have one, and a warning when too many do not. */
export function describeLossToFollowUp(eligible: number, paired: number): LossToFollowUp {
  if (!Number.isInteger(eligible) || !Number.isInteger(paired) || eligible < 0 || paired < 0) {
    throw new RangeError('Eligible and paired must be whole numbers of people, not negative');
  }
  if (paired > eligible) {
    throw new RangeError(`More people paired (${paired}) than were eligible (${eligible})`);
  }
  const lost = eligible - paired;
  const shareLost = eligible === 0 ? null : lost / eligible;
  const isLarge = shareLost !== null && shareLost > LARGE_LOSS_TO_FOLLOW_UP;
  const warning = isLarge
    ? `${Math.round((shareLost ?? 0) * 100)}% of people due a follow-up have none (more than ${LARGE_LOSS_TO_FOLLOW_UP * 100}%). ` +
      'Those who stayed may differ from those who left, so these changes may not describe everyone the programme supported.'
    : null;
  return { eligible, paired, lost, shareLost, isLarge, threshold: LARGE_LOSS_TO_FOLLOW_UP, warning };
}

export interface MeaningfulChange {
  /** Smallest change the instrument counts as meaningful, as a positive number of points. */
  minimumChange: number;
  direction: 'higher-is-better' | 'lower-is-better';
}

export interface ShareImproved {
  n: number;
  improved: number;
  share: number | null;
  threshold: MeaningfulChange;
}

/**
 * Share of people whose change reaches the instrument's meaningful-change threshold in the good
 * direction. A change exactly equal to the threshold counts as improved ("at least" is how published
 * thresholds are worded, e.g. SWEMWBS and ONS4).
 */
export function shareImproved(
  changes: readonly (number | { change: number; count: number })[],
  threshold: MeaningfulChange,
): ShareImproved {
  if (!(threshold.minimumChange > 0) || !Number.isFinite(threshold.minimumChange)) {
    throw new RangeError('A meaningful change must be a positive number of points');
  }
  const isImprovement =
    threshold.direction === 'higher-is-better'
      ? (change: number) => change >= threshold.minimumChange
      : (change: number) => change <= -threshold.minimumChange;
  // A change may stand for several people with the same change (grouped rows from a report).
  let n = 0;
  let improved = 0;
  for (const entry of changes) {
    const { change, count } = typeof entry === 'number' ? { change: entry, count: 1 } : entry;
    n += count;
    if (isImprovement(change)) improved += count;
  }
  return { n, improved, share: n === 0 ? null : improved / n, threshold };
}

// Small-number suppression for anything a commissioner sees (docs/DESIGN.md §5 and §6).
// Rules, applied in this order:
// 1. A count of 1–4 people is shown as suppressed. Zero is shown: it describes nobody.
// 2. A figure derived from fewer than 5 people (a mean, a CI, a p-value) is suppressed, since with
//    two or three people a mean change is close to an individual's own change.
// 3. A share is suppressed when its numerator is 1–4, when the rest (denominator − numerator) is 1–4,
//    or when the denominator is under 5: a share and a shown denominator give the count back.
// 4. Complementary suppression in a breakdown whose total is shown: if exactly one cell is
//    suppressed, the next smallest non-zero cell is suppressed too, or the hidden cell could be
//    recovered by subtracting the others from the total.
export const SMALL_NUMBER_MINIMUM = 5;

export type Suppressible<T> =
  { isSuppressed: false; value: T } | { isSuppressed: true; value: null; reason: string };

const shown = <T>(value: T): Suppressible<T> => ({ isSuppressed: false, value });
const hidden = (reason: string): Suppressible<never> => ({ isSuppressed: true, value: null, reason });

function assertCount(count: number, what: string): void {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`${what} must be a whole number, not negative`);
}

/** Rule 1: a count of people, suppressed when 1 to minimum − 1. */
export function suppressCount(count: number, minimum = SMALL_NUMBER_MINIMUM): Suppressible<number> {
  assertCount(count, 'A count');
  return count > 0 && count < minimum ? hidden(`Fewer than ${minimum} people`) : shown(count);
}

/** Rule 2: a figure computed over `basedOn` people. */
export function suppressStatistic<T>(
  value: T,
  basedOn: number,
  minimum = SMALL_NUMBER_MINIMUM,
): Suppressible<T> {
  assertCount(basedOn, 'The number of people a figure is based on');
  return basedOn < minimum ? hidden(`Based on fewer than ${minimum} people`) : shown(value);
}

/** Rule 3: numerator / denominator as a share between 0 and 1. */
export function suppressShare(
  numerator: number,
  denominator: number,
  minimum = SMALL_NUMBER_MINIMUM,
): Suppressible<number> {
  assertCount(numerator, 'A numerator');
  assertCount(denominator, 'A denominator');
  if (numerator > denominator) throw new RangeError('A numerator cannot exceed its denominator');
  if (denominator < minimum) return hidden(`Based on fewer than ${minimum} people`);
  const isSmall = (count: number) => count > 0 && count < minimum;
  if (isSmall(numerator) || isSmall(denominator - numerator)) {
    return hidden(`Would reveal a group of fewer than ${minimum} people`);
  }
  return shown(numerator / denominator);
}

/** Rules 1 and 4 over a breakdown (e.g. referrals by source) whose total is also shown. */
export function suppressBreakdown<Key extends string>(
  counts: Readonly<Record<Key, number>>,
  minimum = SMALL_NUMBER_MINIMUM,
): { cells: Record<Key, Suppressible<number>>; total: Suppressible<number> } {
  const keys = Object.keys(counts) as Key[];
  const cells = {} as Record<Key, Suppressible<number>>;
  let total = 0;
  for (const key of keys) {
    cells[key] = suppressCount(counts[key], minimum);
    total += counts[key];
  }
  const suppressed = keys.filter((key) => cells[key].isSuppressed);
  if (suppressed.length === 1) {
    const nextSmallest = keys
      .filter((key) => !cells[key].isSuppressed && counts[key] > 0)
      .sort((a, b) => counts[a] - counts[b])[0];
    if (nextSmallest !== undefined) {
      cells[nextSmallest] = hidden('Hidden so that a suppressed figure cannot be worked out from the total');
    }
  }
  return { cells, total: suppressCount(total, minimum) };
}
