import { describe, expect, it } from 'vitest';
import {
  accountInvitationMessage,
  accountLockedMessage,
  formatDuration,
  passwordResetMessage,
  renderMessage,
} from './templates';

describe('message templates', () => {
  it('writes a password reset email with the link and when it expires', () => {
    const message = passwordResetMessage({
      resetUrl: 'https://linkwell.example/reset#token',
      expiresInMinutes: 60,
    });
    expect(message.template).toBe('password_reset');
    expect(message.subject).toBe('Reset your Linkwell password');
    expect(message.body).toContain('\nhttps://linkwell.example/reset#token');
    expect(message.body).toContain('expires in 1 hour');
    expect(message.body).toContain('you can ignore this email');
  });

  it('writes an invitation naming who invited them when known', () => {
    const named = accountInvitationMessage({
      setPasswordUrl: 'https://linkwell.example/set-password#t',
      expiresInMinutes: 7 * 24 * 60,
      invitedBy: 'Asha Patel',
      organisationName: 'Lambeth Link',
    });
    expect(named.template).toBe('account_invitation');
    expect(named.body).toContain('Asha Patel has created a Linkwell account for you at Lambeth Link.');
    expect(named.body).toContain('expires in 7 days');
    const anonymous = accountInvitationMessage({
      setPasswordUrl: 'https://x.example/s',
      expiresInMinutes: 90,
    });
    expect(anonymous.body).toContain('Your administrator has created a Linkwell account for you.');
    expect(anonymous.body).toContain('expires in 90 minutes');
  });

  it('writes an account locked notice with when to try again and what to do if it was not them', () => {
    const message = accountLockedMessage({
      unlockInMinutes: 15,
      resetUrl: 'https://linkwell.example/forgot',
    });
    expect(message.subject).toBe('Your Linkwell account has been locked');
    expect(message.body).toContain('try again in 15 minutes');
    expect(message.body).toContain('https://linkwell.example/forgot');
  });

  it('keeps to plain GOV.UK style: no exclamation marks, short subjects', () => {
    const all = [
      passwordResetMessage({ resetUrl: 'u', expiresInMinutes: 30 }),
      accountInvitationMessage({ setPasswordUrl: 'u', expiresInMinutes: 30 }),
      accountLockedMessage({ unlockInMinutes: 30, resetUrl: 'u' }),
    ];
    for (const message of all) {
      expect(message.subject + message.body).not.toContain('!');
      expect(message.subject.length).toBeLessThan(60);
    }
  });

  it('greets the recipient by name when given one', () => {
    const message = passwordResetMessage({ recipientName: ' Asha ', resetUrl: 'u', expiresInMinutes: 60 });
    expect(message.body.startsWith('Hello Asha,\n\nWe received a request')).toBe(true);
    expect(passwordResetMessage({ resetUrl: 'u', expiresInMinutes: 60 }).body.startsWith('We received')).toBe(
      true,
    );
  });

  it('renders by key, so callers can choose the message from data', () => {
    expect(renderMessage('account_locked', { unlockInMinutes: 5, resetUrl: 'u' }, 'en-GB').template).toBe(
      'account_locked',
    );
  });

  it('says durations the way people do', () => {
    expect(formatDuration(1)).toBe('1 minute');
    expect(formatDuration(45)).toBe('45 minutes');
    expect(formatDuration(60)).toBe('1 hour');
    expect(formatDuration(120)).toBe('2 hours');
    expect(formatDuration(24 * 60)).toBe('1 day');
    expect(formatDuration(0)).toBe('1 minute');
  });
});
