import { seedDemo } from "@/db/seed";
import { inngest } from "@/inngest/client";
import { startAppEngine } from "@/inngest/engine/app-engine";
import { database, onDatabaseReady } from "./db";
import { automationMode, env } from "./env";
import { startRelay } from "./events/relay";
import { logger } from "./logger";
import { snapshotProcessEnv } from "./process-env";

let booted = false;

/**
 * Runs once per server process (instrumentation.ts): validate env, migrate, seed the demo and, in
 * embedded mode, start the automation engine (it waits for the HTTP server before calling it).
 */
export async function bootServer(): Promise<void> {
  if (booted) return;
  booted = true;
  snapshotProcessEnv();
  if (env.SEED_DEMO) {
    onDatabaseReady(async (handle) => {
      await seedDemo(handle.db);
    });
  }
  const handle = await database();
  if (automationMode() === "embedded") {
    startAppEngine(handle.db);
  } else {
    // Inngest runs the functions; the relay hands it every committed event.
    const relay = startRelay(handle.db, async (events) => {
      await inngest.send(events);
    });
    process.once("SIGTERM", () => void relay.stop());
  }
  logger.info("assetronics started", {
    driver: handle.driver,
    appUrl: env.APP_URL,
    automation: automationMode(),
  });
}
