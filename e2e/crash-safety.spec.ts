import { randomInt } from "node:crypto";
import { type AppServerProcess, appServerProcess } from "./app-server-process";
import { createOwnDatabase, dropOwnDatabase } from "./own-database";
import { expect, test } from "./test";

/**
 * Crash safety of the embedded automation engine: the production server is SIGKILLed at random
 * moments while tenants are created (each commits a tenant.created event that
 * provision-tenant-defaults turns into its starter location, department and categories). After a
 * last restart the engine drains, and every event has caused exactly one completed run and every
 * effect exists exactly once, with exactly one event of its own. Needs PostgreSQL: the test process and the server share the database, which two
 * processes cannot do with one PGlite data dir.
 */

const adminUrl = process.env.DATABASE_URL;
const PORT = Number(process.env.CRASH_PORT ?? 3200);
const KILLS = 6;
const CREATORS = 2;
/**
 * Each creator rests this long between two tenants. Unpaced, the load scaled with how slowly the
 * server restarted (about 1,000 tenants and 19,000 events on a busy CI machine), and draining it
 * then measured the engine's throughput beside the rest of the e2e suite, not crash safety.
 */
const CREATOR_REST_MS = 150;
// The lease of a killed worker's runs (30 s), then room for a retry with backoff on a busy machine,
// and for the runs themselves (two per tenant).
const drainTimeoutMs = (tenants: number) => 90_000 + tenants * 100;
const AUTH_SECRET = "crash-secret-crash-secret-crash-secret-0123456789";
const PROVISION = "assetronics-provision-tenant-defaults";
const NEEDS_POSTGRES =
  "it needs PostgreSQL: set DATABASE_URL (the test and the server share the database, which two processes cannot do with one PGlite)";

/** A seeded generator (mulberry32): the printed seed replays the same kill schedule (CRASH_SEED=...). */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.describe.configure({ mode: "serial" });

test("committed events each run exactly once across SIGKILLs of the server", async () => {
  // The reason is printed too: the list reporter shows a skipped test without it.
  if (!adminUrl) console.log(`crash safety skipped: ${NEEDS_POSTGRES}`);
  test.skip(!adminUrl, NEEDS_POSTGRES);
  if (!adminUrl) return;
  test.setTimeout(180_000);

  // Server modules validate the environment once, on import: import them after setting it.
  process.env.AUTH_SECRET ??= AUTH_SECRET;
  process.env.LOG_LEVEL ??= "silent";
  const [
    { openDatabase },
    { withPlatform },
    { createTenant },
    { functions },
    { loadFunctions },
    { automationLedger, automationProgress, tenantDefaults, unfinishedRuns },
  ] = await Promise.all([
    import("@/db"),
    import("@/server/db"),
    import("@/server/tenants/services/create-tenant"),
    import("@/inngest/functions"),
    import("@/inngest/engine/functions"),
    import("./automation-ledger"),
  ]);

  const seed = Number(process.env.CRASH_SEED ?? randomInt(2 ** 31));
  const random = randomFrom(seed);
  const dbName = `assetronics_crash_${process.pid}`;
  const databaseUrl = await createOwnDatabase(adminUrl, dbName);
  const server: AppServerProcess = appServerProcess({ port: PORT, databaseUrl, authSecret: AUTH_SECRET });
  const handle = await openDatabase({ databaseUrl, dataDir: "" });
  const started = Date.now();
  try {
    await server.start();

    // Load: tenants created straight in the database (as sign-up does), whatever the server is doing.
    let stopLoad = false;
    let next = 0;
    let created = 0;
    const creators = Array.from({ length: CREATORS }, async () => {
      while (!stopLoad) {
        const n = next++;
        await withPlatform(handle.db, (trx) =>
          createTenant(trx, {
            name: `Crash ${n}`,
            admin: {
              name: `Admin ${n}`,
              email: `admin-${seed}-${n}@crash.test`,
              password: "crash-password-1",
            },
            via: "seed",
          }),
        );
        created++;
        await pause(CREATOR_REST_MS);
      }
    });
    const load = Promise.all(creators);
    load.catch(() => {
      stopLoad = true;
    });

    for (let kill = 0; kill < KILLS; kill++) {
      await pause(200 + random() * 1_300);
      await server.kill();
      await server.start();
    }
    stopLoad = true;
    await load;

    const drainStarted = Date.now();
    const drainTimeout = drainTimeoutMs(created);
    test.setTimeout(drainStarted - started + drainTimeout + 60_000);
    const takenOver = new Set<string>();
    let progress = await automationProgress(handle.db);
    while (progress.pendingDeliveries > 0 || progress.unfinishedRuns > 0 || progress.runs < created) {
      for (const id of progress.takenOver) takenOver.add(id);
      if (Date.now() - drainStarted > drainTimeout) {
        const waiting = await unfinishedRuns(handle.db);
        throw new Error(
          `The engine did not drain in ${drainTimeout} ms (${created} tenants): ${JSON.stringify(progress)}; unfinished: ${JSON.stringify(waiting)}`,
        );
      }
      await pause(200);
      progress = await automationProgress(handle.db);
    }
    const drainMs = Date.now() - drainStarted;

    const registry = loadFunctions(functions, `${server.url}/api/inngest`);
    const ledger = await automationLedger(handle.db, registry);
    const defaults = await tenantDefaults(handle.db);
    console.log(
      [
        `crash safety (seed ${seed}): ${KILLS} kills, ${created} tenants, ${ledger.events} events`,
        `${ledger.expectedRuns} runs expected, ${JSON.stringify(ledger.runsByFunction)} ran`,
        `${takenOver.size} taken over from a killed worker, ${ledger.retriedRuns} with attempts > 1`,
        `drained in ${drainMs} ms, ${Math.round((Date.now() - started) / 1000)} s in all`,
      ].join("; "),
    );

    expect(ledger.missingRuns, "events without their run").toEqual([]);
    expect(ledger.duplicateRuns, "events run more than once").toEqual([]);
    expect(ledger.unfinished, "runs not completed").toEqual([]);
    expect(ledger.runsByFunction[PROVISION]).toBe(created);
    expect(defaults).toHaveLength(created);
    const wrong = defaults.filter(
      (tenant) =>
        tenant.locations !== 1 ||
        tenant.headquarters !== 1 ||
        tenant.departments !== 1 ||
        tenant.itDepartments !== 1 ||
        tenant.locationEvents !== 1 ||
        tenant.departmentEvents !== 1 ||
        // Whatever starter categories there are: each once, each with its one event.
        tenant.categoryNames !== tenant.categories ||
        tenant.categoryEvents !== tenant.categories,
    );
    expect(wrong, "tenants whose defaults are missing or doubled").toEqual([]);
  } catch (error) {
    console.error(`crash safety failed (seed ${seed}); the server's last output:\n${server.output()}`);
    throw error;
  } finally {
    await server.stop();
    await handle.close();
    await dropOwnDatabase(adminUrl, dbName);
  }
});
