// Self-completion links (/casework/referrals/:id/measures/links): send the person a single-use link
// by email or text to answer questionnaires on their phone, see every link sent with its status,
// and revoke one that has not been used (after a confirmation). The server refuses a link when the
// person has no address for the channel; its message is shown as it is.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { newIdempotencyKey, referralLink, type ReferralRecord } from '../../api/casework';
import { Button } from '../../components/button';
import { Loading, NotificationBanner, Table, Tag, type TagColour } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Checkboxes, Radios } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { Page } from '../../components/page';
import { useApiData } from '../../hooks/use-api-data';
import { useFormErrors } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime } from '../../i18n';
import { personNameOf } from '../casework/shared';
import { ReferralGate, useReferralCase } from '../casework/use-referral';
import { measuresApi, type Instrument, type LinkStatus, type MeasureLink } from './measures-api';
import { instrumentName, showServerProblem, timepointOptions, useMeasuresText } from './measures-shared';
import './measures.scss';

const statusColours: Record<LinkStatus, TagColour> = {
  active: 'green',
  used: 'blue',
  expired: 'grey',
  revoked: 'red',
};

export function MeasureLinksPage() {
  const text = useMeasuresText();
  const referralCase = useReferralCase();
  return (
    <ReferralGate referralCase={referralCase} title={text('links.title')}>
      {(record) => <MeasureLinks record={record} reason={referralCase.reason} />}
    </ReferralGate>
  );
}

function MeasureLinks({ record, reason }: { record: ReferralRecord; reason: string | undefined }) {
  const text = useMeasuresText();
  const data = useApiData(async () => {
    const [links, instruments] = await Promise.all([measuresApi.links(record.id), measuresApi.instruments()]);
    return { links: links.items, instruments: instruments.items };
  }, [record.id]);
  const [message, setMessage] = useState<string>();
  const [confirming, setConfirming] = useState<MeasureLink>();
  const [isRevoking, setIsRevoking] = useState(false);
  const [hasFormErrors, setHasFormErrors] = useState(false);
  const revokeErrors = useFormErrors([]);
  const name = personNameOf(record.person);
  const recordLink = referralLink(record.id, '', reason);
  const instruments = data.data?.instruments ?? [];
  const namesOf = (keys: string[]) =>
    keys
      .map((key) => {
        const instrument = instruments.find((candidate) => candidate.key === key);
        return instrument ? instrumentName(instrument) : key;
      })
      .join(', ');

  const revoke = async (link: MeasureLink) => {
    if (isRevoking) return;
    setIsRevoking(true);
    revokeErrors.clear();
    try {
      await measuresApi.revokeLink(record.id, link.id);
      setMessage(text('links.revoked', { sent: formatDateTime(link.createdAt) }));
      setConfirming(undefined);
      data.reload();
    } catch (error) {
      revokeErrors.showApiError(error);
    } finally {
      setIsRevoking(false);
    }
  };

  return (
    <Page
      title={text('links.title')}
      caption={text('record.caption', { name, reference: record.reference })}
      breadcrumbs={[
        { to: '/casework/caseload', text: text('common.caseload') },
        { to: recordLink, text: name },
      ]}
      hasErrors={revokeErrors.hasErrors || hasFormErrors}
    >
      {message && <NotificationBanner isSuccess>{message}</NotificationBanner>}
      <ErrorSummary errors={revokeErrors.summary} />
      {data.isLoading && !data.data && <Loading />}
      {Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
      {data.data && (
        <>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-two-thirds">
              <p>{text('links.intro')}</p>
              <SendLinkForm
                referralId={record.id}
                addresses={{ email: record.person.email, sms: record.person.phone }}
                instruments={instruments}
                onHasErrorsChange={setHasFormErrors}
                onSent={(channel) => {
                  setMessage(text(`links.sent.${channel}`));
                  data.reload();
                }}
              />
            </div>
          </div>
          <h2 className="nhsuk-heading-m">{text('links.listTitle')}</h2>
          {confirming && (
            <div className="nhsuk-warning-callout">
              <h3 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">{text('links.importantPrefix')} </span>
                  {text('links.confirmTitle')}
                </span>
              </h3>
              <p>
                {text('links.confirmBody', {
                  names: namesOf(confirming.instrumentKeys),
                  sent: formatDateTime(confirming.createdAt),
                })}
              </p>
              <div className="lw-casework-actions">
                <Button
                  type="button"
                  variant="warning"
                  isBusy={isRevoking}
                  onClick={() => void revoke(confirming)}
                >
                  {text('links.confirmRevoke')}
                </Button>
                <Button type="button" variant="secondary" onClick={() => setConfirming(undefined)}>
                  {text('links.keep')}
                </Button>
              </div>
            </div>
          )}
          {data.data.links.length === 0 ? (
            <p>{text('links.none')}</p>
          ) : (
            <Table
              caption={text('links.listTitle')}
              isCaptionHidden
              rows={data.data.links}
              rowKey={(link) => link.id}
              columns={[
                { header: text('links.columns.sent'), cell: (link) => formatDateTime(link.createdAt) },
                {
                  header: text('links.columns.questionnaires'),
                  cell: (link) => namesOf(link.instrumentKeys),
                },
                {
                  header: text('links.columns.timepoint'),
                  cell: (link) => text(`timepoints.${link.timepoint}`),
                },
                {
                  header: text('links.columns.channel'),
                  cell: (link) => text(`links.channel.${link.channel}`),
                },
                {
                  header: text('links.columns.status'),
                  cell: (link) => (
                    <Tag colour={statusColours[link.status]}>{text(`links.status.${link.status}`)}</Tag>
                  ),
                },
                {
                  header: text('links.columns.until'),
                  cell: (link) =>
                    link.status === 'used'
                      ? text('links.usedOn', { date: formatDateTime(link.usedAt) })
                      : formatDateTime(link.revokedAt ?? link.expiresAt),
                },
                {
                  header: text('links.columns.actions'),
                  cell: (link) =>
                    link.status === 'active' ? (
                      <button type="button" className="lw-link-button" onClick={() => setConfirming(link)}>
                        {text('links.revoke')}
                        <span className="nhsuk-u-visually-hidden">
                          {' '}
                          {text('links.revokeHidden', { sent: formatDateTime(link.createdAt) })}
                        </span>
                      </button>
                    ) : null,
                },
              ]}
            />
          )}
        </>
      )}
    </Page>
  );
}

function SendLinkForm({
  referralId,
  addresses,
  instruments,
  onSent,
  onHasErrorsChange,
}: {
  referralId: string;
  onHasErrorsChange: (hasErrors: boolean) => void;
  /** Where each channel would go, so the link worker can check it before sending. */
  addresses: { email: string | null | undefined; sms: string | null | undefined };
  instruments: Instrument[];
  onSent: (channel: 'email' | 'sms') => void;
}) {
  const text = useMeasuresText();
  const idempotencyKey = useRef(newIdempotencyKey());
  const [instrumentKeys, setInstrumentKeys] = useState<string[]>([]);
  const [timepoint, setTimepoint] = useState('');
  const [channel, setChannel] = useState('');
  const fieldOrder = useMemo(() => ['instrumentKeys', 'timepoint', 'channel'], []);
  const errors = useFormErrors(fieldOrder);
  const { isBusy, run } = useSubmit((error: unknown) => {
    showServerProblem(errors, error, fieldOrder);
  });
  useEffect(() => onHasErrorsChange(errors.hasErrors), [errors.hasErrors, onHasErrorsChange]);
  const addressHint = (address: string | null | undefined) =>
    address ? text('links.sendsTo', { address }) : text('links.noAddress');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    await run(async () => {
      await measuresApi.sendLink(
        referralId,
        { instrumentKeys, timepoint, channel: channel as 'email' | 'sms' },
        idempotencyKey.current,
      );
      errors.clear();
      idempotencyKey.current = newIdempotencyKey();
      setInstrumentKeys([]);
      setTimepoint('');
      setChannel('');
      onSent(channel as 'email' | 'sms');
    });
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Checkboxes
          id="instrumentKeys"
          label={text('links.instrumentsLegend')}
          hint={text('links.instrumentsHint')}
          error={errors.fieldError('instrumentKeys')}
          values={instrumentKeys}
          onChange={setInstrumentKeys}
          options={instruments.map((instrument) => ({ value: instrument.key, text: instrument.name }))}
        />
        <Radios
          id="timepoint"
          legend={text('record.timepointLegend')}
          error={errors.fieldError('timepoint')}
          value={timepoint}
          onChange={setTimepoint}
          options={timepointOptions(text)}
        />
        <Radios
          id="channel"
          legend={text('links.channelLegend')}
          error={errors.fieldError('channel')}
          value={channel}
          onChange={setChannel}
          options={[
            { value: 'email', text: text('links.channel.email'), hint: addressHint(addresses.email) },
            { value: 'sms', text: text('links.channel.sms'), hint: addressHint(addresses.sms) },
          ]}
        />
        <Button isBusy={isBusy}>{text('links.submit')}</Button>
      </form>
    </>
  );
}
