// "Report something wrong" (/find/services/:id/report): anyone, signed in or not, says what is
// wrong with an entry. A field people never see (`website`) catches simple bots. The confirmation
// is its own page (/find/services/:id/report/sent) so focus and the title move with it.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { curation, directory } from '../../api/directory';
import { Button } from '../../components/button';
import { Loading } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput, Textarea } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';

const fields = ['message', 'reporterName', 'reporterEmail'] as const;

export function ReportServicePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const service = useApiData(() => directory.service(id), [id]);
  const [message, setMessage] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [website, setWebsite] = useState('');
  const form = useFormErrors(fields);
  const { isBusy, run } = useSubmit(form.showApiError);
  const backLink = { to: `/find/services/${id}`, text: t('curation.report.backToService') };

  if (!service.data) {
    return (
      <Page title={t('curation.report.loadingTitle')} backLink={backLink}>
        {service.isLoading ? <Loading /> : <LoadError error={service.error} onRetry={service.reload} />}
      </Page>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = message.trim();
    if (!text) return form.showFieldErrors({ message: t('curation.report.messageMissing') });
    if (text.length < 5) return form.showFieldErrors({ message: t('curation.report.messageShort') });
    await run(async () => {
      await curation.report(id, {
        message: text,
        reporterName: name.trim() || null,
        reporterEmail: email.trim() || null,
        ...(website ? { website } : {}),
      });
      await navigate(`/find/services/${id}/report/sent`);
    });
  };

  return (
    <Page
      title={t('curation.report.title')}
      backLink={backLink}
      hasErrors={form.hasErrors}
      width="two-thirds"
    >
      <ErrorSummary errors={form.summary} />
      <p>{t('curation.report.intro', { name: service.data.name })}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Textarea
          id="message"
          label={t('curation.report.message')}
          hint={t('curation.report.messageHint')}
          value={message}
          onChange={setMessage}
          error={form.fieldError('message')}
        />
        <TextInput
          id="reporterName"
          label={t('curation.report.name')}
          value={name}
          onChange={setName}
          error={form.fieldError('reporterName')}
          inputProps={{ autoComplete: 'name' }}
        />
        <TextInput
          id="reporterEmail"
          type="email"
          label={t('curation.report.email')}
          hint={t('curation.report.emailHint')}
          value={email}
          onChange={setEmail}
          error={form.fieldError('reporterEmail')}
          inputProps={{ autoComplete: 'email', spellCheck: false }}
        />
        <div className="nhsuk-u-visually-hidden" aria-hidden="true">
          <label htmlFor="website">{t('curation.report.website')}</label>
          <input
            id="website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(event) => setWebsite(event.target.value)}
          />
        </div>
        <Button isBusy={isBusy}>{t('curation.report.send')}</Button>
      </form>
    </Page>
  );
}

export function ReportSentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <Page title={t('curation.report.doneTitle')} width="two-thirds">
      <p>{t('curation.report.doneBody')}</p>
      <p>
        <Link to={`/find/services/${id}`}>{t('curation.report.backToService')}</Link>
      </p>
    </Page>
  );
}
