// The directory review (/curation/review): changes waiting for a curator's approval, each with the
// fields it changes, to approve or reject with a note; and open reports that an entry is wrong.
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { curation, type ServiceReport, type ServiceRevision } from '../../api/directory';
import { Loading, NotificationBanner, SummaryList } from '../../components/display';
import { ErrorSummary, type ErrorItem } from '../../components/error-summary';
import { Textarea } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime } from '../../i18n';

/** A snapshot value in words: text as it is, lists joined, anything nested summarised as JSON. */
function describeValue(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export function ReviewPage() {
  const { t } = useTranslation();
  const data = useApiData(async () => {
    const [queue, reports] = await Promise.all([curation.reviewQueue(), curation.reports()]);
    return { queue: queue.items, reports: reports.items };
  }, []);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [noteErrors, setNoteErrors] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  const [busyId, setBusyId] = useState<string | undefined>();

  const describe = (error: unknown) =>
    error instanceof ApiError ? (error.problem.detail ?? error.problem.title) : t('errors.unexpected');

  const act = async (id: string, action: () => Promise<unknown>, success: string) => {
    if (busyId) return;
    setBusyId(id);
    setErrors([]);
    setMessage(undefined);
    try {
      await action();
      setMessage(success);
      data.reload();
    } catch (error) {
      setErrors([{ text: describe(error) }]);
    } finally {
      setBusyId(undefined);
    }
  };

  const decide = (revision: ServiceRevision, decision: 'approve' | 'reject') => {
    const note = (notes[revision.id] ?? '').trim();
    if (decision === 'reject' && !note) {
      const text = t('curation.review.noteMissing');
      setNoteErrors({ [revision.id]: text });
      setErrors([{ text, fieldId: `note-${revision.id}` }]);
      return;
    }
    setNoteErrors({});
    void act(
      revision.id,
      () => curation.review(revision.id, decision, note || undefined),
      t(decision === 'approve' ? 'curation.review.approved' : 'curation.review.rejected', {
        name: revision.serviceName,
      }),
    );
  };

  const resolve = (report: ServiceReport) =>
    void act(
      report.id,
      () => curation.resolveReport(report.id),
      t('curation.review.resolved', { name: report.serviceName }),
    );

  return (
    <Page title={t('curation.review.title')} hasErrors={errors.length > 0} width="two-thirds">
      <ErrorSummary errors={errors} />
      {message && (
        <NotificationBanner isSuccess key={message}>
          <p className="nhsuk-notification-banner__heading">{message}</p>
        </NotificationBanner>
      )}
      {!data.data && (data.isLoading ? <Loading /> : <LoadError error={data.error} onRetry={data.reload} />)}
      {data.data && (
        <>
          <h2 className="nhsuk-heading-l">{t('curation.review.changesHeading')}</h2>
          {data.data.queue.length === 0 && <p>{t('curation.review.noChanges')}</p>}
          {data.data.queue.map((revision) => (
            <section className="nhsuk-card" key={revision.id} aria-labelledby={`revision-${revision.id}`}>
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-m" id={`revision-${revision.id}`}>
                  {revision.serviceName}
                </h3>
                <p className="nhsuk-body-s">
                  {t('curation.review.changeBy', {
                    name: revision.createdBy?.name ?? t('curation.review.unknownAuthor'),
                    date: formatDateTime(revision.createdAt),
                  })}
                </p>
                <p>{revision.summary}</p>
                {revision.changedFields.length > 0 && (
                  <SummaryList
                    rows={revision.changedFields.map((field) => ({
                      key: field,
                      value: describeValue(revision.snapshot[field], t('curation.review.emptyValue')),
                    }))}
                  />
                )}
                <Textarea
                  id={`note-${revision.id}`}
                  label={t('curation.review.note')}
                  value={notes[revision.id] ?? ''}
                  onChange={(note) => setNotes((current) => ({ ...current, [revision.id]: note }))}
                  rows={2}
                  error={noteErrors[revision.id]}
                />
                <div className="nhsuk-button-group">
                  <button
                    type="button"
                    className="nhsuk-button"
                    aria-disabled={busyId === revision.id || undefined}
                    onClick={() => decide(revision, 'approve')}
                  >
                    {t('curation.review.approve')}
                    <span className="nhsuk-u-visually-hidden">
                      {' '}
                      {t('curation.review.decisionFor', { name: revision.serviceName })}
                    </span>
                  </button>
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary"
                    aria-disabled={busyId === revision.id || undefined}
                    onClick={() => decide(revision, 'reject')}
                  >
                    {t('curation.review.reject')}
                    <span className="nhsuk-u-visually-hidden">
                      {' '}
                      {t('curation.review.decisionFor', { name: revision.serviceName })}
                    </span>
                  </button>
                </div>
              </div>
            </section>
          ))}

          <h2 className="nhsuk-heading-l">{t('curation.review.reportsHeading')}</h2>
          {data.data.reports.length === 0 && <p>{t('curation.review.noReports')}</p>}
          {data.data.reports.map((report) => (
            <section className="nhsuk-card" key={report.id} aria-labelledby={`report-${report.id}`}>
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-m" id={`report-${report.id}`}>
                  {report.serviceName}
                </h3>
                <p className="nhsuk-body-s">
                  {t('curation.review.reportedBy', {
                    name: report.reporterName ?? t('curation.review.anonymous'),
                    date: formatDateTime(report.createdAt),
                  })}
                  {report.reporterEmail && (
                    <>
                      {' '}
                      (<a href={`mailto:${report.reporterEmail}`}>{report.reporterEmail}</a>)
                    </>
                  )}
                </p>
                <p>{report.message}</p>
                <p>
                  <Link to={`/directory/services/${report.serviceId}`}>
                    {t('curation.review.viewService', { name: report.serviceName })}
                  </Link>
                </p>
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary"
                  aria-disabled={busyId === report.id || undefined}
                  onClick={() => resolve(report)}
                >
                  {t('curation.review.resolve')}
                  <span className="nhsuk-u-visually-hidden">
                    {' '}
                    {t('curation.review.resolveFor', { name: report.serviceName })}
                  </span>
                </button>
              </div>
            </section>
          ))}
        </>
      )}
    </Page>
  );
}
