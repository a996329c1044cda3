// A link worker's own task on a case ("ring her after the hospital appointment"), with a due date.
// One idempotency key per form, so a double submit adds one task.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { casework, newIdempotencyKey } from '../../api/casework';
import { Button } from '../../components/button';
import { ErrorSummary } from '../../components/error-summary';
import { TextInput } from '../../components/fields';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';

const fields = ['title', 'dueAt'];
const fieldIds = { title: 'task-title', dueAt: 'task-due' };

export function AddTaskForm({
  referralId,
  onAdded,
}: {
  referralId: string;
  onAdded: (title: string) => void;
}) {
  const { t } = useTranslation();
  const errors = useFormErrors(fields, fieldIds);
  const { isBusy, run } = useSubmit(errors.showApiError);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const key = useRef(newIdempotencyKey());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!title.trim()) problems.title = t('casework.addTask.titleMissing');
    // A date alone means the end of that working day, 5pm local time.
    const dueAt = /^\d{4}-\d{2}-\d{2}$/.test(due) ? new Date(`${due}T17:00`) : undefined;
    if (!dueAt || Number.isNaN(dueAt.getTime())) problems.dueAt = t('casework.addTask.dueMissing');
    if (Object.keys(problems).length || !dueAt) return errors.showFieldErrors(problems);
    errors.clear();
    await run(async () => {
      await casework.addTask(referralId, { title: title.trim(), dueAt: dueAt.toISOString() }, key.current);
      key.current = newIdempotencyKey();
      onAdded(title.trim());
      setTitle('');
      setDue('');
    });
  };

  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">{t('casework.addTask.open')}</span>
      </summary>
      <div className="nhsuk-details__text">
        <ErrorSummary errors={errors.summary} />
        <form onSubmit={(event) => void submit(event)} noValidate>
          <TextInput
            id={fieldIds.title}
            label={t('casework.addTask.titleLabel')}
            value={title}
            onChange={setTitle}
            error={errors.fieldError('title')}
          />
          <TextInput
            id={fieldIds.dueAt}
            label={t('casework.addTask.dueLabel')}
            value={due}
            onChange={setDue}
            error={errors.fieldError('dueAt')}
            type="date"
          />
          <Button variant="secondary" isBusy={isBusy}>
            {t('casework.addTask.submit')}
          </Button>
        </form>
      </div>
    </details>
  );
}
