// QuestionnaireResponse ⇄ measure. Outgoing: a recorded measure as the response it was. Incoming:
// a connected system's response read into the measures domain's terms (questionnaire key, referral,
// date, timepoint, answers), refusing what does not fit the published Questionnaire and naming the
// element. Scoring, duplicate and date rules stay in the domain (recordReferralMeasure).
import { uuidPattern } from '../search';
import type { QuestionnaireResponse, QuestionnaireResponseItem } from 'fhir/r4';
import type { InstrumentDefinition } from '../../../outcomes/instruments';
import { itemDisplayName } from '../../../outcomes/instruments';
import type { MeasureRow } from '../../../outcomes/measures/record-measure';
import { londonDate } from '../../../outcomes/measures/record-measure';
import { timepoints, type Timepoint } from '../../../outcomes/timepoints';
import { FhirError, type FhirIssue } from '../outcome';
import { extensions } from '../urls';
import { answerSystem, questionnaireUrl } from './codes';
import { findInstrumentByCanonical, isEveryItemRequired } from './questionnaires';

export function presentQuestionnaireResponse(
  row: MeasureRow,
  definition: InstrumentDefinition,
): QuestionnaireResponse {
  const answers = row.answers as Record<string, number | null>;
  const item: QuestionnaireResponseItem[] = definition.items.flatMap((question) => {
    const value = answers[question.id];
    if (value === null || value === undefined) return [];
    const option =
      question.response.kind === 'options'
        ? question.response.options.find((candidate) => candidate.value === value)
        : undefined;
    const answer = option
      ? { valueCoding: { system: answerSystem(definition.key), code: String(value), display: option.label } }
      : { valueInteger: value };
    // Item text is the display name only: licensed wording never leaves through the API.
    return [{ linkId: question.id, text: itemDisplayName(question), answer: [answer] }];
  });
  return {
    resourceType: 'QuestionnaireResponse',
    id: row.id,
    meta: { versionId: String(row.version), lastUpdated: row.updatedAt.toISOString() },
    extension: [{ url: extensions.measureTimepoint, valueCode: row.timepoint }],
    questionnaire: `${questionnaireUrl(definition.key)}|${row.instrumentVersion}`,
    basedOn: [{ reference: `ServiceRequest/${row.referralId}` }],
    // A corrected measure is "amended": its answers changed after it was first completed.
    status: row.version > 1 ? 'amended' : 'completed',
    subject: { reference: `Patient/${row.personId}` },
    authored: row.completedOn,
    ...(row.source === 'self' ? { author: { reference: `Patient/${row.personId}` } } : {}),
    item,
  };
}

export type IncomingResponse = {
  definition: InstrumentDefinition;
  referralId: string;
  personId: string;
  completedOn: string;
  /** Undefined when the extension was left out: the route decides (baseline if none yet). */
  timepoint: Timepoint | undefined;
  answers: Record<string, number | null>;
  /** The domain's field names ("answers.item_3", "completedOn") → the element the client sent. */
  expressionFor: (field: string) => string | undefined;
};

const path = 'QuestionnaireResponse';

function referenceId(reference: string | undefined, type: string): string | undefined {
  const match = /^([A-Za-z]+)\/([^/]+)$/.exec(reference ?? '');
  return match && match[1] === type && uuidPattern.test(match[2]!) ? match[2] : undefined;
}

/** YYYY-MM-DD as given, or the London date of a dateTime; partial dates are refused. */
function completionDate(authored: string | undefined): string | undefined {
  if (!authored) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(authored)) return authored;
  if (!authored.includes('T')) return undefined;
  const instant = new Date(authored);
  return Number.isNaN(instant.getTime()) ? undefined : londonDate(instant);
}

function readTimepoint(resource: QuestionnaireResponse, issues: FhirIssue[]): Timepoint | undefined {
  const index = (resource.extension ?? []).findIndex(
    (extension) => extension.url === extensions.measureTimepoint,
  );
  if (index === -1) return undefined;
  const value = resource.extension![index]!.valueCode;
  if (value && (timepoints as readonly string[]).includes(value)) return value as Timepoint;
  issues.push({
    code: 'value',
    diagnostics: `The timepoint extension needs valueCode ${timepoints.join(', ')}.`,
    expression: [`${path}.extension[${index}].valueCode`],
  });
  return undefined;
}

/** answer[0] as the item's value: valueInteger, or valueCoding.code holding the answer's value. */
function readAnswer(
  definition: InstrumentDefinition,
  item: QuestionnaireResponseItem,
  at: string,
  issues: FhirIssue[],
): number | null {
  const answers = item.answer ?? [];
  if (answers.length === 0) return null;
  if (answers.length > 1) {
    issues.push({
      code: 'structure',
      diagnostics: 'Give one answer per item.',
      expression: [`${at}.answer`],
    });
    return null;
  }
  const answer = answers[0]!;
  if (answer.valueInteger !== undefined) return answer.valueInteger;
  const coding = answer.valueCoding;
  const isOurSystem = !coding?.system || coding.system === answerSystem(definition.key);
  if (coding?.code !== undefined && isOurSystem && /^-?\d+$/.test(coding.code)) return Number(coding.code);
  issues.push({
    code: 'value',
    diagnostics: `Answer '${item.linkId}' with valueInteger, or valueCoding whose code is one of the Questionnaire's answer values.`,
    expression: [`${at}.answer[0]`],
  });
  return null;
}

/**
 * Reads an incoming response that already passed the R4 schema. Throws one 400 OperationOutcome
 * listing every element that does not fit the Questionnaire.
 */
export function readIncomingResponse(resource: QuestionnaireResponse): IncomingResponse {
  const issues: FhirIssue[] = [];
  const refuse = (expression: string, diagnostics: string, code: FhirIssue['code'] = 'invalid') =>
    issues.push({ code, diagnostics, expression: [expression] });

  const definition = resource.questionnaire ? findInstrumentByCanonical(resource.questionnaire) : undefined;
  if (!definition) {
    refuse(
      `${path}.questionnaire`,
      'Give the canonical URL of one of the Questionnaires at /fhir/Questionnaire.',
      resource.questionnaire ? 'value' : 'required',
    );
    throw new FhirError(400, issues);
  }
  if (resource.status !== 'completed')
    refuse(
      `${path}.status`,
      'Only a completed response can be recorded: status must be "completed".',
      'value',
    );
  const personId = referenceId(resource.subject?.reference, 'Patient');
  if (!personId) refuse(`${path}.subject`, 'subject must reference the person, as Patient/<id>.', 'required');
  const basedOn = resource.basedOn ?? [];
  const referralId = basedOn.length === 1 ? referenceId(basedOn[0]!.reference, 'ServiceRequest') : undefined;
  if (!referralId)
    refuse(
      `${path}.basedOn`,
      'basedOn must hold exactly one reference to the referral, as ServiceRequest/<id>.',
      'required',
    );
  const completedOn = completionDate(resource.authored);
  if (!completedOn)
    refuse(
      `${path}.authored`,
      'authored must give the date the questions were answered (YYYY-MM-DD).',
      'required',
    );
  const timepoint = readTimepoint(resource, issues);

  const answers: Record<string, number | null> = {};
  const indexByLinkId = new Map<string, number>();
  (resource.item ?? []).forEach((item, index) => {
    const at = `${path}.item[${index}]`;
    if (indexByLinkId.has(item.linkId))
      return refuse(`${at}.linkId`, `Item '${item.linkId}' is given twice.`);
    indexByLinkId.set(item.linkId, index);
    if (item.item?.length)
      refuse(`${at}.item`, 'These questionnaires have no nested items.', 'not-supported');
    answers[item.linkId] = readAnswer(definition, item, at, issues);
  });
  // The Questionnaire marks every item required when the instrument scores nothing otherwise, and a
  // "completed" response must answer its required items.
  if (isEveryItemRequired(definition))
    for (const question of definition.items) {
      if (answers[question.id] !== undefined && answers[question.id] !== null) continue;
      const index = indexByLinkId.get(question.id);
      refuse(
        index === undefined ? `${path}.item.where(linkId='${question.id}')` : `${path}.item[${index}].answer`,
        `'${itemDisplayName(question)}' (linkId ${question.id}) is required: ${definition.shortName ?? definition.name} is only scored when every item is answered.`,
        'required',
      );
    }
  if (issues.length > 0) throw new FhirError(400, issues);

  const expressionFor = (field: string): string | undefined => {
    if (field === 'instrumentKey') return `${path}.questionnaire`;
    if (field === 'completedOn') return `${path}.authored`;
    if (field === 'answers') return `${path}.item`;
    if (!field.startsWith('answers.')) return undefined;
    const linkId = field.slice('answers.'.length);
    const index = indexByLinkId.get(linkId);
    if (index === undefined) return `${path}.item.where(linkId='${linkId}')`;
    return answers[linkId] === null ? `${path}.item[${index}]` : `${path}.item[${index}].answer[0]`;
  };
  return {
    definition,
    referralId: referralId!,
    personId: personId!,
    completedOn: completedOn!,
    timepoint,
    answers,
    expressionFor,
  };
}
