// The report as each audience may see it. Coordinators get every figure; commissioners get the
// same shape with the small-number rules of ../statistics.ts applied (docs/DESIGN.md §5 and §6): counts of 1–4
// hidden, any figure computed over fewer than 5 people hidden, shares that would reveal a group of
// fewer than 5 hidden, and the complementary count hidden where a total would give it back.
import {
  SMALL_NUMBER_MINIMUM,
  suppressBreakdown,
  suppressCount,
  suppressShare,
  suppressStatistic,
  type PairedChange,
  type Suppressible,
} from '../statistics';
import type { EvaluationReport, MeasureFigures } from './build-report';
import type { EvaluationResponse } from './schemas';

type View = EvaluationResponse['view'];
type PairedChangeView = EvaluationResponse['measures'][number]['change'];
type MeasureView = EvaluationResponse['measures'][number];

function fullChange(change: PairedChange): PairedChangeView {
  return { ...change, reasons: { ...change.reasons } };
}

/** Every figure of a paired change over fewer than 5 people is hidden; so is a count of 1–4. */
function aggregateChange(change: PairedChange, shownN: Suppressible<number>): PairedChangeView {
  const reasons: Record<string, string> = { ...change.reasons };
  const statistic = <T>(name: string, value: T): T | null => {
    if (value === null) return null;
    const result = suppressStatistic(value, change.n);
    if (result.isSuppressed) {
      reasons[name] = result.reason;
      return null;
    }
    return result.value;
  };
  if (shownN.isSuppressed) reasons.n = shownN.reason;
  const wilcoxon = statistic('wilcoxon', change.wilcoxon);
  // Zero changes are people whose score did not move: a count like any other.
  const zeros = wilcoxon ? suppressCount(wilcoxon.zerosDropped) : null;
  return {
    n: shownN.value,
    meanBefore: statistic('means', change.meanBefore),
    meanAfter: statistic('means', change.meanAfter),
    meanChange: statistic('means', change.meanChange),
    sdChange: statistic('sdChange', change.sdChange),
    ci95: statistic('ci95', change.ci95),
    tTest: statistic('tTest', change.tTest),
    wilcoxon:
      wilcoxon && zeros
        ? {
            ...wilcoxon,
            zerosDropped: zeros.value,
            // n − zeros would give the hidden zeros back.
            n: zeros.isSuppressed ? null : wilcoxon.n,
          }
        : null,
    effectSize: {
      cohensDz: statistic('cohensDz', change.effectSize.cohensDz),
      cohensDav: statistic('cohensDav', change.effectSize.cohensDav),
      rankBiserial: statistic('rankBiserial', change.effectSize.rankBiserial),
    },
    reasons,
  };
}

function fullMeasure(measure: MeasureFigures): MeasureView {
  const { improvement, lossToFollowUp } = measure;
  return {
    scoreId: measure.scoreId,
    instrumentKey: measure.instrumentKey,
    itemId: measure.itemId,
    label: measure.label,
    direction: measure.direction,
    lossToFollowUp: { ...lossToFollowUp, reasons: {} },
    change: fullChange(measure.change),
    improvement: improvement && {
      minimumChange: improvement.threshold.minimumChange,
      direction: improvement.threshold.direction,
      source: improvement.source,
      n: improvement.n,
      improved: improvement.improved,
      share: improvement.share,
      reason: improvement.share === null ? 'Nobody has both a baseline and a follow-up score' : null,
    },
  };
}

function aggregateMeasure(measure: MeasureFigures): MeasureView {
  const { improvement, lossToFollowUp: loss } = measure;
  // Paired + lost = eligible, which is shown: hide a second cell when one is hidden.
  const breakdown = suppressBreakdown({ paired: loss.paired, lost: loss.lost });
  const shareLost = loss.eligible === 0 ? null : suppressShare(loss.lost, loss.eligible);
  const reasons: Record<string, string> = {};
  for (const [name, cell] of Object.entries(breakdown.cells))
    if (cell.isSuppressed) reasons[name] = cell.reason;
  if (breakdown.total.isSuppressed) reasons.eligible = breakdown.total.reason;
  if (shareLost?.isSuppressed) reasons.shareLost = shareLost.reason;
  const isShareShown = shareLost !== null && !shareLost.isSuppressed;
  const improvedShare = improvement ? suppressShare(improvement.improved, improvement.n) : null;
  return {
    ...fullMeasure(measure),
    lossToFollowUp: {
      eligible: breakdown.total.value,
      paired: breakdown.cells.paired.value,
      lost: breakdown.cells.lost.value,
      shareLost: isShareShown ? shareLost.value : null,
      isLarge: isShareShown ? loss.isLarge : null,
      threshold: loss.threshold,
      warning: isShareShown ? loss.warning : null,
      reasons,
    },
    change: aggregateChange(measure.change, breakdown.cells.paired),
    improvement:
      improvement && improvedShare
        ? {
            minimumChange: improvement.threshold.minimumChange,
            direction: improvement.threshold.direction,
            source: improvement.source,
            n: breakdown.cells.paired.value,
            // The count is shown only with its share: the share rule already protects both sides.
            improved: improvedShare.isSuppressed ? null : improvement.improved,
            share: improvedShare.value,
            reason: improvedShare.isSuppressed ? improvedShare.reason : null,
          }
        : null,
  };
}

export function presentReport(
  report: EvaluationReport,
  programme: { id: string; name: string },
  view: View,
): EvaluationResponse {
  const isFull = view === 'full';
  const shownCount = (value: number) => (isFull ? value : suppressCount(value).value);
  return {
    view,
    programme: { id: programme.id, name: programme.name },
    from: report.from,
    to: report.to,
    asOf: report.asOf,
    smallNumberMinimum: SMALL_NUMBER_MINIMUM,
    cohort: { referrals: shownCount(report.cohort.referrals), people: shownCount(report.cohort.people) },
    measures: report.measures.map(isFull ? fullMeasure : aggregateMeasure),
    healthServiceUse: {
      caveat: report.healthServiceUse.caveat,
      windows: report.healthServiceUse.windows.map((window) => ({
        windowMonths: window.windowMonths,
        gpAppointments: isFull
          ? fullChange(window.gpAppointments)
          : aggregateChange(window.gpAppointments, suppressCount(window.gpAppointments.n)),
        aeAttendances: isFull
          ? fullChange(window.aeAttendances)
          : aggregateChange(window.aeAttendances, suppressCount(window.aeAttendances.n)),
        withoutAfter: shownCount(window.withoutAfter),
      })),
    },
  };
}
