// Every user-facing string goes through i18next. English is bundled; another language is one more
// JSON file with the same keys. The document's lang and dir follow the language, so a right-to-left
// language lays out correctly (the styles use logical properties).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import enCasework from './en-casework.json';
import enDemographics from './en-demographics.json';
import enEvaluation from './en-evaluation.json';
import enInsight from './en-insight.json';
import enMeasures from './en-measures.json';
import enOutcomes from './en-outcomes.json';
import enProgrammeLinks from './en-programme-links.json';
import enReferrals from './en-referrals.json';
import enSelfCompletion from './en-self-completion.json';
import enTerms from './en-terms.json';

export const defaultNamespace = 'translation';
// Big areas keep their strings in their own file, nested under one key ("referrals.…", "casework.…").
export const resources = {
  en: {
    translation: {
      ...en,
      referrals: enReferrals,
      casework: enCasework,
      demographics: enDemographics,
      programmeTerms: enTerms,
      outcomes: enOutcomes,
      measures: enMeasures,
      selfCompletion: enSelfCompletion,
      evaluation: enEvaluation,
      programmeLinks: enProgrammeLinks,
      insight: enInsight,
    },
  },
} as const;
export const supportedLanguages = Object.keys(resources);

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: typeof defaultNamespace;
    resources: (typeof resources)['en'];
  }
}

/** The locale for a bundled language: Linkwell's English is British English. */
const locales: Record<string, string> = { en: 'en-GB' };

export function localeFor(language: string): string {
  return locales[language] ?? language;
}

function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = localeFor(language);
  document.documentElement.dir = i18next.dir(language);
}

function preferredLanguage(): string {
  const stored = window.localStorage.getItem('linkwell.language');
  const candidates = [stored, ...navigator.languages].filter((value): value is string => Boolean(value));
  for (const candidate of candidates) {
    const base = candidate.toLowerCase().split('-')[0] ?? '';
    if (supportedLanguages.includes(base)) return base;
  }
  return 'en';
}

export function setUpI18n(): typeof i18next {
  i18next.on('languageChanged', applyDocumentLanguage);
  void i18next.use(initReactI18next).init({
    resources,
    lng: preferredLanguage(),
    fallbackLng: 'en',
    defaultNS: defaultNamespace,
    // Resources are bundled, so initialisation completes synchronously before the first render.
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
  });
  applyDocumentLanguage(i18next.language);
  return i18next;
}

/** Dates and times in the reader's language, e.g. "25 Nov 2025, 14:05". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeFor(i18next.language), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/**
 * A day in the reader's language, e.g. "12 April 1950" (the NHS style writes months in full). A
 * date-only value (YYYY-MM-DD: a date of birth, a session) is that calendar day wherever the reader
 * is; a timestamp is the day it falls on in the reader's time zone.
 */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '';
  const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(isDateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeFor(i18next.language), {
    dateStyle: 'long',
    ...(isDateOnly ? { timeZone: 'UTC' } : {}),
  }).format(date);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(localeFor(i18next.language)).format(value);
}

/** A share (0–1) as a whole percentage: 0.734 → "73%". */
export function formatPercent(share: number): string {
  return new Intl.NumberFormat(localeFor(i18next.language), {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}
