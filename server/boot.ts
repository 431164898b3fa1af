import { startTableMaintenance } from "@/db/pglite-maintenance";
import { inngest } from "@/inngest/client";
import { startAppEngine } from "@/inngest/engine/app-engine";
import { recordPeerAddresses } from "./auth/client-ip";
import { database, inBackground, onDatabaseReady } from "./db";
import { employeeKeyring } from "./employees/process-keyring";
import { automationMode, env } from "./env";
import { startRelay } from "./events/relay";
import { prepareFirstStart } from "./first-start";
import { countRequests, watchEventLoopStalls } from "./heavy-jobs";
import { logger } from "./logger";
import { snapshotProcessEnv } from "./process-env";
import { exitOnSignals, onShutdown, watchHttpServers } from "./shutdown";
import { refreshDefaultTemplatesOfEveryTenant } from "./workflows/services/provision-workflow-templates";

let booted = false;

/** A table's maintenance this long or longer is logged as a warning (see bootServer). */
const SLOW_MAINTENANCE_MS = 250;

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
  watchEventLoopStalls(env.EVENT_LOOP_STALL_MS);
  // From the start, so a signal during the migrations still closes the database cleanly
  // (server/shutdown.ts): streams end, the engine lets its steps in flight finish, then it closes.
  watchHttpServers();
  exitOnSignals(async () => (await database()).close());
  if (env.NODE_ENV === "production" && !process.env.NEXT_MANUAL_SIG_HANDLE) {
    // Next.js's own handler would exit as soon as its HTTP server closes, steps in flight or not.
    logger.warn(
      "Next.js handles SIGTERM itself: start with npm start (or set NEXT_MANUAL_SIG_HANDLE=true) so shutdown waits for automation steps in flight",
    );
  }
  snapshotProcessEnv();
  onDatabaseReady((handle) =>
    prepareFirstStart(handle.db, {
      databaseUrl: env.DATABASE_URL,
      seedDemo: env.SEED_DEMO,
      host: env.HOST,
      superAdminEmail: env.SUPER_ADMIN_EMAIL,
      superAdminPassword: env.SUPER_ADMIN_PASSWORD,
      dataDir: env.DATA_DIR,
    }),
  );
  // The keys for employees' personal data: a bad EMPLOYEE_DATA_KEYS stops the start here, and the
  // embedded default generates its key file now (and says so), not at the first employee saved.
  employeeKeyring();
  if (!env.METRICS_TOKEN && env.NODE_ENV !== "development") {
    logger.warn("/api/metrics is off: set METRICS_TOKEN (16+ characters) to let a scraper read it");
  }
  const handle = await database();
  if (handle.driver === "pglite") {
    // The embedded database has no autovacuum: keep its statistics fresh and its dead rows reclaimed.
    const maintenance = startTableMaintenance(handle.db, {
      onError: (error) => logger.warn("table maintenance failed", { error }),
      // Each table's time includes its wait for the one connection, behind people's requests
      // (how long a statement itself held it, the driver logs as "held the embedded database"):
      // a warning when one took long, for anyone looking for the tail of their requests.
      onDone: (done) => {
        const slowest = Math.max(...done.map((t) => t.ms));
        (slowest >= SLOW_MAINTENANCE_MS ? logger.warn : logger.info)("tables maintained", {
          tables: done.map((t) => `${t.table} (${t.vacuum ? "vacuum" : "analyze"}, ${t.ms} ms)`),
          ms: done.reduce((sum, t) => sum + t.ms, 0),
        });
      },
    });
    onShutdown(() => maintenance.stop());
  }
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
    onShutdown(() => relay.stop());
  }
  // Organizations made before a default template improved get it, where they never edited theirs.
  inBackground(() => refreshDefaultTemplatesOfEveryTenant(handle.db)).then(
    (result) => {
      if (result.refreshed > 0) logger.info("default workflow templates brought up to date", result);
    },
    (error: unknown) => logger.warn("bringing default workflow templates up to date failed", { error }),
  );
  logger.info("assetronics started", {
    driver: handle.driver,
    appUrl: env.APP_URL,
    automation: automationMode(),
  });
}
