import { useDatabase } from "../server/db";
import type { HrisProvider } from "../server/integrations/hris/adapter";
import { startFakeBamboo } from "../tests/fakes/hris/bamboohr";
import type { FakePerson } from "../tests/fakes/hris/core";
import { startFakeOkta } from "../tests/fakes/hris/okta";
import { startFakeRippling } from "../tests/fakes/hris/rippling";
import { openBenchDatabase } from "./bench-database";
import { type Benchmark, type Metric, ratio, scaled } from "./harness";
import { benchPeople } from "./sync/dataset";
import { addIntegration, footprint, rawUpsertSeconds, runSync, seedTenant } from "./sync/rig";

const PEOPLE = scaled(10_000, 500);

/** Each provider's fake with its real page size, and what the app is given to reach it. */
const providers: Record<
  HrisProvider,
  {
    pageSize: number;
    idFor: (n: number) => string;
    start: (people: FakePerson[]) => Promise<{ url: string; close: () => Promise<void> }>;
    connection: (url: string) => { credentials: Record<string, string>; options: Record<string, string> };
  }
> = {
  // One report with everyone; the adapter hands it out 500 at a time.
  bamboohr: {
    pageSize: 500,
    idFor: (n) => String(100_000 + n),
    start: (people) => startFakeBamboo({ people, apiKey: "bench-key", companyDomain: "acme" }),
    connection: (url) => ({
      credentials: { apiKey: "bench-key" },
      options: { companyDomain: "acme", baseUrl: url },
    }),
  },
  okta: {
    pageSize: 200,
    idFor: (n) => `00u${String(n).padStart(7, "0")}`,
    start: (people) => startFakeOkta({ people, apiToken: "bench-token", rateLimit: 100_000 }),
    connection: (url) => ({
      credentials: { apiToken: "bench-token" },
      options: { orgUrl: "https://acme.okta.com", baseUrl: url },
    }),
  },
  rippling: {
    pageSize: 100,
    idFor: (n) => `w_${String(n).padStart(7, "0")}`,
    start: (people) => startFakeRippling({ people, apiToken: "bench-token" }),
    connection: (url) => ({ credentials: { apiToken: "bench-token" }, options: { baseUrl: url } }),
  },
};

const seconds = (started: number) => Math.round((performance.now() - started) / 10) / 100;

/**
 * Full sync of 10,000 employees from each fake provider over HTTP at the provider's real page
 * size (BambooHR: one report served 500 at a time; Okta: 200 per Link page; Rippling: 100 per
 * next_link), through the sync run's services as the sync function calls them (matching,
 * encryption, events, late managers). Then a full re-sync with nothing changed, which must write
 * no employee row and no event; and the ceiling: the same rows written by raw batched upserts of
 * the page size into a tenant of their own, in the same run.
 */
const benchmark: Benchmark = {
  name: "sync",
  description: `HRIS full sync of ${PEOPLE.toLocaleString("en")} employees per provider, a no-change re-sync, and a raw upsert ceiling`,
  async run() {
    const bench = await openBenchDatabase("sync");
    const { db } = bench.handle;
    // biome-ignore lint/correctness/useHookAtTopLevel: not a React hook; server code uses this database
    useDatabase(bench.handle);
    const metrics: Metric[] = [];
    const postgres = bench.driver === "postgres";
    try {
      for (const [provider, setup] of Object.entries(providers) as [
        HrisProvider,
        (typeof providers)[HrisProvider],
      ][]) {
        const people = benchPeople(PEOPLE, setup.idFor);
        const fake = await setup.start(people);
        try {
          const tenantId = await seedTenant(db, provider);
          const { credentials, options } = setup.connection(fake.url);
          const integrationId = await addIntegration(db, tenantId, provider, credentials, options);

          let started = performance.now();
          const full = await runSync(db, tenantId, integrationId, true);
          const fullSeconds = seconds(started);
          const afterFull = await footprint(db, tenantId);
          if (full.status !== "succeeded") throw new Error(`${provider}: the full sync ended ${full.status}`);
          if (afterFull.employees !== PEOPLE)
            throw new Error(`${provider}: ${afterFull.employees} employees synced of ${PEOPLE}`);

          started = performance.now();
          const again = await runSync(db, tenantId, integrationId, true);
          const resyncSeconds = seconds(started);
          const afterResync = await footprint(db, tenantId);
          if (again.status !== "succeeded") throw new Error(`${provider}: the re-sync ended ${again.status}`);
          const writes =
            Math.abs(afterResync.employees - afterFull.employees) +
            (afterResync.lastUpdate === afterFull.lastUpdate ? 0 : 1) +
            (afterResync.events - afterFull.events);

          const ceilingTenant = await seedTenant(db, `${provider}-ceiling`);
          const ceilingIntegration = await addIntegration(db, ceilingTenant, provider, credentials, options);
          const ceiling = await rawUpsertSeconds(
            db,
            ceilingTenant,
            ceilingIntegration,
            people,
            setup.pageSize,
          );

          const label = `${bench.driver}, ${provider} (${full.pages} pages of ${setup.pageSize})`;
          metrics.push(
            {
              metric: `${label}: full sync`,
              value: fullSeconds,
              unit: "s",
              better: "lower",
              ...(postgres ? { target: 10 } : {}),
            },
            {
              metric: `${label}: re-sync, nothing changed`,
              value: resyncSeconds,
              unit: "s",
              better: "lower",
              ...(postgres ? { target: 2 } : {}),
            },
            {
              metric: `${label}: re-sync writes (employee rows + events)`,
              value: writes,
              unit: "writes",
              better: "lower",
              target: 0,
            },
            {
              metric: `${label}: ceiling (raw batched upsert of the same rows)`,
              value: Math.round(ceiling * 100) / 100,
              unit: "s",
              better: "lower",
            },
            {
              metric: `${label}: ratio full sync / ceiling`,
              value: ratio(fullSeconds, ceiling),
              unit: "x",
              better: "lower",
            },
            {
              // the re-sync's 2 s target over a ceiling of ~1 s on an idle machine
              metric: `${label}: ratio no-change re-sync / ceiling`,
              value: ratio(resyncSeconds, ceiling),
              unit: "x",
              better: "lower",
              target: 2,
            },
          );
        } finally {
          await fake.close();
        }
      }
    } finally {
      await bench.close();
    }
    return metrics;
  },
};

export default benchmark;
