import { sql } from "kysely";
import { notifyAssetAssignedFunction } from "../inngest/functions/notifications/notify-asset-assigned";
import { createTenantFunction } from "../inngest/functions/tenant-function";
import { assignAsset } from "../server/assets/services/assign-asset";
import { type Db, useDatabase, withPlatform } from "../server/db";
import { resendTransport } from "../server/notifications/mailer";
import { deploymentTransports, type Transports } from "../server/notifications/services/send-delivery";
import { startFakeResend } from "../tests/fakes/resend/fake-resend";
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
const ASSIGNMENTS = Math.ceil(scaled(1_000) / TENANTS) * TENANTS;
/** Assignments before each phase is measured (JIT, kept-alive connections, plans). */
const WARMUP = Math.ceil(scaled(50) / TENANTS) * TENANTS;
/** Each assignment notifies its employee in the bell and by email (the type's defaults). */
const CHANNELS = ["in_app", "email"] as const;
/** IT staff assigning at once, each waiting for its request. */
const CALLERS = 4;
const EVENT = "asset.assigned";
const TIMEOUT_MS = 300_000;

const assign = (db: Db) => (employee: BenchEmployee) =>
  asAdmin(db, employee.tenant, (scope) =>
    assignAsset(scope, {
      assetId: employee.assetIds[0] ?? "",
      employeeId: employee.employeeId,
      timeZone: "UTC",
    }),
  );

/** The users whose bell shows an in-app delivery, as their next read of it would. */
const inAppDelivered = (db: Db) =>
  withPlatform(db, async (trx) => {
    const rows = await trx
      .selectFrom("notification_deliveries")
      .select("user_id")
      .where("channel", "=", "in_app")
      .where("status", "=", "sent")
      .execute();
    return rows.flatMap((row) => (row.user_id ? [row.user_id] : []));
  });

/** Waits until `total` deliveries were sent; returns when the last one was (its sent_at). */
async function deliveriesSent(db: Db, total: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await withPlatform(db, (trx) =>
      trx
        .selectFrom("notification_deliveries")
        .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.max("sent_at").as("last")])
        .where("status", "=", "sent")
        .where("channel", "in", CHANNELS)
        .executeTakeFirstOrThrow(),
    );
    if (Number(row.count) >= total && row.last) return new Date(row.last).getTime();
    if (Date.now() > deadline)
      throw new Error(`Only ${row.count} of ${total} deliveries sent in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Issue 14: asset.assigned -> the employee hears of it in the bell and by email, through the
 * embedded engine end to end. IT assigns 1,000 laptops to 1,000 employees with accounts through
 * the service the page calls, CALLERS at a time, across TENANTS tenants; the app's
 * notify-asset-assigned function writes the in-app notification and sends the email through the
 * fake Resend (the real transport, over HTTP). The ceiling, in the same run: the engine running
 * a no-op function on 1,000 other assignments of the same tenants.
 */
const benchmark: Benchmark = {
  name: "notifications",
  description: `${ASSIGNMENTS} assignments -> ${ASSIGNMENTS * CHANNELS.length} deliveries (in-app, email) through the embedded engine`,
  async run() {
    const database = await openBenchDatabase("notifications");
    const { db } = database.handle;
    // biome-ignore lint/correctness/useHookAtTopLevel: not a React hook; the functions reach this database through getDb(), as the app's do
    useDatabase(database.handle);
    const resend = await startFakeResend();
    // One transport, as the deployment's is (mailTransport() keeps one): one Resend client.
    const mail = resendTransport({
      apiKey: resend.apiKey,
      baseUrl: resend.baseUrl,
      from: "Assetronics <it@example.test>",
    });
    const transports: Transports = { ...deploymentTransports, mail: () => mail };
    try {
      const tenants = await createAutomationTenants(db, "notifications", TENANTS);
      const perTenant = (2 * (WARMUP + ASSIGNMENTS)) / TENANTS;
      const byTenant: BenchEmployee[][] = [];
      for (const tenant of tenants) {
        byTenant.push(
          await insertEmployees(db, tenant, {
            count: perTenant,
            from: 1,
            assets: 1,
            assetKind: "in_stock",
            accounts: true,
          }),
        );
      }
      await sql`analyze`.execute(db);
      const [warmCeiling = [], ceilingPhase = [], warmApp = [], appPhase = []] = phases(byTenant, [
        WARMUP,
        ASSIGNMENTS,
        WARMUP,
        ASSIGNMENTS,
      ]);
      const keyOf = (employee: BenchEmployee) => employee.userId ?? "";

      // The ceiling: the same assignments, a no-op function on their events.
      const noop = await startEventsRig(db, EVENT, { listen: database.handle.listen });
      let ceiling: number;
      try {
        await eventsDispatched(db);
        await callAll(warmCeiling, CALLERS, keyOf, assign(db));
        await runsCompleted(db, noop.functionId, warmCeiling.length, TIMEOUT_MS);
        const calls = await callAll(ceilingPhase, CALLERS, keyOf, assign(db));
        const finished = await runsCompleted(
          db,
          noop.functionId,
          warmCeiling.length + ASSIGNMENTS,
          TIMEOUT_MS,
        );
        ceiling = ASSIGNMENTS / ((finished - calls.started) / 1000);
      } finally {
        await noop.close();
      }

      const rig = await startEventsRig(db, EVENT, {
        listen: database.handle.listen,
        functions: (client) => [createTenantFunction(client, notifyAssetAssignedFunction(transports))],
      });
      const watch = watchVisible(db, inAppDelivered, 20);
      try {
        await eventsDispatched(db);
        await callAll(warmApp, CALLERS, keyOf, assign(db));
        await deliveriesSent(db, warmApp.length * CHANNELS.length, TIMEOUT_MS);
        const calls = await callAll(appPhase, CALLERS, keyOf, assign(db));
        const lastSent = await deliveriesSent(db, (WARMUP + ASSIGNMENTS) * CHANNELS.length, TIMEOUT_MS);
        await watch.until(warmApp.length + ASSIGNMENTS, TIMEOUT_MS);
        await watch.stop();

        if (resend.sent.length !== WARMUP + ASSIGNMENTS) {
          throw new Error(`The fake Resend took ${resend.sent.length} emails, not ${WARMUP + ASSIGNMENTS}`);
        }
        const latency = latencies(calls.commits, watch.seen);
        const deliveryRate = (ASSIGNMENTS * CHANNELS.length) / ((lastSent - calls.started) / 1000);
        const driver = database.driver;
        return [
          {
            metric: `${driver}: assignments committed (${CALLERS} callers)`,
            value: Math.round(ASSIGNMENTS / ((calls.finished - calls.started) / 1000)),
            unit: "assignments/s",
            better: "higher",
          },
          {
            metric: `${driver}: assignment commit -> in-app delivery visible p50`,
            value: percentile(latency, 50),
            unit: "ms",
            better: "lower",
          },
          {
            metric: `${driver}: assignment commit -> in-app delivery visible p95`,
            value: percentile(latency, 95),
            unit: "ms",
            target: 2_000,
            better: "lower",
          },
          {
            metric: `${driver}: deliveries sent (${ASSIGNMENTS * CHANNELS.length}, first commit -> last sent)`,
            value: Math.round(deliveryRate),
            unit: "deliveries/s",
            better: "higher",
          },
          {
            metric: `${driver}: ceiling: no-op function on ${ASSIGNMENTS} assignments (first commit -> last run completed)`,
            value: Math.round(ceiling),
            unit: "runs/s",
            better: "higher",
          },
          {
            // Per event, like for like: an assignment is fully delivered once both its deliveries are.
            metric: `${driver}: assignments fully delivered/s / no-op runs/s (same run)`,
            value: ratio(deliveryRate / CHANNELS.length, ceiling),
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
      await resend.close();
    }
  },
};

export default benchmark;
