// "Send the shortlist to the person": email or text message, to someone with a record (found with
// the people search) or to an address typed in, with an optional note in emails. Errors appear in
// the error summary (which takes focus) and beside each field; on success a banner takes focus and
// names the masked recipient, so the worker can check it went to the right place.
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '../../components/button';
import { formatDate } from '../../components/directory/describe';
import { NotificationBanner } from '../../components/display';
import { ErrorSummary } from '../../components/error-summary';
import { Radios, TextInput, Textarea } from '../../components/fields';
import { useFormErrors, type FieldMessages } from '../../hooks/use-form-errors';
import { useSubmit } from '../../hooks/use-submit';
import { useSignedIn } from '../../session/session';
import {
  shortlistApi,
  type PersonMatch,
  type SentShortlist,
  type ShortlistChannel,
} from './send-shortlist-api';
import { useSendShortlistText } from './send-shortlist-text';

const fields = ['channel', 'who', 'personSearch', 'personId', 'reason', 'recipient', 'note'] as const;
const maxNoteLength = 500;
const noFieldIds: Record<string, string> = {};
const searchBoxIds: Record<string, string> = { personId: 'personSearch' };

type Who = 'person' | 'typed';

export function SendShortlistForm({
  serviceIds,
  onErrorsChange,
}: {
  serviceIds: string[];
  /** The page puts "Error:" in its title while the form shows errors. */
  onErrorsChange: (hasErrors: boolean) => void;
}) {
  const text = useSendShortlistText();
  const { user } = useSignedIn();
  const [channel, setChannel] = useState<ShortlistChannel | ''>('');
  const [who, setWho] = useState<Who | ''>('');
  const [personQuery, setPersonQuery] = useState('');
  const [searchedFor, setSearchedFor] = useState('');
  const [people, setPeople] = useState<PersonMatch[] | undefined>();
  const [personId, setPersonId] = useState('');
  const [reason, setReason] = useState('');
  const [recipient, setRecipient] = useState('');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState<SentShortlist | undefined>();
  // Until there are results to choose from, "choose the person" errors point at the search box.
  // (Constants: a new object each render would re-focus the error summary on every keystroke.)
  const form = useFormErrors(fields, people?.length ? noFieldIds : searchBoxIds);
  const { isBusy: isSearching, run: search } = useSubmit(form.showApiError);
  const { isBusy, run: send } = useSubmit(form.showApiError);

  useEffect(() => onErrorsChange(form.hasErrors), [form.hasErrors, onErrorsChange]);

  const person = people?.find((match) => match.id === personId);
  // The server decides; this only saves a refused round trip by asking for the reason up front.
  const needsReason =
    who === 'person' &&
    user.role === 'link_worker' &&
    person !== undefined &&
    person.assignedLinkWorkerId !== user.id;

  const findPeople = async () => {
    const query = personQuery.trim();
    if (!query) return form.showFieldErrors({ personSearch: text('personSearchMissing') });
    await search(
      () => shortlistApi.findPeople(query),
      (found) => {
        form.clear();
        setPeople(found.items);
        setSearchedFor(query);
        setPersonId(found.items.length === 1 ? found.items[0]!.id : '');
      },
    );
  };

  const searchOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter in the search box finds people; it must not send the shortlist.
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void findPeople();
  };

  const checkForm = (): FieldMessages => {
    const problems: FieldMessages = {};
    if (!channel) problems.channel = text('channelMissing');
    if (!who) problems.who = text('whoMissing');
    if (who === 'person' && !personId) problems.personId = text('personMissing');
    if (needsReason && reason.trim().length < 5) problems.reason = text('reasonMissing');
    if (who === 'typed' && channel && !recipient.trim())
      problems.recipient = channel === 'email' ? text('emailMissing') : text('mobileMissing');
    if (channel === 'email' && note.trim().length > maxNoteLength) problems.note = text('noteTooLong');
    return problems;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkForm();
    if (Object.keys(problems).length > 0) return form.showFieldErrors(problems);
    if (!channel) return;
    await send(
      () =>
        shortlistApi.send({
          serviceIds,
          channel,
          ...(who === 'person' ? { personId } : { recipient: recipient.trim() }),
          ...(needsReason ? { reason: reason.trim() } : {}),
          ...(channel === 'email' && note.trim() ? { note: note.trim() } : {}),
        }),
      (result) => {
        form.clear();
        setSent(result);
      },
    );
  };

  const startAgain = () => {
    setSent(undefined);
    setWho('');
    setPersonId('');
    setPeople(undefined);
    setPersonQuery('');
    setRecipient('');
    setReason('');
    setNote('');
  };

  if (sent) {
    const key = sent.channel === 'email' ? 'sentEmail' : 'sentSms';
    return (
      <NotificationBanner isSuccess title={text('sentTitle')}>
        <p className="nhsuk-notification-banner__heading">
          {text(key, { count: sent.serviceCount, recipient: sent.recipient })}
        </p>
        <Button type="button" variant="secondary" isSmall onClick={startAgain}>
          {text('sendAnother')}
        </Button>
      </NotificationBanner>
    );
  }

  const personPicker = (
    <>
      <TextInput
        id="personSearch"
        type="search"
        label={text('personSearch')}
        hint={text('personSearchHint')}
        value={personQuery}
        onChange={setPersonQuery}
        width={20}
        error={form.fieldError('personSearch') ?? (people?.length ? undefined : form.fieldError('personId'))}
        inputProps={{ autoComplete: 'off', spellCheck: false, onKeyDown: searchOnEnter }}
      />
      <Button
        type="button"
        variant="secondary"
        isSmall
        isBusy={isSearching}
        onClick={() => void findPeople()}
      >
        {text('personSearchButton')}
      </Button>
      <p className="nhsuk-body-s" role="status">
        {isSearching
          ? text('personSearching')
          : people === undefined
            ? ''
            : people.length === 0
              ? text('noPeopleFound', { query: searchedFor })
              : text('peopleFound', { count: people.length })}
      </p>
      {people && people.length > 0 && (
        <Radios
          id="personId"
          legend={text('personLegend')}
          error={form.fieldError('personId')}
          value={personId}
          onChange={setPersonId}
          options={people.map((match) => ({
            value: match.id,
            text: `${match.givenName} ${match.familyName}`,
            hint: [
              match.dateOfBirth && text('personBorn', { date: formatDate(match.dateOfBirth) }),
              match.postcode && text('personPostcode', { postcode: match.postcode }),
            ]
              .filter(Boolean)
              .join(', '),
          }))}
        />
      )}
      {needsReason && (
        <TextInput
          id="reason"
          label={text('reason')}
          hint={text('reasonHint')}
          value={reason}
          onChange={setReason}
          error={form.fieldError('reason')}
        />
      )}
    </>
  );

  const typedRecipient =
    channel === 'sms' ? (
      <TextInput
        id="recipient"
        type="tel"
        label={text('mobileNumber')}
        hint={text('mobileHint')}
        value={recipient}
        onChange={setRecipient}
        width={20}
        error={form.fieldError('recipient')}
        inputProps={{ autoComplete: 'off' }}
      />
    ) : (
      <TextInput
        id="recipient"
        type="email"
        label={text('emailAddress')}
        value={recipient}
        onChange={setRecipient}
        width={30}
        error={form.fieldError('recipient')}
        inputProps={{ autoComplete: 'off', spellCheck: false }}
      />
    );

  return (
    <>
      <ErrorSummary errors={form.summary} />
      <p>{text('intro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Radios
          id="channel"
          legend={text('channelLegend')}
          error={form.fieldError('channel')}
          value={channel}
          onChange={(value) => setChannel(value as ShortlistChannel)}
          options={[
            { value: 'email', text: text('channelEmail') },
            { value: 'sms', text: text('channelSms'), hint: text('channelSmsHint') },
          ]}
        />
        <Radios
          id="who"
          legend={text('whoLegend')}
          error={form.fieldError('who')}
          value={who}
          onChange={(value) => setWho(value as Who)}
          options={[
            {
              value: 'person',
              text: text('whoPerson'),
              hint: text('whoPersonHint'),
              conditional: personPicker,
            },
            {
              value: 'typed',
              text: text('whoTyped'),
              hint: text('whoTypedHint'),
              conditional: typedRecipient,
            },
          ]}
        />
        {channel === 'email' && (
          <Textarea
            id="note"
            label={text('note')}
            hint={text('noteHint')}
            value={note}
            onChange={setNote}
            rows={3}
            error={form.fieldError('note')}
          />
        )}
        <Button isBusy={isBusy}>{text('send')}</Button>
      </form>
    </>
  );
}
