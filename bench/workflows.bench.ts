import { sql } from "kysely";
import { createTenantFunction } from "../inngest/functions/tenant-function";
import { startOffboardingFunction } from "../inngest/functions/workflows/start-offboarding";
import { type Db, useDatabase, withPlatform } from "../server/db";
import { terminateEmployee } from "../server/employees/services/terminate-employee";
import {
  asAdmin,
  type BenchEmployee,
  callAll,
  createAutomationTenants,
  eventsDispatched,
  insertEmployees,
  latencies,
  phases,
  runsCompleted,
  watchVisible,
} from "./automation-world";
import { openBenchDatabase } from "./bench-database";
import { startEventsRig } from "./events-rig";
import { type Benchmark, percentile, ratio, scaled } from "./harness";

const TENANTS = 10;
/** Multiples of TENANTS, so every tenant has the same share of each phase. */
const TERMINATIONS = Math.ceil(scaled(1_000) / TENANTS) * TENANTS;
/** Terminations before each phase is measured (JIT, kept-alive connections, plans). */
const WARMUP = Math.ceil(scaled(50) / TENANTS) * TENANTS;
const ASSETS_EACH = 2;
/** HR people (or an HR sync) terminating at once, each waiting for its request. */
const CALLERS = 4;
const EVENT = "employee.terminated";
const TIMEOUT_MS = 300_000;

/** Today in UTC, the day the terminations take effect (so each emits employee.terminated). */
const today = () => new Date().toISOString().slice(0, 10);

const terminate = (db: Db) => (employee: BenchEmployee) =>
  asAdmin(db, employee.tenant, (scope) =>
    terminateEmployee(scope, {
      employeeId: employee.employeeId,
      terminationDate: today(),
      reason: "Bench: end of contract",
      timeZone: "UTC",
    }),
  );

/** The offboardings committed so far, by the employee they are for. */
const offboardings = (db: Db) =>
  withPlatform(db, async (trx) => {
    const rows = await trx
      .selectFrom("workflows")
      .select("employee_id")
      .where("kind", "=", "offboarding")
      .execute();
    return rows.flatMap((row) => (row.employee_id ? [row.employee_id] : []));
  });

/**
 * Issue 13: employee.terminated -> offboarding through the embedded engine, end to end. HR
 * terminates 1,000 people (2 laptops each) through the service the page calls, CALLERS at a time,
 * across TENANTS tenants; the app's start-offboarding function (the offboarding rule) runs on the
 * engine and starts each leaver's offboarding with a return step per laptop. The ceiling, in the
 * same run: the engine running a no-op function on 1,000 other terminations of the same tenants.
 */
const benchmark: Benchmark = {
  name: "workflows",
  description: `${TERMINATIONS} terminations (${ASSETS_EACH} assets each) -> offboardings through the embedded engine`,
  async run() {
    const database = await openBenchDatabase("workflows");
    const { db } = database.handle;
    // biome-ignore lint/correctness/useHookAtTopLevel: not a React hook; the functions reach this database through getDb(), as the app's do
    useDatabase(database.handle);
    try {
      const tenants = await createAutomationTenants(db, "workflows", TENANTS);
      const perTenant = (2 * (WARMUP + TERMINATIONS)) / TENANTS;
      const byTenant: BenchEmployee[][] = [];
      for (const tenant of tenants) {
        byTenant.push(
          await insertEmployees(db, tenant, {
            count: perTenant,
            from: 1,
            assets: ASSETS_EACH,
            assetKind: "assigned",
            accounts: false,
          }),
        );
      }
      await sql`analyze`.execute(db);
      const [warmCeiling = [], ceilingPhase = [], warmApp = [], appPhase = []] = phases(byTenant, [
        WARMUP,
        TERMINATIONS,
        WARMUP,
        TERMINATIONS,
      ]);
      const keyOf = (employee: BenchEmployee) => employee.employeeId;

      // The ceiling: the same terminations, a no-op function on their events.
      const noop = await startEventsRig(db, EVENT, { listen: database.handle.listen });
      let ceiling: number;
      try {
        await eventsDispatched(db);
        await callAll(warmCeiling, CALLERS, keyOf, terminate(db));
        await runsCompleted(db, noop.functionId, warmCeiling.length, TIMEOUT_MS);
        const calls = await callAll(ceilingPhase, CALLERS, keyOf, terminate(db));
        const finished = await runsCompleted(
          db,
          noop.functionId,
          warmCeiling.length + TERMINATIONS,
          TIMEOUT_MS,
        );
        ceiling = TERMINATIONS / ((finished - calls.started) / 1000);
      } finally {
        await noop.close();
      }

      const rig = await startEventsRig(db, EVENT, {
        listen: database.handle.listen,
        functions: (client) => [createTenantFunction(client, startOffboardingFunction)],
      });
      const watch = watchVisible(db, offboardings, 20);
      try {
        await eventsDispatched(db);
        await callAll(warmApp, CALLERS, keyOf, terminate(db));
        await watch.until(warmApp.length, TIMEOUT_MS);
        const calls = await callAll(appPhase, CALLERS, keyOf, terminate(db));
        await watch.until(warmApp.length + TERMINATIONS, TIMEOUT_MS);
        await watch.stop();

        const measured = new Set(appPhase.map(keyOf));
        const lastSeen = Math.max(...[...watch.seen].filter(([id]) => measured.has(id)).map(([, at]) => at));
        const allExist = lastSeen - calls.started;
        const latency = latencies(calls.commits, watch.seen);
        const throughput = TERMINATIONS / (allExist / 1000);
        const returnSteps = await withPlatform(db, (trx) =>
          trx
            .selectFrom("workflow_steps as s")
            .innerJoin("workflows as w", "w.id", "s.workflow_id")
            .select((eb) => eb.fn.countAll<number>().as("count"))
            .where("w.kind", "=", "offboarding")
            .where("w.employee_id", "in", [...measured])
            .where("s.asset_id", "is not", null)
            .executeTakeFirstOrThrow(),
        );
        if (Number(returnSteps.count) !== TERMINATIONS * ASSETS_EACH) {
          throw new Error(
            `The offboardings have ${returnSteps.count} return steps, not ${TERMINATIONS * ASSETS_EACH}: the rule did not run as the app's does`,
          );
        }
        const driver = database.driver;
        return [
          {
            metric: `${driver}: terminations committed (${CALLERS} callers)`,
            value: Math.round(TERMINATIONS / ((calls.finished - calls.started) / 1000)),
            unit: "terminations/s",
            better: "higher",
          },
          {
            metric: `${driver}: first termination commit -> every offboarding exists (${TERMINATIONS})`,
            value: Math.round(allExist),
            unit: "ms",
            better: "lower",
          },
          {
            metric: `${driver}: termination commit -> offboarding committed p50`,
            value: percentile(latency, 50),
            unit: "ms",
            better: "lower",
          },
          {
            metric: `${driver}: termination commit -> offboarding committed p95`,
            value: percentile(latency, 95),
            unit: "ms",
            target: 2_000,
            better: "lower",
          },
          {
            metric: `${driver}: offboardings started (first commit -> last offboarding)`,
            value: Math.round(throughput),
            unit: "workflows/s",
            better: "higher",
          },
          {
            metric: `${driver}: ceiling: no-op function on ${TERMINATIONS} terminations (first commit -> last run completed)`,
            value: Math.round(ceiling),
            unit: "runs/s",
            better: "higher",
          },
          {
            metric: `${driver}: offboardings/s / no-op runs/s (same run)`,
            value: ratio(throughput, ceiling),
            unit: "ratio",
            better: "higher",
          },
        ];
      } finally {
        await watch.stop();
        await rig.close();
      }
    } finally {
      await database.close();
    }
  },
};

export default benchmark;
