// The audit log: who did what to which record, and when. Filters live in the URL; older events
// are reached page by page with the server's cursor.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { admin } from '../../api/endpoints';
import type { AuditEvent } from '../../api/types';
import { Button } from '../../components/button';
import { Loading, Pagination, Table } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Select, TextInput } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { formatDateTime } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { useProgrammeChoices, useUrlFilters } from './shared';

const pageSize = 50;
const filterKeys = [
  'actorId',
  'action',
  'entityType',
  'entityId',
  'programmeId',
  'from',
  'to',
  'before',
] as const;
const fields = ['actorId', 'action', 'entityType', 'entityId', 'programmeId', 'from', 'to'] as const;

/** A date from a date input as the start (or end) of that day in the reader's time zone. */
export function dayBoundary(date: string, edge: 'start' | 'end'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const local = new Date(`${date}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isNaN(local.getTime()) ? undefined : local.toISOString();
}

function Details({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const details = event.details && Object.keys(event.details).length > 0 ? event.details : undefined;
  if (!details && !event.requestId) return null;
  return (
    <details className="nhsuk-details nhsuk-u-margin-bottom-0">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          {t('audit.more')}
          <span className="nhsuk-u-visually-hidden"> {t('audit.aboutEvent', { id: event.id })}</span>
        </span>
      </summary>
      <div className="nhsuk-details__text">
        {event.requestId && (
          <p className="nhsuk-body-s lw-wrap-anywhere">
            {t('audit.requestId')}: <code>{event.requestId}</code>
          </p>
        )}
        {event.ip && (
          <p className="nhsuk-body-s">
            {t('audit.ip')}: <code>{event.ip}</code>
          </p>
        )}
        {details && <pre className="nhsuk-body-s lw-wrap-anywhere">{JSON.stringify(details, null, 2)}</pre>}
      </div>
    </details>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const { abilities, user } = useSignedIn();
  const isAdmin = abilities.canAdministerPlatform ?? false;
  const { values, apply, linkWith } = useUrlFilters(filterKeys);
  const [draft, setDraft] = useState(values);
  const programmes = useProgrammeChoices(isAdmin);
  const form = useFormErrors(fields);
  const list = useApiData(
    () =>
      admin.listAuditEvents({
        actorId: values.actorId,
        action: values.action,
        entityType: values.entityType,
        entityId: values.entityId,
        programmeId: values.programmeId,
        from: dayBoundary(values.from, 'start'),
        to: dayBoundary(values.to, 'end'),
        before: values.before,
        limit: pageSize,
      }),
    [
      values.actorId,
      values.action,
      values.entityType,
      values.entityId,
      values.programmeId,
      values.from,
      values.to,
      values.before,
    ],
  );

  const set = (key: (typeof fields)[number]) => (value: string) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const search = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (draft.from && !dayBoundary(draft.from, 'start')) problems.from = t('audit.errors.dateFormat');
    if (draft.to && !dayBoundary(draft.to, 'end')) problems.to = t('audit.errors.dateFormat');
    if (draft.from && draft.to && draft.from > draft.to) problems.to = t('audit.errors.toBeforeFrom');
    if (Object.keys(problems).length) return form.showFieldErrors(problems);
    form.clear();
    const { before: _before, ...filters } = draft;
    apply(Object.fromEntries(Object.entries(filters).map(([key, value]) => [key, value.trim()])));
  };

  const actorLabel = (event: AuditEvent) => {
    const role = event.actorRole
      ? t(`roles.${event.actorRole}` as 'roles.platform_admin', { defaultValue: event.actorRole })
      : '';
    const type = t(`audit.actorTypes.${event.actorType}` as 'audit.actorTypes.user', {
      defaultValue: event.actorType,
    });
    return (
      <>
        {event.actorName ?? type}
        {role && <span> ({role})</span>}
        {event.actorId && (
          <>
            <br />
            <span className="lw-id">{event.actorId}</span>
          </>
        )}
      </>
    );
  };

  return (
    <Page
      title={t('audit.title')}
      caption={isAdmin ? undefined : (user.programmeName ?? undefined)}
      hasErrors={form.hasErrors}
    >
      <ErrorSummary errors={form.summary} />
      <form
        className="lw-filters"
        role="search"
        onSubmit={search}
        aria-label={t('audit.searchLabel')}
        noValidate
      >
        <TextInput
          id="actorId"
          label={t('audit.actorId')}
          value={draft.actorId}
          onChange={set('actorId')}
          width={20}
          error={form.fieldError('actorId')}
          inputProps={{ spellCheck: false }}
        />
        <TextInput
          id="action"
          label={t('audit.action')}
          hint={t('audit.actionHint')}
          value={draft.action}
          onChange={set('action')}
          width={20}
          inputProps={{ spellCheck: false }}
        />
        <TextInput
          id="entityType"
          label={t('audit.entityType')}
          hint={t('audit.entityTypeHint')}
          value={draft.entityType}
          onChange={set('entityType')}
          width={10}
          inputProps={{ spellCheck: false }}
        />
        <TextInput
          id="entityId"
          label={t('audit.entityId')}
          value={draft.entityId}
          onChange={set('entityId')}
          width={20}
          inputProps={{ spellCheck: false }}
        />
        {isAdmin && (
          <Select
            id="programmeId"
            label={t('audit.programme')}
            value={draft.programmeId}
            onChange={set('programmeId')}
            options={[
              { value: '', text: t('audit.anyProgramme') },
              ...(programmes.data ?? []).map((programme) => ({ value: programme.id, text: programme.name })),
            ]}
          />
        )}
        <TextInput
          id="from"
          label={t('audit.from')}
          type="date"
          value={draft.from}
          onChange={set('from')}
          error={form.fieldError('from')}
        />
        <TextInput
          id="to"
          label={t('audit.to')}
          type="date"
          value={draft.to}
          onChange={set('to')}
          error={form.fieldError('to')}
        />
        <Button variant="secondary">{t('common.search')}</Button>
      </form>
      {list.isLoading && <Loading />}
      {Boolean(list.error) && <LoadError error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <p role="status">{t('audit.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <>
          <Table
            caption={values.before ? t('audit.captionOlder') : t('audit.caption')}
            rows={list.data.items}
            rowKey={(event) => String(event.id)}
            columns={[
              { header: t('audit.when'), cell: (event) => formatDateTime(event.at) },
              { header: t('audit.actor'), cell: actorLabel },
              { header: t('audit.action'), cell: (event) => <code>{event.action}</code> },
              {
                header: t('audit.entity'),
                cell: (event) => (
                  <>
                    {event.entityType}
                    {event.entityId && (
                      <>
                        <br />
                        <span className="lw-id">{event.entityId}</span>
                      </>
                    )}
                  </>
                ),
              },
              { header: t('audit.details'), cell: (event) => <Details event={event} /> },
            ]}
          />
          <Pagination
            previous={values.before ? { to: linkWith({ before: '' }), label: t('audit.newest') } : undefined}
            next={
              list.data.nextCursor
                ? { to: linkWith({ before: String(list.data.nextCursor) }), label: t('audit.older') }
                : undefined
            }
          />
        </>
      )}
    </Page>
  );
}
