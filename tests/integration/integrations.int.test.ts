import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { withPlatform, withTenant } from "@/server/db";
import { guardedFetch, isPrivateAddress } from "@/server/integrations/guarded-fetch";
import { IntegrationError } from "@/server/integrations/hris/adapter";
import { announceRun } from "@/server/integrations/live";
import { dueScheduledSyncs } from "@/server/integrations/queries";
import { runProgressStream } from "@/server/integrations/run-stream";
import { requestSync } from "@/server/integrations/services/request-sync";
import { testConnection } from "@/server/integrations/services/test-connection";
import { updateIntegration } from "@/server/integrations/services/update-integration";
import { bambooInput, scriptedProvider } from "../factories/integrations";
import { callerFor } from "../factories/isolation";
import { asSystem, asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await useTestDatabase();
});
afterAll(() => handle.close());

async function world() {
  const { tenant, admin } = await createTestTenant(handle.db);
  const auditor = await createTestUser(handle.db, tenant, "auditor");
  const staff = await createTestUser(handle.db, tenant, "it_staff");
  return { tenant, admin: admin as TestUser, auditor, staff };
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError & { cause?: { details?: Record<string, unknown> } };
};

describe("integration settings", () => {
  it("seals the credentials: the database holds ciphertext, the page only a hint", async () => {
    const { admin } = await world();
    const api = callerFor(admin);
    const { id } = await api.integrations.create({ ...bambooInput("BambooHR"), schedule: "daily" });

    const row = await withTenant(handle.db, admin.tenantId, (trx) =>
      trx.selectFrom("integrations").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
    );
    expect(row.credentials_sealed).not.toContain("bamboo-secret-key");
    expect(row.credentials_sealed).toMatch(/^v1:/);

    const detail = await api.integrations.get({ id });
    expect(detail).toMatchObject({
      name: "BambooHR",
      providerLabel: "BambooHR",
      schedule: "daily",
      fieldPolicy: "provider_wins",
      options: { companyDomain: "acme" },
      credentialHints: { apiKey: "••••cdef" },
      runningRunId: null,
    });
    expect(JSON.stringify(await api.integrations.list())).not.toContain("bamboo-secret-key");
    expect((await api.integrations.list())[0]).toMatchObject({
      name: "BambooHR",
      health: "never_run",
      lastRun: null,
    });

    const events = await withTenant(handle.db, admin.tenantId, (trx) =>
      trx.selectFrom("events").select(["name", "data"]).where("entity_id", "=", id).execute(),
    );
    expect(events.map((event) => event.name)).toEqual(["integration.created"]);
    expect(JSON.stringify(events)).not.toContain("bamboo-secret-key");
  });

  it("names the missing field, and refuses a name already taken", async () => {
    const { admin } = await world();
    const api = callerFor(admin);
    const missing = await refusal(api.integrations.create({ ...bambooInput(), credentials: { apiKey: "" } }));
    expect(missing.code).toBe("BAD_REQUEST");
    expect(missing.message).toBe("Enter the api key.");
    expect(missing.cause?.details?.field).toBe("credentials.apiKey");

    await api.integrations.create(bambooInput("HR"));
    const taken = await refusal(api.integrations.create(bambooInput("hr")));
    expect(taken.code).toBe("CONFLICT");
    expect(taken.cause?.details?.field).toBe("name");
  });

  it("replaces only the credentials given, and records their names, never their values", async () => {
    const { admin } = await world();
    const provider = scriptedProvider([]);
    const { id } = await callerFor(admin).integrations.create(bambooInput());
    await asUser(handle.db, admin, (scope) =>
      updateIntegration(scope, provider.runtime, { id, credentials: { apiKey: "replacement-key-zzzz9999" } }),
    );
    expect((await callerFor(admin).integrations.get({ id })).credentialHints).toEqual({ apiKey: "••••9999" });
    const updated = await withTenant(handle.db, admin.tenantId, (trx) =>
      trx
        .selectFrom("events")
        .select("data")
        .where("entity_id", "=", id)
        .where("name", "=", "integration.updated")
        .executeTakeFirstOrThrow(),
    );
    expect(updated.data).toMatchObject({ credentialsReplaced: ["apiKey"] });
    expect(JSON.stringify(updated.data)).not.toContain("replacement-key");
  });

  it("lets auditors read and only admins change", async () => {
    const { admin, auditor, staff } = await world();
    const { id } = await callerFor(admin).integrations.create(bambooInput());
    expect(await callerFor(auditor).integrations.list()).toHaveLength(1);
    expect((await refusal(callerFor(auditor).integrations.syncNow({ id }))).code).toBe("FORBIDDEN");
    expect((await refusal(callerFor(staff).integrations.list())).code).toBe("FORBIDDEN");
  });

  it("refuses a second Sync now while one is queued, naming when it started", async () => {
    const { admin } = await world();
    const api = callerFor(admin);
    const { id } = await api.integrations.create(bambooInput("Payroll HR"));
    const first = await api.integrations.syncNow({ id });
    const second = await refusal(api.integrations.syncNow({ id }));
    expect(second.code).toBe("CONFLICT");
    expect(second.message).toMatch(/^A sync of Payroll HR is already running \(started .+\)\.$/);
    expect((await api.integrations.get({ id })).runningRunId).toBe(first.runId);
    expect((await api.integrations.list())[0]?.running).toBe(true);
    const runs = await api.integrations.runs({ id });
    expect(runs.items.map((run) => [run.id, run.status, run.trigger, run.mode])).toEqual([
      [first.runId, "queued", "manual", "full"],
    ]);
  });

  it("does not sync a disabled integration", async () => {
    const { admin } = await world();
    const api = callerFor(admin);
    const { id } = await api.integrations.create(bambooInput("Okta-ish"));
    await api.integrations.setEnabled({ id, enabled: false });
    expect((await api.integrations.list())[0]?.health).toBe("disabled");
    expect((await refusal(api.integrations.syncNow({ id }))).message).toBe(
      "Okta-ish is disabled. Enable it to sync.",
    );
  });

  it("removes an integration; the employees it brought stay as manual records", async () => {
    const { admin } = await world();
    const api = callerFor(admin);
    const { id } = await api.integrations.create(bambooInput());
    await api.integrations.remove({ id });
    expect(await api.integrations.list()).toEqual([]);
    expect((await refusal(api.integrations.get({ id }))).code).toBe("NOT_FOUND");
  });
});

describe("SSRF guard", () => {
  it("refuses a base URL on a private or loopback address unless allowed", async () => {
    const { admin } = await world();
    const api = callerFor(admin);
    const loopback = await refusal(
      api.integrations.create({
        ...bambooInput(),
        options: { companyDomain: "acme", baseUrl: "http://127.0.0.1:3199/bamboohr" },
      }),
    );
    expect(loopback.message).toBe(
      "127.0.0.1 is a private address; set INTEGRATIONS_ALLOW_PRIVATE_HOSTS=true to allow it.",
    );
    expect(loopback.cause?.details?.field).toBe("options.baseUrl");
    const plain = await refusal(
      api.integrations.create({
        ...bambooInput(),
        options: { companyDomain: "acme", baseUrl: "http://hr.example.com" },
      }),
    );
    expect(plain.message).toMatch(/must be reached over https/);

    const tested = await api.integrations.testConnection({
      provider: "bamboohr",
      credentials: { apiKey: "k" },
      options: { companyDomain: "acme", baseUrl: "https://10.1.2.3/api" },
    });
    expect(tested).toEqual({
      ok: false,
      kind: "invalid",
      message: "10.1.2.3 is a private address; set INTEGRATIONS_ALLOW_PRIVATE_HOSTS=true to allow it.",
    });
  });

  it("checks every request and redirect, including names that resolve to private addresses", async () => {
    const calls: string[] = [];
    const base = (async (url: URL | string) => {
      calls.push(String(url));
      if (String(url).startsWith("https://public.example.com/start"))
        return new Response(null, {
          status: 302,
          headers: { location: "https://internal.example.com/admin" },
        });
      return new Response("{}", { status: 200 });
    }) as typeof fetch;
    const resolve = async (host: string) =>
      host === "internal.example.com" ? ["10.0.0.5"] : ["93.184.216.34"];
    const guarded = guardedFetch({ allowPrivateHosts: false, resolve }, base);

    expect((await guarded("https://public.example.com/ok")).status).toBe(200);
    await expect(guarded("https://public.example.com/start")).rejects.toThrow(
      "internal.example.com is a private address; set INTEGRATIONS_ALLOW_PRIVATE_HOSTS=true to allow it.",
    );
    await expect(guarded("https://169.254.169.254/latest/meta-data")).rejects.toBeInstanceOf(
      IntegrationError,
    );
    expect(calls).toEqual(["https://public.example.com/ok", "https://public.example.com/start"]);

    const allowed = guardedFetch({ allowPrivateHosts: true, resolve }, base);
    expect((await allowed("http://127.0.0.1:3199/x")).status).toBe(200);
    expect(isPrivateAddress("::ffff:192.168.1.1")).toBe(true);
    expect(isPrivateAddress("8.8.8.8")).toBe(false);
  });
});

describe("test connection", () => {
  it("answers with the provider's sentence, or what went wrong for an admin to act on", async () => {
    const { admin } = await world();
    const provider = scriptedProvider([]);
    const { id } = await callerFor(admin).integrations.create(bambooInput());
    const inTenant = <T>(work: Parameters<typeof asUser<T>>[2]) => asUser(handle.db, admin, work);
    expect(await testConnection(inTenant, provider.runtime, { id })).toEqual({
      ok: true,
      detail: "Connected to BambooHR company acme: 3 current employees visible.",
    });
    provider.setTestFault(() => {
      throw new IntegrationError("auth", 'BambooHR rejected the API key for "acme".', { status: 401 });
    });
    expect(await testConnection(inTenant, provider.runtime, { id })).toEqual({
      ok: false,
      kind: "auth",
      message: 'The credentials were rejected. BambooHR rejected the API key for "acme".',
    });
    provider.setTestFault(() => {
      throw new IntegrationError("permission", "The key may not run reports.", { status: 403 });
    });
    expect(await testConnection(inTenant, provider.runtime, { id })).toMatchObject({
      ok: false,
      kind: "permission",
      message: expect.stringMatching(/^The credentials work but lack a permission or scope/),
    });
  });
});

describe("live progress", () => {
  it("streams the run's summary on connect, after each committed page, and at the end, then closes", async () => {
    const { admin } = await world();
    const api = callerFor(admin);
    const { id } = await api.integrations.create(bambooInput());
    const { runId } = await api.integrations.syncNow({ id });
    const stream = runProgressStream(handle.db, admin.tenantId, runId, new AbortController().signal);
    const reader = stream.getReader();
    const next = async () => {
      const { value, done } = await reader.read();
      if (done) return null;
      return JSON.parse(
        new TextDecoder()
          .decode(value)
          .replace(/^data: /, "")
          .trim(),
      );
    };
    expect(await next()).toMatchObject({ id: runId, status: "queued", pages: 0 });

    const step = (set: Record<string, unknown>) =>
      withTenant(handle.db, admin.tenantId, async (trx) => {
        await trx.updateTable("integration_runs").set(set).where("id", "=", runId).execute();
        await announceRun(trx, runId);
      });
    await step({ status: "running", started_at: new Date(), pages: 1, added: 500, total: 900 });
    expect(await next()).toMatchObject({ status: "running", pages: 1, added: 500, total: 900 });
    await step({ status: "succeeded", finished_at: new Date(), pages: 2, added: 900 });
    expect(await next()).toMatchObject({
      status: "succeeded",
      pages: 2,
      added: 900,
      durationMs: expect.any(Number),
    });
    expect(await reader.read()).toEqual({ value: undefined, done: true });
  });
});

describe("schedule", () => {
  it("finds enabled hourly and daily integrations with no recent run; a scheduled request queues one run", async () => {
    const { admin } = await world();
    const api = callerFor(admin);
    const hourly = await api.integrations.create({ ...bambooInput("Hourly"), schedule: "hourly" });
    const daily = await api.integrations.create({ ...bambooInput("Daily"), schedule: "daily" });
    const manual = await api.integrations.create({ ...bambooInput("Manual"), schedule: "manual" });
    const off = await api.integrations.create({ ...bambooInput("Off"), schedule: "hourly" });
    await api.integrations.setEnabled({ id: off.id, enabled: false });
    const dueHere = async () =>
      (await withPlatform(handle.db, (trx) => dueScheduledSyncs(trx, 10_000)))
        .filter((row) => row.tenantId === admin.tenantId)
        .map((row) => row.id)
        .sort();
    expect(await dueHere()).toEqual([hourly.id, daily.id].sort());

    const provider = scriptedProvider([]);
    const queued = await asSystem(handle.db, admin.tenantId, (scope) =>
      requestSync(scope, provider.runtime, { integrationId: hourly.id, trigger: "schedule" }),
    );
    expect(queued?.runId).toEqual(expect.any(String));
    expect(
      await asSystem(handle.db, admin.tenantId, (scope) =>
        requestSync(scope, provider.runtime, { integrationId: hourly.id, trigger: "schedule" }),
      ),
    ).toBeNull();
    expect(await dueHere()).toEqual([daily.id]);
    expect((await api.integrations.runs({ id: hourly.id })).items[0]).toMatchObject({
      trigger: "schedule",
      requestedBy: null,
      status: "queued",
    });
    expect(manual.id).not.toEqual(off.id);
  });
});
