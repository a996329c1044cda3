// Background passes run inside the app process (the stale-directory reminders, the onward-referral
// response window). Each pass must be safe with several app instances running it: the passes take
// a transaction-scoped advisory lock themselves, so this starter only schedules and never overlaps.
export type PeriodicJob = { stop(): Promise<void> };

export type JobLog = { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };

export function startPeriodicJob(options: {
  name: string;
  intervalMs: number;
  /** First pass this soon after start (default: a minute, or the interval if shorter). */
  firstRunAfterMs?: number;
  log: JobLog;
  /** One pass; returns a summary worth logging, or undefined when there was nothing to do. */
  run(): Promise<object | undefined>;
}): PeriodicJob {
  let running: Promise<void> | undefined;
  let stopped = false;
  const runOnce = () => {
    if (stopped || running) return;
    running = options
      .run()
      .then((summary) => {
        if (summary) options.log.info(summary, options.name);
      })
      .catch((error: unknown) => options.log.error({ err: error }, `${options.name} failed`))
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(runOnce, options.firstRunAfterMs ?? Math.min(60_000, options.intervalMs));
  const timer = setInterval(runOnce, options.intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
