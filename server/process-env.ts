let snapshotted = false;

/**
 * Replaces `process.env` with a plain-object copy of itself, once per server process, before
 * anything reads it per request. Node's `process.env` is backed by the C environment: every read
 * crosses into C++, and enumerating it converts every variable, which the Inngest SDK does several
 * times per call of /api/inngest (`getProcessEnv` in `inngestHeaders`). With a copy the serve
 * endpoint spends 0.86 ms of CPU per call instead of 1.20 ms (BENCHMARKS.md, events).
 *
 * The environment is configuration read at start; nothing here changes it later. Values written
 * afterwards still reach this process and the child processes it spawns (they inherit
 * `process.env`), not native code calling getenv(3), and are no longer coerced to strings.
 */
export function snapshotProcessEnv(): void {
  if (snapshotted) return;
  snapshotted = true;
  process.env = { ...process.env };
}
