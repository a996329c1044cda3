// Starts the real Linkwell server as a child process (configuration through its environment, as
// in production) and times it to its first successful /health/ready.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pickEphemeralPort } from './postgres-cluster';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'serve-app.ts');
const readyPollMs = 20;

export type AppProcess = {
  baseUrl: string;
  /** From spawn to the first 200 from /health/ready. */
  readyMs: number;
  /** Stops it with SIGTERM (a clean shutdown that releases the data directory). */
  stop(): Promise<void>;
};

/** Variables of the bench's own environment that would point the server elsewhere. */
const appVariables = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'DATABASE_URL',
  'DEMO_DATA',
  'PUBLIC_URL',
  'LOG_LEVEL',
  'NOTIFY_API_KEY',
];

export async function startAppProcess(options: {
  env: Record<string, string>;
  isDemoData: boolean;
  logLevel?: string;
  timeoutMs?: number;
}): Promise<AppProcess> {
  const port = await pickEphemeralPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !appVariables.includes(key)),
  );
  // The server's output goes to a file, not a pipe: reading a pipe would cost this process CPU
  // during load tests. It is shown when the server fails to start.
  const logDirectory = mkdtempSync(path.join(os.tmpdir(), 'linkwell-bench-log-'));
  const logFile = path.join(logDirectory, 'server.log');
  const logFd = openSync(logFile, 'w');
  const removeLog = () => rmSync(logDirectory, { recursive: true, force: true });

  const startedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: {
      ...inherited,
      ...options.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_DATA: String(options.isDemoData),
      LOG_LEVEL: options.logLevel ?? 'info',
    },
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    }),
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const fail = async (reason: string): Promise<never> => {
    if (!exit) child.kill('SIGKILL');
    await exited;
    process.removeListener('exit', killOnExit);
    const output = readFileSync(logFile, 'utf8').slice(-4000);
    removeLog();
    throw new Error(`The server ${reason}. Its last output:\n${output}`);
  };

  const deadline = startedAt + (options.timeoutMs ?? 180_000);
  let readyMs: number | undefined;
  while (readyMs === undefined) {
    if (exit) return fail(`exited (code ${exit.code}, signal ${exit.signal}) before it was ready`);
    if (performance.now() > deadline) return fail(`was not ready within ${options.timeoutMs ?? 180_000} ms`);
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) readyMs = performance.now() - startedAt;
    } catch {
      // Not listening yet.
    }
    if (readyMs === undefined) await new Promise((resolve) => setTimeout(resolve, readyPollMs));
  }

  return {
    baseUrl,
    readyMs,
    stop: async () => {
      if (!exit) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      removeLog();
    },
  };
}
