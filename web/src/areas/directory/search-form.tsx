// The link worker's search form. Every filter lives in the URL (see useDirectoryQuery), so a search
// can be shared, bookmarked and returned to with Back; the form only edits a draft until submitted.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { Checkbox, Select, TextInput } from '../../components/fields';
import { knownDeliveryModes } from '../../components/directory/service-details';
import { supportKinds } from '../../components/directory/taxonomy';
import type { DirectoryFilters } from './use-directory-query';

/** Languages most often asked for in London (ISO 639-1 codes, as the search takes them). */
const commonLanguages = [
  'en',
  'ar',
  'bn',
  'es',
  'fr',
  'gu',
  'it',
  'lt',
  'pa',
  'pl',
  'pt',
  'ro',
  'so',
  'ta',
  'tr',
  'ur',
  'yo',
  'zh',
] as const;
/** The server searches within 5 km of a postcode unless told otherwise, and at most 50 km. */
const radiusChoices = ['1', '2', '5', '10', '20', '50'];
export const defaultRadiusKm = '5';

export function SearchForm({
  filters,
  onSearch,
  postcodeError,
}: {
  filters: DirectoryFilters;
  onSearch: (filters: DirectoryFilters) => void;
  postcodeError?: string | undefined;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(filters);
  const set =
    <K extends keyof DirectoryFilters>(key: K) =>
    (value: DirectoryFilters[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({ ...draft, q: draft.q.trim(), postcode: draft.postcode.trim().toUpperCase() });
  };
  const languageOptions = commonLanguages
    .map((code) => ({ value: code, text: t(`directory.languages.${code}`) }))
    .sort((a, b) => a.text.localeCompare(b.text));

  return (
    <form
      className="lw-directory-form"
      role="search"
      aria-label={t('directory.search.formLabel')}
      onSubmit={submit}
      noValidate
    >
      <div className="lw-filters">
        <TextInput
          id="q"
          label={t('directory.search.q')}
          type="search"
          value={draft.q}
          onChange={set('q')}
          width={20}
        />
        <TextInput
          id="postcode"
          label={t('directory.search.postcode')}
          value={draft.postcode}
          onChange={set('postcode')}
          width={10}
          error={postcodeError}
          inputProps={{ autoComplete: 'postal-code' }}
        />
        <Select
          id="radiusKm"
          label={t('directory.search.radius')}
          value={draft.radiusKm || defaultRadiusKm}
          onChange={set('radiusKm')}
          options={radiusChoices.map((value) => ({
            value,
            text: t('directory.search.withinKm', { count: Number(value) }),
          }))}
        />
      </div>
      <div className="lw-filters">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="support">
            {t('directory.search.support')}
          </label>
          <select
            className="nhsuk-select"
            id="support"
            name="support"
            value={draft.support}
            onChange={(event) => set('support')(event.target.value)}
          >
            <option value="">{t('directory.search.anySupport')}</option>
            {supportKinds.map((kind) => (
              <optgroup key={kind.code} label={kind.name}>
                <option value={kind.code}>{t('directory.search.allOfKind', { kind: kind.name })}</option>
                {kind.children.map((child) => (
                  <option key={child.code} value={child.code}>
                    {child.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <Select
          id="language"
          label={t('directory.search.language')}
          value={draft.language}
          onChange={set('language')}
          options={[{ value: '', text: t('directory.search.anyLanguage') }, ...languageOptions]}
        />
        <Select
          id="deliveryMode"
          label={t('directory.search.deliveryMode')}
          value={draft.deliveryMode}
          onChange={set('deliveryMode')}
          options={[
            { value: '', text: t('directory.search.anyDeliveryMode') },
            ...knownDeliveryModes.map((mode) => ({
              value: mode,
              text: t(`directory.deliveryModes.${mode}`),
            })),
          ]}
        />
        <TextInput
          id="age"
          label={t('directory.search.age')}
          value={draft.age}
          onChange={set('age')}
          width={3}
          inputProps={{ inputMode: 'numeric', pattern: '[0-9]*' }}
        />
      </div>
      <div className="lw-filters lw-filters--checkboxes">
        <Checkbox
          id="openNow"
          label={t('directory.search.openNow')}
          checked={draft.openNow}
          onChange={set('openNow')}
        />
        <Checkbox
          id="freeOnly"
          label={t('directory.search.freeOnly')}
          checked={draft.freeOnly}
          onChange={set('freeOnly')}
        />
        <Checkbox
          id="acceptingReferralsOnly"
          label={t('directory.search.acceptingOnly')}
          checked={draft.acceptingReferralsOnly}
          onChange={set('acceptingReferralsOnly')}
        />
      </div>
      <Button>{t('directory.search.submit')}</Button>
    </form>
  );
}
