import type { EmbeddedEngine } from "./engine";

/**
 * The engine running in this process, if any. Kept on globalThis because Next.js bundles the
 * instrumentation hook (which starts it) apart from the route handlers (which wake it).
 */
const holder = globalThis as { __assetronicsEngine?: EmbeddedEngine };

export function setRunningEngine(engine: EmbeddedEngine | undefined): void {
  holder.__assetronicsEngine = engine;
}

/** New work was committed (events queued, a run retried): let the local engine pick it up now. */
export function wakeRunningEngine(): void {
  holder.__assetronicsEngine?.wake();
}
