import { describe, expect, it } from 'vitest';
import { grantScopes, isAccessToken, scopesAllowMethod } from './access-tokens';

describe('access token scopes', () => {
  it('grants full access when no scope is asked for, and each supported scope once', () => {
    expect(grantScopes(undefined)).toEqual(['system/*.*']);
    expect(grantScopes('  ')).toEqual(['system/*.*']);
    expect(grantScopes('system/*.read system/*.read')).toEqual(['system/*.read']);
  });

  it('refuses a request that includes any scope Linkwell cannot honour', () => {
    expect(grantScopes('system/*.read system/Patient.write')).toBeUndefined();
    expect(grantScopes('patient/*.read')).toBeUndefined();
  });

  it('lets a read-only token read but not write', () => {
    expect(scopesAllowMethod(['system/*.read'], 'GET')).toBe(true);
    expect(scopesAllowMethod(['system/*.read'], 'POST')).toBe(false);
    expect(scopesAllowMethod(['system/*.*'], 'DELETE')).toBe(true);
    expect(scopesAllowMethod([], 'GET')).toBe(false);
  });

  it('tells access tokens from API keys by their form', () => {
    expect(isAccessToken(`lwat_${'a'.repeat(43)}`)).toBe(true);
    expect(isAccessToken('lw_abcdefgh_notarealkeynotarealkey00')).toBe(false);
  });
});
