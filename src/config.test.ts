import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      loadDemoData: true,
      publicUrl: 'http://localhost:3000',
      isCookieSecure: false,
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/linkwell',
      DATABASE_URL: 'postgres://app@db/linkwell',
      DEMO_DATA: 'false',
      PUBLIC_URL: 'https://linkwell.example.org/',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/linkwell',
      databaseUrl: 'postgres://app@db/linkwell',
      loadDemoData: false,
      publicUrl: 'https://linkwell.example.org',
      isCookieSecure: true,
    });
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it('names each bad variable and what is wrong with it', () => {
    try {
      loadConfig({ PORT: 'eighty', DEMO_DATA: 'maybe', DATABASE_URL: 'mysql://x', PUBLIC_URL: 'not a url' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT="eighty": must be a number');
      expect(message).toContain('DEMO_DATA="maybe": must be true or false');
      expect(message).toContain('DATABASE_URL="mysql://x": must start with postgres://');
      expect(message).toContain('PUBLIC_URL="not a url"');
    }
  });

  it('shares the form secret across instances when FORM_SECRET is set, and refuses a short one', () => {
    const secret = 'a'.repeat(40);
    expect(
      loadConfig({ FORM_SECRET: secret }).formSecret.equals(loadConfig({ FORM_SECRET: secret }).formSecret),
    ).toBe(true);
    expect(loadConfig({}).formSecret.equals(loadConfig({}).formSecret)).toBe(false);
    expect(() => loadConfig({ FORM_SECRET: 'short' })).toThrow(
      /FORM_SECRET="short": must be at least 32 characters/,
    );
  });

  it('reads the directory staleness period, within sensible bounds', () => {
    expect(loadConfig({}).staleAfterDays).toBe(183);
    expect(loadConfig({ STALE_AFTER_DAYS: '90' }).staleAfterDays).toBe(90);
    expect(() => loadConfig({ STALE_AFTER_DAYS: '7' })).toThrow(
      /STALE_AFTER_DAYS="7": must be at least 30 days/,
    );
  });
});
