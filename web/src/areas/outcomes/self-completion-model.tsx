// The self-completion link as the web page sees it: the public endpoints
// (src/outcomes/measures/public-routes.ts), the answers being given, and the checks the page makes
// before sending. The server checks every answer again; the page only saves the person a round trip.
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';

export type AnswerOption = { value: number; label: string };

export type LinkItem = {
  id: string;
  number: number | null;
  label: string;
  /** The wording shown to the person; null when the instrument carries none (numbers only). */
  question: string | null;
  response:
    | { kind: 'options'; options: AnswerOption[] }
    | { kind: 'scale'; min: number; max: number; anchors: AnswerOption[] };
};

export type LinkInstrument = {
  key: string;
  name: string;
  shortName: string | null;
  description: string | null;
  recallPeriod: string | null;
  licence: { note: string; copyright: string | null; attribution: string | null };
  items: LinkItem[];
};

export type OpenedLink = {
  programmeName: string;
  firstName: string;
  timepoint: string;
  expiresAt: string;
  instruments: LinkInstrument[];
};

/** instrumentKey → itemId → the chosen value, as the radio's string. */
export type AnswerDraft = Record<string, Record<string, string>>;

const linkPath = (token: string) => `/api/public/measure-links/${encodeURIComponent(token)}`;

export const selfCompletionApi = {
  open: (token: string) => api.get<OpenedLink>(linkPath(token)),
  submit: (token: string, answers: Record<string, Record<string, number | null>>) =>
    api.post<{ message: string }>(linkPath(token), { answers }),
};

/** Why a link cannot be used: the server's 410 reason, or unknown for a 404. */
export type EndedReason = 'used' | 'expired' | 'revoked' | 'unknown';

export function endedReasonOf(error: unknown): EndedReason | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 404) return 'unknown';
  if (error.status !== 410) return undefined;
  const reason = error.problem.reason;
  return reason === 'expired' || reason === 'revoked' ? reason : 'used';
}

/** The id of an item's first radio: error summary links land on it. */
export const answerFieldId = (instrumentKey: string, itemId: string) => `answer-${instrumentKey}-${itemId}`;

/** The number a person sees for a question: the instrument's own, or its place in the set. */
export const questionNumber = (item: LinkItem, index: number) => item.number ?? index + 1;

/** Every choice of an item, lowest first; a 0–10 scale becomes eleven choices with its anchors' words. */
export function choicesOf(
  item: LinkItem,
  scaleText: (value: number, label: string) => string,
): { value: string; text: string }[] {
  if (item.response.kind === 'options')
    return item.response.options.map((option) => ({ value: String(option.value), text: option.label }));
  const { min, max, anchors } = item.response;
  return Array.from({ length: max - min + 1 }, (_, index) => {
    const value = min + index;
    const anchor = anchors.find((candidate) => candidate.value === value);
    return { value: String(value), text: anchor ? scaleText(value, anchor.label) : String(value) };
  });
}

/** field id → message for each unanswered item of one instrument, in page order. */
export function findUnanswered(
  instrument: LinkInstrument,
  draft: AnswerDraft,
  message: (number: number) => string,
): Record<string, string> {
  const given = draft[instrument.key] ?? {};
  const errors: Record<string, string> = {};
  instrument.items.forEach((item, index) => {
    if (!given[item.id])
      errors[answerFieldId(instrument.key, item.id)] = message(questionNumber(item, index));
  });
  return errors;
}

/** The body of the submission: every item of every instrument, unanswered ones as null. */
export function answersToSend(instruments: LinkInstrument[], draft: AnswerDraft) {
  return Object.fromEntries(
    instruments.map((instrument) => [
      instrument.key,
      Object.fromEntries(
        instrument.items.map((item) => {
          const value = draft[instrument.key]?.[item.id];
          return [item.id, value ? Number(value) : null];
        }),
      ),
    ]),
  );
}

/**
 * The server's field errors placed on the page: `answers.<key>.<itemId>` on the item's radios,
 * `answers.<key>` on the set. Returns the index of the first set with a problem.
 */
export function placeServerErrors(instruments: LinkInstrument[], error: ApiError) {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  let firstSet: number | undefined;
  for (const problem of error.problem.errors ?? []) {
    const [, instrumentKey, itemId] = problem.field.split('.');
    const setIndex = instruments.findIndex((instrument) => instrument.key === instrumentKey);
    const item = setIndex >= 0 ? instruments[setIndex]!.items.find((each) => each.id === itemId) : undefined;
    if (item) fields[answerFieldId(instrumentKey!, item.id)] ??= problem.detail;
    else general.push(problem.detail);
    if (setIndex >= 0 && (firstSet === undefined || setIndex < firstSet)) firstSet = setIndex;
  }
  if (Object.keys(fields).length === 0 && general.length === 0)
    general.push(error.problem.detail ?? error.problem.title);
  return { fields, general, firstSet: firstSet ?? 0 };
}

export type SelfCompletionText = (key: string, options?: Record<string, unknown>) => string;

/** The page's strings (i18n/en-self-completion.json, bundled under "selfCompletion"). */
export function useSelfCompletionText(): SelfCompletionText {
  const { t } = useTranslation();
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (key, options) => translate(`selfCompletion.${key}`, options);
}
