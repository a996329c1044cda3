// Recording an unmet need: a need for which no suitable, available service was found, with why.
// The programme's gap analysis counts these by need, reason and area.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { casework, unmetNeedReasons, type ReferralRecord, type UnmetNeedReason } from '../../api/casework';
import { Button } from '../../components/button';
import { ErrorSummary } from '../../components/error-summary';
import { Select, Textarea } from '../../components/fields';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { Radios } from './radios';
import { labelOf, needDomainCodes, needLabel } from './shared';

const fields = ['need', 'reason', 'detail'];
const fieldIds = { need: 'unmet-need', reason: 'unmet-reason', detail: 'unmet-detail' };

export function UnmetNeedForm({
  record,
  needs,
  onRecorded,
}: {
  record: ReferralRecord;
  needs: string[];
  onRecorded: (message: string) => void;
}) {
  const { t } = useTranslation();
  const errors = useFormErrors(fields, fieldIds);
  const { isBusy, run } = useSubmit(errors.showApiError);
  const [need, setNeed] = useState(needs.length === 1 ? needs[0]! : '');
  const [reason, setReason] = useState<UnmetNeedReason | ''>('');
  const [detail, setDetail] = useState('');
  // The person's needs first, then the rest.
  const ordered = [...needs, ...needDomainCodes.filter((code) => !needs.includes(code))];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!need) problems.need = t('casework.unmet.needMissing');
    if (!reason) problems.reason = t('casework.unmet.reasonMissing');
    if (Object.keys(problems).length || !reason) return errors.showFieldErrors(problems);
    errors.clear();
    await run(async () => {
      await casework.recordUnmetNeed(record.id, { need, reason, detail: detail.trim() || undefined });
      setNeed(needs.length === 1 ? needs[0]! : '');
      setReason('');
      setDetail('');
      onRecorded(t('casework.unmet.done', { need: needLabel(t, need) }));
    });
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="unmet">
        <Select
          id={fieldIds.need}
          label={t('casework.unmet.needLabel')}
          value={need}
          onChange={setNeed}
          error={errors.fieldError('need')}
          options={[
            { value: '', text: t('common.choose') },
            ...ordered.map((code) => ({ value: code, text: needLabel(t, code) })),
          ]}
        />
        <Radios
          id={fieldIds.reason}
          legend={t('casework.unmet.reasonLegend')}
          value={reason}
          onChange={(value) => setReason(value as UnmetNeedReason)}
          error={errors.fieldError('reason')}
          options={unmetNeedReasons.map((code) => ({ value: code, text: labelOf(t, 'unmetReasons', code) }))}
          isSmall
        />
        <Textarea
          id={fieldIds.detail}
          label={t('casework.unmet.detailLabel')}
          hint={t('casework.unmet.detailHint')}
          value={detail}
          onChange={setDetail}
          error={errors.fieldError('detail')}
          rows={3}
        />
        <Button variant="secondary" isBusy={isBusy}>
          {t('casework.unmet.submit')}
        </Button>
      </form>
    </>
  );
}
