// A coordinator's demand assumptions: per borough or per organisation (a GP practice), the list size
// or consultation count the programme enters, the share of consultations that are for social problems
// (about 1 in 5, the published finding) and where the figures come from. Each one is a small form to
// change or remove it; one more adds an assumption. Every form sends through useSubmit.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { insightApi, type DemandAssumption } from '../../api/insight';
import { programmeLinksApi } from '../../api/programme-links';
import { Button } from '../../components/button';
import { Loading } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Select, TextInput, Textarea } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { useFilterChoices } from './filters';

const wholeNumber = /^\d+$/;
const decimal = /^\d+(\.\d+)?$/;

type Choice = { value: string; text: string };

function AssumptionForm({
  programmeId,
  assumption,
  scopes,
  scopeName,
  defaultShare,
  onSaved,
}: {
  programmeId: string;
  assumption?: DemandAssumption;
  /** Boroughs ("borough:E09…") and organisations ("organisation:<id>") a new assumption may cover. */
  scopes: Choice[];
  scopeName: (assumption: DemandAssumption) => string;
  defaultShare: number;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const prefix = assumption ? `demand-${assumption.id}` : 'demand-new';
  const fields = ['scope', 'listSize', 'consultationsPerYear', 'socialShare', 'source'];
  const form = useFormErrors(fields, {
    scope: `${prefix}-scope`,
    organisationId: `${prefix}-scope`,
    boroughCode: `${prefix}-scope`,
    listSize: `${prefix}-list-size`,
    consultationsPerYear: `${prefix}-consultations`,
    socialShare: `${prefix}-social-share`,
    source: `${prefix}-source`,
  });
  const submit = useSubmit(form.showApiError);
  const [scope, setScope] = useState('');
  const [listSize, setListSize] = useState(assumption?.listSize?.toString() ?? '');
  const [consultations, setConsultations] = useState(assumption?.consultationsPerYear?.toString() ?? '');
  const [share, setShare] = useState(
    String(Math.round((assumption?.socialShare ?? defaultShare) * 1000) / 10),
  );
  const [source, setSource] = useState(assumption?.source ?? '');

  const save = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!assumption && !scope) problems.scope = t('insight.demand.scopeNeeded');
    if (listSize.trim() && !wholeNumber.test(listSize.trim()))
      problems.listSize = t('insight.demand.numberInvalid');
    if (consultations.trim() && !wholeNumber.test(consultations.trim()))
      problems.consultationsPerYear = t('insight.demand.numberInvalid');
    const percent = Number(share.trim());
    if (!decimal.test(share.trim()) || percent <= 0 || percent > 100)
      problems.socialShare = t('insight.demand.shareInvalid');
    if (Object.keys(problems).length > 0) {
      form.showFieldErrors(problems);
      return;
    }
    form.clear();
    const [kind, id] = assumption
      ? assumption.organisationId
        ? ['organisation', assumption.organisationId]
        : ['borough', assumption.boroughCode ?? '']
      : scope.split(':');
    void submit.run(
      () =>
        insightApi.saveDemandAssumption({
          programmeId,
          organisationId: kind === 'organisation' ? (id ?? null) : null,
          boroughCode: kind === 'borough' ? (id ?? null) : null,
          listSize: listSize.trim() ? Number(listSize) : null,
          consultationsPerYear: consultations.trim() ? Number(consultations) : null,
          socialShare: Math.round(percent * 100) / 10000,
          source: source.trim(),
          ...(assumption ? { version: assumption.version } : {}),
        }),
      () => {
        if (!assumption) {
          setScope('');
          setListSize('');
          setConsultations('');
          setSource('');
        }
        onSaved(t('insight.demand.saved'));
      },
    );
  };

  const remove = () => {
    if (!assumption) return;
    void submit.run(
      () => insightApi.deleteDemandAssumption(assumption),
      () => onSaved(t('insight.demand.removed')),
    );
  };

  const title = assumption ? scopeName(assumption) : t('insight.demand.add');
  return (
    <form className="lw-insight-edit" onSubmit={save} noValidate aria-label={title}>
      <h3 className="nhsuk-heading-s">{title}</h3>
      {assumption && (
        <p className="nhsuk-body-s lw-insight-source">
          {assumption.sourceShown
            ? t('insight.demand.sourceLabel', { source: assumption.sourceShown })
            : t('insight.demand.noSource')}
        </p>
      )}
      <ErrorSummary errors={form.summary} />
      {!assumption && (
        <Select
          id={`${prefix}-scope`}
          label={t('insight.demand.for')}
          value={scope}
          onChange={setScope}
          error={form.fieldError('scope')}
          options={[{ value: '', text: t('insight.demand.addFor') }, ...scopes]}
        />
      )}
      <div className="lw-insight-edit__fields">
        <TextInput
          id={`${prefix}-list-size`}
          label={t('insight.demand.listSize')}
          value={listSize}
          onChange={setListSize}
          width={10}
          inputProps={{ inputMode: 'numeric' }}
          error={form.fieldError('listSize')}
        />
        <TextInput
          id={`${prefix}-consultations`}
          label={t('insight.demand.consultations')}
          value={consultations}
          onChange={setConsultations}
          width={10}
          inputProps={{ inputMode: 'numeric' }}
          error={form.fieldError('consultationsPerYear')}
        />
        <TextInput
          id={`${prefix}-social-share`}
          label={t('insight.demand.socialShare')}
          hint={t('insight.demand.socialShareHint')}
          value={share}
          onChange={setShare}
          width={4}
          inputProps={{ inputMode: 'decimal' }}
          error={form.fieldError('socialShare')}
        />
      </div>
      <Textarea
        id={`${prefix}-source`}
        label={t('insight.demand.source')}
        hint={t('insight.demand.sourceHint')}
        value={source}
        onChange={setSource}
        rows={2}
        error={form.fieldError('source')}
      />
      <div className="lw-insight-actions">
        <Button isSmall isBusy={submit.isBusy}>
          {t('insight.demand.save')}
        </Button>
        {assumption && (
          <Button type="button" variant="secondary" isSmall isBusy={submit.isBusy} onClick={remove}>
            {t('insight.demand.remove')}
          </Button>
        )}
      </div>
    </form>
  );
}

export function DemandAssumptions({ programmeId, onChange }: { programmeId: string; onChange: () => void }) {
  const { t } = useTranslation();
  const assumptions = useApiData(() => insightApi.demandAssumptions(programmeId), [programmeId]);
  const links = useApiData(() => programmeLinksApi.list({ programmeId }), [programmeId]);
  const { boroughs } = useFilterChoices();
  const [message, setMessage] = useState<string | undefined>();
  const organisations = (links.data?.links ?? []).map((link) => ({
    value: `organisation:${link.organisationId}`,
    text: link.organisationName,
  }));
  const scopes = [
    ...boroughs.map((borough) => ({ value: `borough:${borough.code}`, text: borough.name })),
    ...organisations,
  ];
  const scopeName = (assumption: DemandAssumption) =>
    (assumption.organisationId
      ? (assumption.organisationName ??
        organisations.find((item) => item.value === `organisation:${assumption.organisationId}`)?.text)
      : (assumption.boroughName ?? boroughs.find((item) => item.code === assumption.boroughCode)?.name)) ??
    assumption.organisationId ??
    assumption.boroughCode ??
    '';
  const saved = (text: string) => {
    setMessage(text);
    assumptions.reload();
    onChange();
  };
  return (
    <section className="lw-insight-forms lw-no-print" aria-labelledby="demand-assumptions-heading">
      <h2 className="nhsuk-heading-m" id="demand-assumptions-heading">
        {t('insight.demand.title')}
      </h2>
      <p>{t('insight.demand.intro')}</p>
      <p role="status" className="lw-insight-status">
        {message}
      </p>
      {assumptions.isLoading && !assumptions.data && <Loading />}
      {Boolean(assumptions.error) && <LoadError error={assumptions.error} onRetry={assumptions.reload} />}
      {assumptions.data && (
        <>
          <p className="nhsuk-body-s">
            {t('insight.demand.default', { source: assumptions.data.defaultSource })}
          </p>
          {assumptions.data.items.length === 0 && <p>{t('insight.demand.none')}</p>}
          {assumptions.data.items.map((assumption) => (
            <AssumptionForm
              key={`${assumption.id}-${assumption.version}`}
              programmeId={programmeId}
              assumption={assumption}
              scopes={scopes}
              scopeName={scopeName}
              defaultShare={assumptions.data!.defaultSocialShare}
              onSaved={saved}
            />
          ))}
          {assumptions.data.canEdit && (
            <AssumptionForm
              programmeId={programmeId}
              scopes={scopes}
              scopeName={scopeName}
              defaultShare={assumptions.data.defaultSocialShare}
              onSaved={saved}
            />
          )}
        </>
      )}
    </section>
  );
}
