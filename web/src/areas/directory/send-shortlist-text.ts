// The wording of "Send the shortlist to the person". The strings live beside the form (one JSON
// file, the same shape as web/src/i18n/en.json) and are added to i18next's bundle under
// "directory.shortlistSend" the first time the form renders. Once web/src/i18n/index.ts merges the
// file into the bundled resources, the check below finds them and adds nothing.
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import strings from './send-shortlist.en.json';

const prefix = 'directory.shortlistSend';

/** Keys as they are called: plural forms ("peopleFound_one") are asked for by their base name. */
type PluralBase<K> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;
export type SendShortlistKey = PluralBase<keyof typeof strings>;

function ensureStrings(): void {
  if (i18next.exists(`${prefix}.heading`)) return;
  i18next.addResourceBundle('en', 'translation', { directory: { shortlistSend: strings } }, true, false);
}

export function useSendShortlistText(): (key: SendShortlistKey, options?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  ensureStrings();
  // The keys are checked by SendShortlistKey; i18next's own key type only knows en.json.
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (key, options) => translate(`${prefix}.${key}`, options);
}
