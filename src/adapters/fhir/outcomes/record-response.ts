// Recording a connected system's QuestionnaireResponse as a measure, inside the create's
// transaction: find and lock the referral (404 alike for a missing one and another organisation's),
// honour If-None-Exist, choose the timepoint, then the measures domain's own recordReferralMeasure.
import { and, eq } from 'drizzle-orm';
import type { QuestionnaireResponse } from 'fhir/r4';
import type { ApiClientActor, RequestOrigin } from '../../../access/actor';
import { authorise } from '../../../access/policy';
import type { Executor } from '../../../db/client';
import { measures } from '../../../db/schema';
import { AppError } from '../../../http/errors';
import { findBuiltInInstrument } from '../../../outcomes/instruments';
import { recordReferralMeasure } from '../../../outcomes/measures/record-referral-measure';
import { timepoints, type Timepoint } from '../../../outcomes/timepoints';
import { referralResource } from '../../../referrals/access';
import { lockReferral, type ReferralRow } from '../../../referrals/store';
import { FhirError, invalidElement } from '../outcome';
import { extensions } from '../urls';
import { auditMeasureReads, findVisibleMeasures } from './measure-access';
import { presentQuestionnaireResponse, type IncomingResponse } from './questionnaire-response';
import { measureFilter } from './search-filters';

export const responseSearchParams = ['subject', 'based-on', 'questionnaire'] as const;

/** If-None-Exist: a QuestionnaireResponse search query, run within what the client may see. */
export function readCondition(header: string | string[] | undefined): Record<string, string> | undefined {
  if (header === undefined) return undefined;
  const params = new URLSearchParams(String(header).replace(/^.*\?/, ''));
  const condition: Record<string, string> = {};
  for (const [name, value] of params) {
    if (!(responseSearchParams as readonly string[]).includes(name) || name in condition)
      throw invalidElement(
        'If-None-Exist',
        `If-None-Exist may use ${responseSearchParams.join(', ')}, each once.`,
        'not-supported',
      );
    condition[name] = value;
  }
  if (Object.keys(condition).length === 0)
    throw invalidElement('If-None-Exist', 'If-None-Exist needs at least one search parameter.', 'required');
  return condition;
}

/** With no timepoint given: baseline for the first of this questionnaire on the referral, else ask. */
async function timepointFor(
  tx: Executor,
  referralId: string,
  incoming: IncomingResponse,
): Promise<Timepoint> {
  if (incoming.timepoint) return incoming.timepoint;
  const [earlier] = await tx
    .select({ timepoint: measures.timepoint })
    .from(measures)
    .where(and(eq(measures.referralId, referralId), eq(measures.instrumentKey, incoming.definition.key)))
    .limit(1);
  if (!earlier) return 'baseline';
  throw invalidElement(
    'QuestionnaireResponse.extension',
    `${incoming.definition.shortName ?? incoming.definition.name} is already recorded on this referral, so say ` +
      `which timepoint this response is for: extension ${extensions.measureTimepoint} with valueCode ${timepoints.join(', ')}.`,
    'required',
  );
}

/** The referral, locked, if the client's organisation made it; one 404 for every other case. */
async function lockClientReferral(
  tx: Executor,
  actor: ApiClientActor,
  referralId: string,
): Promise<{ referral: ReferralRow; basis: string }> {
  try {
    const referral = await lockReferral(tx, referralId);
    // Measures follow the referral: only the organisation that made it may add to it. The policy
    // has no "add a measure" rule for API clients yet, so the referral's read rule is the gate.
    return { referral, basis: authorise(actor, 'read', referralResource(referral)) };
  } catch (error) {
    // One answer for "no such referral" and "another organisation's", so neither is told apart.
    if (error instanceof AppError && error.code === 'not_found')
      throw new FhirError(404, [
        {
          code: 'not-found',
          diagnostics: `ServiceRequest/${referralId} was not found.`,
          expression: ['QuestionnaireResponse.basedOn[0]'],
        },
      ]);
    throw error;
  }
}

export async function recordResponse(
  tx: Executor,
  input: {
    actor: ApiClientActor;
    origin: RequestOrigin;
    incoming: IncomingResponse;
    condition: Record<string, string> | undefined;
  },
): Promise<{ statusCode: 200 | 201; body: QuestionnaireResponse }> {
  const { actor, origin, incoming, condition } = input;
  const now = new Date();
  const { referral, basis } = await lockClientReferral(tx, actor, incoming.referralId);
  if (referral.personId !== incoming.personId)
    throw invalidElement(
      'QuestionnaireResponse.subject',
      'subject must be the person the referral (basedOn) is for.',
    );
  if (condition) {
    const filter = measureFilter(condition);
    const { rows } = filter ? await findVisibleMeasures(tx, actor, filter) : { rows: [] };
    if (rows.length > 1)
      throw new FhirError(412, [
        {
          code: 'duplicate',
          diagnostics: `If-None-Exist matches ${rows.length} responses; make it match one.`,
        },
      ]);
    if (rows.length === 1) {
      await auditMeasureReads(tx, {
        actor,
        origin,
        read: rows,
        resourceType: 'QuestionnaireResponse',
        interaction: 'create',
      });
      const existing = rows[0]!.measure;
      return {
        statusCode: 200,
        body: presentQuestionnaireResponse(existing, findBuiltInInstrument(existing.instrumentKey)!),
      };
    }
  }
  const row = await recordReferralMeasure(tx, {
    actor,
    origin,
    referral,
    instrumentKey: incoming.definition.key,
    timepoint: await timepointFor(tx, referral.id, incoming),
    completedOn: incoming.completedOn,
    answers: incoming.answers,
    source: 'connected_system',
    answersField: 'answers',
    recordedByUserId: null,
    auditDetails: { basis, via: 'fhir' },
    now,
  });
  return { statusCode: 201, body: presentQuestionnaireResponse(row, incoming.definition) };
}
