// Real-browser support for the end-to-end tests: Debian's Chromium driven by playwright-core, and
// the web app built into web/dist so the real server can serve it.
//
// Without /usr/bin/chromium the browser suites are skipped with a printed reason on a developer's
// machine, but fail under CI=true: CI must never pass by silently running nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lockfile from 'proper-lockfile';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';

/** Debian's Chromium; CHROMIUM_PATH points elsewhere on other systems. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Flags tried on this kind of machine (see stack.md). Playwright adds --headless itself and gives
 * every launch a fresh temporary profile (it refuses --user-data-dir in `args`); each test then
 * opens its own context, so no cookies or storage leak between tests.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const isCi = process.env.CI === 'true';
const hasChromium = existsSync(chromiumPath);

/** `describe` for browser suites: skipped (with the reason printed) when there is no Chromium outside CI. */
export function describeInBrowser(name: string, body: () => void): void {
  if (!hasChromium && isCi) {
    // One failing test (rather than a failing hook) so the run's pass/fail counts show the problem.
    describe(name, () => {
      it(`needs Chromium at ${chromiumPath}`, () => {
        throw new Error(
          `No Chromium at ${chromiumPath}: browser tests cannot run under CI. Install the Debian chromium package.`,
        );
      });
    });
    return;
  }
  const shouldSkip = !hasChromium;
  if (shouldSkip) {
    console.warn(
      `Skipping "${name}": no Chromium at ${chromiumPath}. Install it with ` +
        '`apt-get update && apt-get install -y chromium` (under CI=true this is a failure, not a skip).',
    );
  }
  // A browser journey is a whole user story (sign in, a dozen pages, an axe scan on each); on a
  // 2-core machine running two such files side by side one can take over the 30 s unit default.
  describe.skipIf(shouldSkip)(name, { timeout: browserJourneyTimeoutMs }, body);
}

export const browserJourneyTimeoutMs = 120_000;

export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium) {
    throw new Error(
      `No Chromium at ${chromiumPath}: browser tests cannot run. Install the Debian chromium package.`,
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

// --- building the web app -----------------------------------------------------------------------

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const webDir = path.join(rootDir, 'web');
const distIndex = path.join(webDir, 'dist', 'index.html');

function newestSourceTime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** True when web/dist is missing or older than the web app's sources (or the shared roles module). */
export function isWebBuildStale(): boolean {
  if (!existsSync(distIndex)) return true;
  const built = statSync(distIndex).mtimeMs;
  const sources = [
    newestSourceTime(path.join(webDir, 'src')),
    newestSourceTime(path.join(webDir, 'public')),
    statSync(path.join(webDir, 'index.html')).mtimeMs,
    statSync(path.join(webDir, 'vite.config.ts')).mtimeMs,
    statSync(path.join(rootDir, 'src', 'access', 'roles.ts')).mtimeMs,
  ];
  return Math.max(...sources) > built;
}

/**
 * Builds web/dist when it is missing or stale. Test files run in parallel workers, so the build
 * holds a lock: the second worker waits and then finds the build fresh.
 */
export async function ensureWebBuild(): Promise<void> {
  if (!isWebBuildStale()) return;
  const lockDirectory = path.join(rootDir, '.test-tmp');
  mkdirSync(lockDirectory, { recursive: true });
  const release = await lockfile.lock(lockDirectory, {
    lockfilePath: path.join(lockDirectory, 'web-build.lock'),
    retries: { retries: 120, minTimeout: 500, maxTimeout: 1000 },
    stale: 120_000,
  });
  try {
    if (!isWebBuildStale()) return;
    const result = spawnSync(
      process.execPath,
      [
        path.join(rootDir, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'web/vite.config.ts',
        '--logLevel',
        'error',
      ],
      {
        cwd: rootDir,
        encoding: 'utf8',
        timeout: 110_000,
        // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    if (result.status !== 0) {
      throw new Error(`Building the web app failed:\n${result.stdout}\n${result.stderr}`);
    }
  } finally {
    await release();
  }
}

// --- page helpers -------------------------------------------------------------------------------

/** Problems a page reported while the test ran: console errors (CSP violations included) and requests that left the server. */
export type PageProblems = { consoleErrors: string[]; foreignRequests: string[]; failedRequests: string[] };

/** A fresh context and page that records console errors and any request to another origin. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  options: { viewport?: { width: number; height: number }; isPhone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    // A phone: mobile viewport meta honoured and touch events, as a person opening a texted link.
    ...(options.isPhone ? { isMobile: true, hasTouch: true } : {}),
  });
  // Fail a step well inside the test's own timeout, so the error names the step that hung.
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], foreignRequests: [], failedRequests: [] };
  page.on('console', (message) => {
    // The browser logs every 4xx answer as an error, but 4xx are expected answers here (401 from the
    // session probe before sign-in, 400 with per-field problems); a 5xx or a CSP violation is not.
    const isExpectedClientError = /the server responded with a status of 4\d\d/.test(message.text());
    if (message.type() === 'error' && !isExpectedClientError) problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseUrl) && !url.startsWith('data:')) problems.foreignRequests.push(url);
  });
  page.on('requestfailed', (request) =>
    problems.failedRequests.push(`${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  return { context, page, problems };
}

export const accessibilityTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core on the page; returns the violations in a readable form (empty when none). */
export async function findAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(accessibilityTags).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} — ${violation.nodes
        .map((node) => node.target.join(' '))
        .slice(0, 5)
        .join(', ')}`,
  );
}

/**
 * No console errors (CSP violations included), no request to another server, and no failed
 * request — except those a navigation or reload cancels while in flight (net::ERR_ABORTED).
 */
export function expectNoPageProblems(problems: PageProblems): void {
  expect(problems.consoleErrors, 'console errors (including CSP violations)').toEqual([]);
  expect(problems.foreignRequests, 'requests to other servers').toEqual([]);
  const failed = problems.failedRequests.filter((request) => !request.endsWith('net::ERR_ABORTED'));
  expect(failed, 'failed requests').toEqual([]);
}

/** axe-core finds no WCAG 2.2 AA violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await findAccessibilityViolations(page)).toEqual([]);
}

/** Signs in through the real sign-in page and waits for the landing page's focused heading. */
export async function signInWithBrowser(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('h1').and(page.locator(':focus')).waitFor();
}
