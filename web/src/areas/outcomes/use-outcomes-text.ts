// The outcomes area's strings (i18n/en-outcomes.json, bundled under "outcomes" in i18n/index.ts).
import { useTranslation } from 'react-i18next';

export type OutcomesText = (key: string, options?: Record<string, unknown>) => string;

export function useOutcomesText(): OutcomesText {
  const { t } = useTranslation();
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (key, options) => translate(`outcomes.${key}`, options);
}
