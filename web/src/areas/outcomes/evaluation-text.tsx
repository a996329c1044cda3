// The evaluation pages' strings (i18n/en-evaluation.json, bundled under "evaluation"), and the
// number formats every figure on them uses.
import { useTranslation } from 'react-i18next';
import { localeFor } from '../../i18n';

export type EvaluationText = (key: string, options?: Record<string, unknown>) => string;

export function useEvaluationText(): EvaluationText {
  const { t } = useTranslation();
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (key, options) => translate(`evaluation.${key}`, options);
}

export type NumberFormats = {
  decimal: (value: number) => string;
  signed: (value: number) => string;
  p: (value: number) => string;
  percent: (value: number) => string;
  money: (value: number) => string;
  oneDecimal: (value: number) => string;
};

/** Means and changes to 2 decimals (as in the PDF), p-values to 3, shares as whole percentages. */
export function useNumberFormats(): NumberFormats {
  const { i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  const two = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signedFormat = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: 'exceptZero',
  });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'GBP',
    maximumFractionDigits: 0,
  });
  // `+ 0` turns −0 (a change that rounds to nothing) into 0, so it never prints as "-0.00".
  return {
    decimal: (value) => two.format(value + 0),
    signed: (value) => signedFormat.format(value + 0),
    p: (value) => (value < 0.001 ? '< 0.001' : value.toFixed(3)),
    percent: (value) => percent.format(value),
    money: (value) => money.format(value + 0),
    oneDecimal: (value) => one.format(value + 0),
  };
}
