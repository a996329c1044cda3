// Loads one referral's record for the pages of a case. A link worker opening a case that is not on
// their caseload is asked why first; the reason travels in the address (?reason=) to the server,
// which records it in the audit log.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { casework, type ReferralRecord } from '../../api/casework';
import { Button } from '../../components/button';
import { Loading } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Textarea } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page, type Crumb } from '../../components/page';
import { useApiData, type ApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useAccessReason } from './shared';

export type ReferralCase = {
  id: string;
  reason: string | undefined;
  record: ApiData<ReferralRecord>;
};

export function useReferralCase(): ReferralCase {
  const { id = '' } = useParams();
  const reason = useAccessReason();
  const record = useApiData(() => casework.get(id, reason), [id, reason]);
  return { id, reason, record };
}

/** Shows the page's content once the record has loaded; until then loading, failure or the reason question. */
export function ReferralGate({
  referralCase,
  title,
  breadcrumbs,
  children,
}: {
  referralCase: ReferralCase;
  title: string;
  breadcrumbs?: Crumb[];
  children: (record: ReferralRecord) => ReactNode;
}) {
  const { record, reason } = referralCase;
  if (record.data) return <>{children(record.data)}</>;
  const isReasonNeeded = record.error instanceof ApiError && record.error.status === 403 && !reason;
  if (isReasonNeeded) return <ReasonQuestion />;
  return (
    <Page title={title} breadcrumbs={breadcrumbs}>
      {record.isLoading && <Loading />}
      {Boolean(record.error) && <LoadError error={record.error} onRetry={record.reload} />}
    </Page>
  );
}

function ReasonQuestion() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [reason, setReason] = useState('');
  const errors = useFormErrors(['reason']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < 5) return errors.showFieldErrors({ reason: t('casework.reason.tooShort') });
    errors.clear();
    const next = new URLSearchParams(params);
    next.set('reason', text);
    setParams(next);
  };
  return (
    <Page
      title={t('casework.reason.title')}
      breadcrumbs={[{ to: '/casework/caseload', text: t('casework.caseload.title') }]}
      hasErrors={errors.hasErrors}
      width="two-thirds"
    >
      <ErrorSummary errors={errors.summary} />
      <p>{t('casework.reason.intro')}</p>
      <form onSubmit={submit} noValidate>
        <Textarea
          id="reason"
          label={t('casework.reason.label')}
          hint={t('casework.reason.hint')}
          value={reason}
          onChange={setReason}
          error={errors.fieldError('reason')}
          rows={3}
        />
        <Button>{t('casework.reason.submit')}</Button>
      </form>
    </Page>
  );
}
