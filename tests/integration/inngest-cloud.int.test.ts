import { Inngest, NonRetriableError } from "inngest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitFor } from "../support/wait-for";
import { type CloudHarness, SIGNING_KEY, startCloudHarness } from "./inngest-cloud-harness";

/**
 * Cloud mode end to end, with Inngest played by the fake: the app's serve route registers its
 * functions (bearer: the hashed signing key), the relay hands committed events to the fake through
 * the app's own client (event key checked by its hash), and the fake calls the serve route back,
 * signed with INNGEST_SIGNING_KEY, through the functions' step ops and retries.
 */
let cloud: CloudHarness;

/** A second app's functions, served from the same test server at /test/inngest: failures on purpose. */
let flakyCalls = 0;
const counted: string[] = [];

beforeAll(async () => {
  cloud = await startCloudHarness((testClient) => [
    testClient.createFunction(
      { id: "flaky", retries: 2, triggers: [{ event: "test/flaky" }] },
      async ({ step, attempt }) => {
        const first = await step.run("first", () => "memoized");
        flakyCalls++;
        if (attempt < 2) throw new Error(`attempt ${attempt} fails`);
        return { first, attempt };
      },
    ),
    testClient.createFunction(
      { id: "refuses", retries: 3, triggers: [{ event: "test/refuses" }] },
      async () => {
        throw new NonRetriableError("nothing to retry");
      },
    ),
    testClient.createFunction({ id: "counted", triggers: [{ event: "test/counted" }] }, async ({ event }) => {
      counted.push(event.id ?? "");
      return null;
    }),
  ]);
});
afterAll(() => cloud?.close());

const runsOf = (functionId: string) => cloud.runsOf(functionId);

it("PUT /api/inngest registers every function with its triggers", async () => {
  const { automationMode } = await import("@/server/env");
  expect(automationMode()).toBe("inngest");
  const { functions } = await import("@/inngest/functions");
  const registration = cloud.fake.registrations.find((item) => item.appName === "assetronics");
  expect(registration?.url).toBe(`${cloud.url}/api/inngest`);

  const registered = new Map(registration?.functions.map((fn) => [fn.id, fn.triggers]));
  expect(functions.length).toBeGreaterThan(0);
  // Inngest's registration names a trigger's condition `expression` (the function's `if`).
  const asRegistered = (trigger: Record<string, unknown>) => {
    const { if: expression, ...rest } = trigger;
    return expression === undefined ? rest : { ...rest, expression };
  };
  for (const fn of functions) {
    const config = fn.opts as { id: string; triggers?: Record<string, unknown>[] };
    expect(registered.get(`assetronics-${config.id}`), config.id).toEqual(config.triggers?.map(asRegistered));
  }
  // A condition reaches Inngest Cloud: the new-hire notice runs only for an integration's creations.
  expect(registered.get("assetronics-notify-new-hire-synced")).toEqual([
    { event: "employee.created", expression: "event.data.actor.type == 'integration'" },
  ]);
});

it("a committed event reaches Inngest through the relay and runs the app's function through signed calls", async () => {
  const { createTestTenant } = await import("../factories/tenants");
  const { tenant } = await createTestTenant(cloud.db);
  await cloud.relayAll();
  await cloud.fake.settled();

  const [run] = runsOf("assetronics-provision-tenant-defaults").filter(
    (item) => (item.event.data as { tenantId?: string }).tenantId === tenant.id,
  );
  expect(run?.status).toBe("completed");
  // The step ran in one call, its result was memoized, and the function finished in the next.
  expect(run?.calls.map((call) => call.status)).toEqual([206, 200]);
  const { withTenant } = await import("@/server/db");
  const departments = await withTenant(cloud.db, tenant.id, (trx) =>
    trx.selectFrom("departments").select("id").execute(),
  );
  expect(departments.length).toBeGreaterThan(0);
});

it("retries a failing function as Inngest does, with its steps memoized, and honours NonRetriableError", async () => {
  const { inngest } = await import("@/inngest/client");
  await inngest.send([
    { name: "test/flaky", data: {} },
    { name: "test/refuses", data: {} },
  ]);
  await waitFor(
    "both runs",
    async () => runsOf("cloud-test-flaky").length + runsOf("cloud-test-refuses").length === 2,
  );

  const [flaky] = runsOf("cloud-test-flaky");
  expect(flaky).toMatchObject({ status: "completed", output: { first: "memoized", attempt: 2 } });
  expect(flaky?.calls.map((call) => [call.attempt, call.status])).toEqual([
    [0, 206],
    [0, 500],
    [1, 500],
    [2, 200],
  ]);
  expect(flakyCalls).toBe(3);
  const [refused] = runsOf("cloud-test-refuses");
  expect(refused?.status).toBe("failed");
  expect(refused?.calls).toHaveLength(1);
});

it("the serve route refuses calls not signed with INNGEST_SIGNING_KEY", async () => {
  const { inngest } = await import("@/inngest/client");
  cloud.fake.signRunsWith("signkey-test-ffffffffffffffffffffffffffffffff");
  try {
    await inngest.send({ name: "test/counted", data: {} });
    await waitFor("the run", async () => runsOf("cloud-test-counted").length === 1);
  } finally {
    cloud.fake.signRunsWith(SIGNING_KEY);
  }
  const [run] = runsOf("cloud-test-counted");
  expect(run?.status).toBe("failed");
  expect(new Set(run?.calls.map((call) => call.status))).toEqual(new Set([401]));
  expect(counted).toEqual([]);
});

it("checks keys by their hash and de-duplicates an event id for 24 hours, not forever", async () => {
  const wrongKey = new Inngest({
    id: "cloud-test",
    eventKey: "not-the-key",
    baseUrl: cloud.fake.url,
    isDev: false,
  });
  await expect(wrongKey.send({ name: "test/counted", data: {} })).rejects.toThrow(/401/);
  const register = await fetch(new URL("fn/register", cloud.fake.url), {
    method: "POST",
    headers: { authorization: `Bearer ${SIGNING_KEY}` },
    body: "{}",
  });
  expect(register.status, "the raw signing key is not the bearer token").toBe(401);

  const { inngest } = await import("@/inngest/client");
  const event = { id: "counted-once", name: "test/counted", data: {} };
  await inngest.send(event);
  await inngest.send(event);
  await cloud.fake.settled();
  expect(counted).toEqual(["counted-once"]);

  cloud.fake.advanceClock(24 * 60 * 60 * 1000 + 1);
  await inngest.send(event);
  await cloud.fake.settled();
  expect(counted).toEqual(["counted-once", "counted-once"]);
});
