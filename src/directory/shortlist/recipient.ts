// Who a shortlist goes to: UK mobile numbers in one canonical form, and recipients masked for the
// screen and the audit log (the worker sees enough to check they chose the right one, no more).

/** The digits of a UK mobile (07 + 9 digits), from any common way of writing it; undefined otherwise. */
export function normaliseUkMobile(text: string): string | undefined {
  const compact = text.replace(/[\s()-]/g, '');
  const national = compact.replace(/^(?:\+44|0044|44)(?=7)/, '0');
  return /^07\d{9}$/.test(national) ? national : undefined;
}

/** "a•••@example.com": the first character of the mailbox and the whole domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

/** "07••• •••123": the mobile prefix and the last three digits. */
export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 2)}••• •••${mobile.slice(-3)}`;
}

export function maskRecipient(channel: 'email' | 'sms', recipient: string): string {
  return channel === 'email' ? maskEmail(recipient) : maskMobile(recipient);
}
