import { inngest } from "@/inngest/client";
import { startAppEngine } from "@/inngest/engine/app-engine";
import { recordPeerAddresses } from "./auth/client-ip";
import { database, inBackground, onDatabaseReady } from "./db";
import { automationMode, env } from "./env";
import { startRelay } from "./events/relay";
import { prepareFirstStart } from "./first-start";
import { countRequests } from "./heavy-jobs";
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
  // First: the sign-in limits key on each request's socket address from here on.
  recordPeerAddresses();
  countRequests();
  snapshotProcessEnv();
  onDatabaseReady((handle) =>
    prepareFirstStart(handle.db, {
      databaseUrl: env.DATABASE_URL,
      seedDemo: env.SEED_DEMO,
      host: env.HOST,
      superAdminEmail: env.SUPER_ADMIN_EMAIL,
      superAdminPassword: env.SUPER_ADMIN_PASSWORD,
    }),
  );
  if (!env.METRICS_TOKEN && env.NODE_ENV !== "development") {
    logger.warn("/api/metrics is off: set METRICS_TOKEN (16+ characters) to let a scraper read it");
  }
  const handle = await database();
  // The engine's and the relay's own queries are background work: on the embedded database,
  // people's requests go first (db/pglite-priority.ts).
  if (automationMode() === "embedded") {
    inBackground(() => startAppEngine(handle.db));
  } else {
    // Inngest runs the functions; the relay hands it every committed event.
    const relay = inBackground(() =>
      startRelay(handle.db, async (events) => {
        await inngest.send(events);
      }),
    );
    process.once("SIGTERM", () => void relay.stop());
  }
  logger.info("assetronics started", {
    driver: handle.driver,
    appUrl: env.APP_URL,
    automation: automationMode(),
  });
}
