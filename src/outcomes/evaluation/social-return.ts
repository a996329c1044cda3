// The social-return calculator over a programme's evaluation cohort. Every assumption — the cited
// defaults or the ones the caller overrode — is returned beside the result (see ../sroi.ts).
import { invalidField } from '../../http/errors';
import { SMALL_NUMBER_MINIMUM, suppressCount } from '../statistics';
import { calculateSocialReturn, type Assumption, type SroiAssumptions } from '../sroi';
import { socialReturnBasis, type EvaluationReport } from './build-report';
import type { HealthUseRow } from './cohort-queries';
import type { EvaluationView } from './access';
import type { SocialReturnResponse } from './schemas';

export function calculateProgrammeSocialReturn(options: {
  report: EvaluationReport;
  healthUse: readonly HealthUseRow[];
  view: EvaluationView;
  windowMonths: number;
  wellbeing: 'life-satisfaction' | 'none';
  programmeCost: Assumption;
  assumptions: Partial<SroiAssumptions>;
}): SocialReturnResponse {
  const { report, view, windowMonths } = options;
  const basis = socialReturnBasis(report, options.healthUse, windowMonths);
  const lifeSatisfaction = options.wellbeing === 'life-satisfaction' ? basis.lifeSatisfaction : null;
  const head = { view, from: report.from, to: report.to, windowMonths };

  // A commissioner sees the result only when every figure it rests on covers 5 people or more.
  const smallest = Math.min(basis.people, lifeSatisfaction?.people ?? Number.POSITIVE_INFINITY);
  if (view === 'aggregate' && smallest < SMALL_NUMBER_MINIMUM) {
    return {
      ...head,
      basis: {
        people: suppressCount(basis.people).value,
        meanChangeGpAppointments: null,
        meanChangeAeAttendances: null,
        lifeSatisfaction: lifeSatisfaction && {
          people: suppressCount(lifeSatisfaction.people).value,
          meanChange: null,
        },
      },
      result: null,
      suppressedBecause: `Based on fewer than ${SMALL_NUMBER_MINIMUM} people`,
    };
  }

  let result;
  try {
    result = calculateSocialReturn({
      people: basis.people,
      meanChangeGpAppointments: basis.meanChangeGpAppointments,
      meanChangeAeAttendances: basis.meanChangeAeAttendances,
      wellbeing: lifeSatisfaction
        ? {
            method: 'life-satisfaction',
            people: lifeSatisfaction.people,
            meanChange: lifeSatisfaction.meanChange,
          }
        : { method: 'none' },
      programmeCost: options.programmeCost,
      assumptions: options.assumptions,
    });
  } catch (error) {
    // The calculator refuses impossible assumptions (a share outside 0–1, a negative cost).
    if (error instanceof RangeError) throw invalidField('assumptions', error.message);
    throw error;
  }
  return {
    ...head,
    basis: {
      people: basis.people,
      meanChangeGpAppointments: basis.people === 0 ? null : basis.meanChangeGpAppointments,
      meanChangeAeAttendances: basis.people === 0 ? null : basis.meanChangeAeAttendances,
      lifeSatisfaction,
    },
    result: {
      ...result,
      assumptions: { ...result.assumptions },
      caveats:
        basis.people === 0
          ? [
              ...result.caveats,
              `Nobody has GP and A&E counts both before and after in the ${windowMonths}-month window, so no healthcare value is counted.`,
            ]
          : result.caveats,
    },
    suppressedBecause: null,
  };
}
