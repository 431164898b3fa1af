import { setTimeout as sleep } from "node:timers/promises";

/**
 * Runs `work` and answers no sooner than `minimumMs` after it began, whether it succeeded or
 * failed: a form that must not say whether an email has an account must not say it by its timing
 * either (an unknown email does less work than a known one). `minimumMs` is set above what the
 * work takes on a busy machine, so every answer takes the same time.
 */
export async function inSteadyTime<T>(minimumMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = minimumMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}
