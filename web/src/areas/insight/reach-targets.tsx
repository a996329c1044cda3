// A coordinator's reach targets (e.g. "900 people a year", or a target for one practice): each
// target is a small form to change or remove it, and one more form adds a target for the whole
// programme or for an organisation whose referrals the programme receives. Every form sends through
// useSubmit; a stale version comes back as a refusal shown above the form.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { insightApi, type ReachTarget } from '../../api/insight';
import { programmeLinksApi } from '../../api/programme-links';
import { Button } from '../../components/button';
import { Loading } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Select, TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';

const wholeNumber = /^\d+$/;

function TargetForm({
  programmeId,
  target,
  organisations,
  onSaved,
}: {
  programmeId: string;
  target?: ReachTarget;
  organisations: { id: string; name: string }[];
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const prefix = target ? `reach-${target.id}` : 'reach-new';
  const fields = ['organisationId', 'peoplePerYear', 'note'];
  const form = useFormErrors(fields, {
    organisationId: `${prefix}-organisation`,
    peoplePerYear: `${prefix}-people`,
    note: `${prefix}-note`,
  });
  const submit = useSubmit(form.showApiError);
  const [organisationId, setOrganisationId] = useState(target?.organisationId ?? '');
  const [people, setPeople] = useState(target ? String(target.peoplePerYear) : '');
  const [note, setNote] = useState(target?.note ?? '');

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!wholeNumber.test(people.trim()) || Number(people) <= 0) {
      form.showFieldErrors({ peoplePerYear: t('insight.reach.peopleInvalid') });
      return;
    }
    form.clear();
    void submit.run(
      () =>
        insightApi.saveReachTarget({
          programmeId,
          organisationId: organisationId || null,
          peoplePerYear: Number(people),
          note: note.trim(),
          ...(target ? { version: target.version } : {}),
        }),
      () => {
        if (!target) {
          setPeople('');
          setNote('');
        }
        onSaved(t('insight.reach.saved'));
      },
    );
  };

  const remove = () => {
    if (!target) return;
    void submit.run(
      () => insightApi.deleteReachTarget(target),
      () => onSaved(t('insight.reach.removed')),
    );
  };

  const title = target
    ? (target.organisationName ?? (target.organisationId ? target.organisationId : t('insight.reach.whole')))
    : t('insight.reach.add');
  return (
    <form className="lw-insight-edit" onSubmit={save} noValidate aria-label={title}>
      <h3 className="nhsuk-heading-s">{title}</h3>
      <ErrorSummary errors={form.summary} />
      {!target && (
        <Select
          id={`${prefix}-organisation`}
          label={t('insight.reach.organisation')}
          value={organisationId}
          onChange={setOrganisationId}
          error={form.fieldError('organisationId')}
          options={[
            { value: '', text: t('insight.reach.whole') },
            ...organisations.map((organisation) => ({ value: organisation.id, text: organisation.name })),
          ]}
        />
      )}
      <TextInput
        id={`${prefix}-people`}
        label={t('insight.reach.peoplePerYear')}
        value={people}
        onChange={setPeople}
        width={5}
        inputProps={{ inputMode: 'numeric' }}
        error={form.fieldError('peoplePerYear')}
      />
      <TextInput
        id={`${prefix}-note`}
        label={t('insight.reach.note')}
        value={note}
        onChange={setNote}
        error={form.fieldError('note')}
      />
      <div className="lw-insight-actions">
        <Button isSmall isBusy={submit.isBusy}>
          {t('insight.reach.save')}
        </Button>
        {target && (
          <Button type="button" variant="secondary" isSmall isBusy={submit.isBusy} onClick={remove}>
            {t('insight.reach.remove')}
          </Button>
        )}
      </div>
    </form>
  );
}

export function ReachTargets({ programmeId, onChange }: { programmeId: string; onChange: () => void }) {
  const { t } = useTranslation();
  const targets = useApiData(() => insightApi.reachTargets(programmeId), [programmeId]);
  const links = useApiData(() => programmeLinksApi.list({ programmeId }), [programmeId]);
  const [message, setMessage] = useState<string | undefined>();
  const organisations = (links.data?.links ?? []).map((link) => ({
    id: link.organisationId,
    name: link.organisationName,
  }));
  const saved = (text: string) => {
    setMessage(text);
    targets.reload();
    onChange();
  };
  return (
    <section className="lw-insight-forms lw-no-print" aria-labelledby="reach-targets-heading">
      <h2 className="nhsuk-heading-m" id="reach-targets-heading">
        {t('insight.reach.title')}
      </h2>
      <p>{t('insight.reach.intro')}</p>
      <p role="status" className="lw-insight-status">
        {message}
      </p>
      {targets.isLoading && !targets.data && <Loading />}
      {Boolean(targets.error) && <LoadError error={targets.error} onRetry={targets.reload} />}
      {targets.data && targets.data.items.length === 0 && <p>{t('insight.reach.none')}</p>}
      {targets.data && !targets.data.canEdit && targets.data.items.length > 0 && (
        <ul className="nhsuk-list">
          {targets.data.items.map((target) => (
            <li key={target.id}>
              {target.organisationName ?? t('insight.reach.whole')}: {target.peoplePerYear}
            </li>
          ))}
        </ul>
      )}
      {targets.data?.canEdit &&
        targets.data.items.map((target) => (
          <TargetForm
            key={`${target.id}-${target.version}`}
            programmeId={programmeId}
            target={{
              ...target,
              organisationName:
                target.organisationName ??
                organisations.find((organisation) => organisation.id === target.organisationId)?.name ??
                null,
            }}
            organisations={organisations}
            onSaved={saved}
          />
        ))}
      {targets.data?.canEdit && (
        <TargetForm programmeId={programmeId} organisations={organisations} onSaved={saved} />
      )}
    </section>
  );
}
