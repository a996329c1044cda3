// A queue worker's loop: run a pass, and when it claimed a full batch run another at once,
// otherwise wait `pollIntervalMs`. Never overlaps itself; stop() waits for the pass in flight.
// Shared by the email/SMS outbox and the webhook deliveries.
export type PollingWorker = { stop(): Promise<void> };

export function startPollingWorker(options: {
  /** For the log line when a pass fails, e.g. "webhook delivery". */
  name: string;
  pollIntervalMs: number;
  batchSize: number;
  log: { error(obj: object, msg?: string): void };
  /** One pass over the queue; `claimed` tells whether there may be more waiting. */
  runPass(): Promise<{ claimed: number }>;
}): PollingWorker {
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  const runPasses = async (): Promise<void> => {
    try {
      let result: { claimed: number };
      do {
        result = await options.runPass();
      } while (!isStopped && result.claimed === options.batchSize);
    } catch (error) {
      options.log.error({ err: error }, `${options.name} pass failed; will try again`);
    }
  };

  const schedule = (delayMs: number): void => {
    if (isStopped) return;
    timer = setTimeout(() => {
      inFlight = runPasses().finally(() => {
        inFlight = undefined;
        schedule(options.pollIntervalMs);
      });
    }, delayMs);
    // The worker alone never keeps the process alive: shutdown is the server's decision.
    timer.unref();
  };
  schedule(0);

  return {
    stop: async () => {
      isStopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
