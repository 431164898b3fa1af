import { type Db, withTenant } from "@/server/db";
import type { HrisAdapter, HrisPerson, PulledRecord } from "@/server/integrations/hris/adapter";
import type { IntegrationRuntime } from "@/server/integrations/runtime";
import type { Caller } from "./isolation";

/** A person as a provider would describe them, with defaults for what a test does not care about. */
export function person(externalId: string, overrides: Partial<HrisPerson> = {}): HrisPerson {
  return {
    externalId,
    employeeNumber: null,
    firstName: `First${externalId}`,
    lastName: `Last${externalId}`,
    workEmail: `person${externalId}@example.test`,
    personalEmail: null,
    phone: null,
    title: "Analyst",
    department: null,
    organization: null,
    location: null,
    managerExternalId: null,
    hireDate: "2020-01-06",
    terminationDate: null,
    status: "active",
    ...overrides,
  };
}

export const ok = (p: HrisPerson): PulledRecord => ({ ok: true, person: p });

type Pull = { cursor: string | null; since: Date | null };

/**
 * An in-test provider: `pages` served one per call (the cursor is the next page's index), with
 * `fault` called before each pull to throw an IntegrationError when a test wants one. `pulls` logs
 * each call's cursor and since, so a test sees which pages were pulled again.
 */
export function scriptedProvider(initial: PulledRecord[][]) {
  let pages = initial;
  const pulls: Pull[] = [];
  let fault: (pull: Pull, call: number) => void = () => undefined;
  let testFault: () => void = () => undefined;
  const adapter: HrisAdapter = {
    provider: "bamboohr",
    label: "BambooHR",
    credentialFields: [{ name: "apiKey", label: "API key", secret: true, required: true, help: "" }],
    optionFields: [
      { name: "companyDomain", label: "Company domain", secret: false, required: true, help: "" },
      { name: "baseUrl", label: "Base URL", secret: false, required: false, help: "" },
    ],
    incremental: true,
    async testConnection() {
      testFault();
      return { detail: "Connected to BambooHR company acme: 3 current employees visible." };
    },
    async pullPage(request) {
      const pull = { cursor: request.cursor, since: request.since };
      pulls.push(pull);
      fault(pull, pulls.length);
      const index = request.cursor === null ? 0 : Number(request.cursor);
      const records = pages[index] ?? [];
      return {
        records,
        next: index + 1 < pages.length ? String(index + 1) : null,
        total: pages.flat().length,
      };
    },
  };
  const runtime: IntegrationRuntime = {
    adapterFor: () => adapter,
    fetch: () => Promise.reject(new Error("the scripted provider makes no HTTP calls")),
    allowPrivateHosts: false,
  };
  return {
    adapter,
    runtime,
    pulls,
    setPages: (next: PulledRecord[][]) => {
      pages = next;
    },
    setFault: (next: typeof fault) => {
      fault = next;
    },
    setTestFault: (next: () => void) => {
      testFault = next;
    },
  };
}

export const bambooInput = (name = `BambooHR ${Math.random().toString(36).slice(2, 8)}`) => ({
  provider: "bamboohr" as const,
  name,
  credentials: { apiKey: "bamboo-secret-key-0123456789abcdef" },
  options: { companyDomain: "acme" },
});

/**
 * An integration of `tenantId` named `name` (created through the router as its admin) with a failed
 * run that reported one record error: for isolation tests, one of everything integrations have.
 */
export async function seedIntegration(db: Db, caller: Caller, tenantId: string, name: string) {
  const { id } = await caller.integrations.create({
    ...bambooInput(name),
    options: { companyDomain: name.replace(/\W/g, "") },
  });
  const runId = await withTenant(db, tenantId, async (trx) => {
    const run = await trx
      .insertInto("integration_runs")
      .values({
        tenant_id: tenantId,
        integration_id: id,
        trigger: "manual",
        requested_by_label: name,
        mode: "full",
        status: "failed",
        started_at: new Date(Date.now() - 60_000),
        finished_at: new Date(),
        pages: 1,
        skipped: 1,
        cursor: "1",
        error: `${name} answered 503`,
        error_kind: "unavailable",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("integration_run_errors")
      .values({
        tenant_id: tenantId,
        run_id: run.id,
        external_id: `${name}-7`,
        reason: `${name}: no last name`,
      })
      .execute();
    return run.id;
  });
  return { id, name, runId };
}
