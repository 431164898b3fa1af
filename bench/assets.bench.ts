import { type RawBuilder, sql } from "kysely";
import { categories } from "../db/demo/catalog";
import { lastNames } from "../db/demo/people";
import { createRandom, type Random } from "../db/demo/random";
import { assetIdHasCode } from "../server/assets/code-lookup";
import { getAssetDetail, getAssetHistory } from "../server/assets/detail";
import type { StatusKind } from "../server/assets/lifecycle";
import { countAssets, listAssets } from "../server/assets/list/queries";
import { AssetListInput, type assetSorts } from "../server/assets/list/schemas";
import { assetActivity, assetOverview } from "../server/dashboard/queries";
import { type Db, withPlatform, withTenant } from "../server/db";
import { assetPageCeiling, listPageCeiling, type ParsedListInput, statusIdsByKind } from "./assets-ceiling";
import { type BenchTenant, createBenchTenant, type TenantSize } from "./assets-dataset";
import { openBenchDatabase } from "./bench-database";
import {
  type AgainstCeiling,
  type Benchmark,
  type Metric,
  percentile,
  ratio,
  sample,
  sampleAgainstCeiling,
  scaled,
} from "./harness";

/**
 * PostgreSQL gets the full-size tenant; the embedded PGlite a fifth of it (targets apply to
 * PostgreSQL only). BENCH_SCALE shrinks both.
 */
const sizes = {
  postgres: {
    main: { assets: 100_000, employees: 10_000, locations: 60 },
    other: { assets: 20_000, employees: 2_000, locations: 30 },
    iterations: 400,
  },
  pglite: {
    main: { assets: 20_000, employees: 2_000, locations: 30 },
    other: { assets: 4_000, employees: 400, locations: 10 },
    iterations: 150,
  },
} satisfies Record<string, { main: TenantSize; other: TenantSize; iterations: number }>;
const OTHER_TENANTS = 4;
const TARGET_MS = 25;
/** Draws per operation whose app result and ceiling result must be the same rows before sampling. */
const SAME_ROWS_CHECKS = 5;

const scaledTenant = (size: TenantSize): TenantSize => ({
  // at least 1,000 assets: ten with a long history
  assets: scaled(size.assets, 1_000),
  employees: scaled(size.employees, 100),
  locations: size.locations,
});

/** What users filter on, roughly how often: mostly the working statuses. */
const kindMix: Array<readonly [StatusKind, number]> = [
  ["assigned", 3],
  ["in_stock", 3],
  ["in_repair", 1],
  ["on_order", 1],
  ["retired", 1],
  ["lost", 0.5],
  ["stolen", 0.5],
];
const sortMix: Array<readonly [(typeof assetSorts)[number], number]> = [
  ["created", 5],
  ["name", 1.5],
  ["warranty_end", 1.5],
  ["tag", 1],
  ["purchase_date", 1],
];
/** Mostly the first page, sometimes a few pages in, rarely deep. */
const pageOf = (random: Random) =>
  random.weighted([
    [1, 14],
    [random.int(2, 5), 5],
    [random.int(6, 20), 1],
  ] as const);

/** Words of the model names ("latitude", "macbook", "u2723qe"...): what people type to find a kind of device. */
const nameWords = [
  ...new Set(
    categories.flatMap((category) =>
      category.models.flatMap((model) =>
        `${model.manufacturer} ${model.name}`
          .toLowerCase()
          .split(/\s+/)
          .filter((word) => word.length >= 4),
      ),
    ),
  ),
];

type Samples = { serials: string[]; assetIds: string[]; longHistoryIds: string[] };

async function samplesOf(db: Db, tenant: BenchTenant): Promise<Samples> {
  return withPlatform(db, async (trx) => {
    const pick = (where: RawBuilder<unknown>) =>
      sql<{ id: string; serial: string }>`
        select id, serial from assets where tenant_id = ${tenant.id} and ${where} order by md5(id::text) limit 500`.execute(
        trx,
      );
    const all = await pick(sql`true`);
    const long = await pick(sql`split_part(tag, '-', 2)::int % 100 = 0`);
    return {
      serials: all.rows.map((row) => row.serial),
      assetIds: all.rows.map((row) => row.id),
      longHistoryIds: long.rows.map((row) => row.id),
    };
  });
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * The app's figures, its ceiling's beside them, and the ratio of their p95s: the figure that
 * stays put when the machine is busy (an app 3x its ceiling is 3x on an idle machine too).
 */
function againstCeilingMetricsOf(
  driver: string,
  label: string,
  { app, ceiling }: AgainstCeiling,
  target?: number,
): Metric[] {
  return [
    ...metricsOf(driver, label, app, target),
    {
      metric: `${driver}: ${label} ceiling p50`,
      value: percentile(ceiling, 50),
      unit: "ms",
      better: "lower",
    },
    {
      metric: `${driver}: ${label} ceiling p95`,
      value: percentile(ceiling, 95),
      unit: "ms",
      better: "lower",
    },
    {
      metric: `${driver}: ${label} p95 ratio app/ceiling`,
      value: ratio(percentile(app, 95), percentile(ceiling, 95)),
      unit: "x",
      better: "lower",
    },
  ];
}

function metricsOf(driver: string, label: string, durations: number[], target?: number): Metric[] {
  return [
    { metric: `${driver}: ${label} p50`, value: percentile(durations, 50), unit: "ms", better: "lower" },
    {
      metric: `${driver}: ${label} p95`,
      value: percentile(durations, 95),
      unit: "ms",
      better: "lower",
      ...(target === undefined ? {} : { target }),
    },
  ];
}

/**
 * The asset list, search and asset page through the app's own functions (server/assets/list/,
 * detail.ts) in tenant transactions (SET LOCAL ROLE + RLS), on a tenant of 100k assets and ~1M
 * history entries beside 4 tenants of 20k, with parameters drawn at random each iteration. The
 * list, searches and asset page are sampled alternately with their ceilings (bench/assets-ceiling.ts)
 * on the same parameters.
 */
const benchmark: Benchmark = {
  name: "assets",
  description:
    "asset list, search and asset page on a large tenant (100k assets / 1M history entries on PostgreSQL, a fifth on PGlite)",
  async run() {
    const database = await openBenchDatabase("assets");
    try {
      const { db } = database.handle;
      const driver = database.driver;
      const size = {
        main: scaledTenant(sizes[driver].main),
        other: scaledTenant(sizes[driver].other),
        iterations: scaled(sizes[driver].iterations, 20),
      };
      const built = performance.now();
      const main = await createBenchTenant(db, "Main", size.main);
      for (let t = 0; t < OTHER_TENANTS; t++) await createBenchTenant(db, `Other ${t}`, size.other);
      // what autovacuum does on a settled table: statistics and the visibility map
      await sql`vacuum analyze`.execute(db);
      const buildSeconds = (performance.now() - built) / 1000;
      const samples = await samplesOf(db, main);
      const random = createRandom(7);
      const n = size.iterations;
      const asTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db, main.id, fn);
      const list = (input: AssetListInput) => asTenant((trx) => listAssets(trx, main.id, input));
      const byKind = await statusIdsByKind(db, main.id);

      /**
       * Checks on a few draws that the ceiling returns the app's rows (a ratio to another page
       * would mean nothing), then samples the two alternately on the same parameters.
       */
      const againstCeiling = async <P>(
        label: string,
        draw: () => P,
        app: (params: P) => Promise<string[]>,
        ceiling: (params: P) => Promise<string[]>,
      ) => {
        for (let i = 0; i < SAME_ROWS_CHECKS; i++) {
          const params = draw();
          const [ours, raw] = [await app(params), await ceiling(params)];
          if (ours.join() !== raw.join())
            throw new Error(
              `${label}: the ceiling's rows differ from the app's for ${JSON.stringify(params)}`,
            );
        }
        return sampleAgainstCeiling(n, draw, app, ceiling);
      };
      const listAgainstCeiling = (label: string, draw: () => AssetListInput) =>
        againstCeiling(
          label,
          (): ParsedListInput => AssetListInput.parse(draw()),
          async (input) => (await list(input)).items.map((item) => item.id),
          (input) => listPageCeiling(db, main.id, input, byKind),
        );

      const oneFilter = (): AssetListInput => {
        const sort = random.weighted(sortMix);
        const common = {
          sort,
          dir: random.chance(0.7) ? ("desc" as const) : ("asc" as const),
          page: pageOf(random),
        };
        const filter = random.weighted([
          ["kind", 6],
          ["category", 3],
          ["location", 1],
        ] as const);
        if (filter === "kind") return { ...common, kinds: [random.weighted(kindMix)] };
        if (filter === "category") return { ...common, categoryIds: [random.pick(main.categoryIds)] };
        return { ...common, locationId: random.pick(main.locationIds) };
      };
      const tagQuery = () => {
        const tag = `AST-${String(random.int(1, main.assets)).padStart(6, "0")}`;
        return random.chance(0.5) ? tag : tag.slice(4);
      };
      const serialQuery = () => {
        const serial = random.pick(samples.serials);
        return random.chance(0.5) ? serial : serial.slice(0, 6);
      };

      const filtered = await listAgainstCeiling("list, one filter", oneFilter);
      const unfiltered = await listAgainstCeiling("list, no filter", () => ({ page: pageOf(random) }));
      const byTag = await listAgainstCeiling("search by tag", () => ({ q: tagQuery() }));
      const bySerial = await listAgainstCeiling("search by serial", () => ({ q: serialQuery() }));
      const byName = await listAgainstCeiling("search by name", () => ({ q: random.pick(nameWords) }));
      const byHolder = await listAgainstCeiling("search by holder", () => ({ q: random.pick(lastNames) }));
      const short = await listAgainstCeiling("search, 1-2 characters", () => ({
        q: random.pick([..."0123456789abcdef"]).repeat(random.int(1, 2)),
      }));
      const nameAndKind = await listAgainstCeiling("search by name + status kind", () => ({
        q: random.pick(nameWords),
        kinds: [random.weighted(kindMix)],
      }));
      const broadCount = await sample(n, () =>
        asTenant((trx) =>
          countAssets(trx, main.id, { kinds: [random.pick(["assigned", "in_stock"] as const)] }),
        ),
      );
      const narrowCount = await sample(n, () =>
        asTenant((trx) => countAssets(trx, main.id, { locationId: random.pick(main.locationIds) })),
      );
      const assetPage = async (id: string) => {
        await asTenant((trx) => getAssetDetail(trx, main.id, id));
        const history = await asTenant((trx) => getAssetHistory(trx, main.id, id));
        return history.map((entry) => entry.id);
      };
      const assetPageAgainstCeiling = (label: string, ids: string[]) =>
        againstCeiling(
          label,
          () => random.pick(ids),
          assetPage,
          (id) => assetPageCeiling(db, main.id, id),
        );
      const longPage = await assetPageAgainstCeiling("asset page, long history", samples.longHistoryIds);
      const typicalPage = await assetPageAgainstCeiling("asset page, typical", samples.assetIds);
      // A physical audit's scan and the serial check on create/edit: one exact tag or serial, any case.
      const byCode = await sample(n, () =>
        asTenant((trx) =>
          trx
            .selectFrom("assets")
            .select(["id", "tag"])
            .where("tenant_id", "=", main.id)
            .where(
              assetIdHasCode(
                random.chance(0.5)
                  ? `ast-${String(random.int(1, main.assets)).padStart(6, "0")}`
                  : random.pick(samples.serials).toLowerCase(),
              ),
            )
            .limit(1)
            .execute(),
        ),
      );
      // The dashboard: a grouped pass over the fleet, and 12 weeks of history by type.
      const dashboardRuns = Math.max(20, Math.floor(n / 10));
      const fleet = await sample(dashboardRuns, () => asTenant((trx) => assetOverview(trx, main.id)));
      const activity = await sample(dashboardRuns, () => asTenant((trx) => assetActivity(trx, main.id)));

      const target = driver === "postgres" ? TARGET_MS : undefined;
      const dataset = `${main.assets.toLocaleString("en")} assets / ${main.transactions.toLocaleString("en")} entries`;
      return [
        {
          metric: `${driver}: dataset build (${dataset} + ${OTHER_TENANTS} tenants)`,
          value: round(buildSeconds),
          unit: "s",
          better: "lower",
        },
        ...againstCeilingMetricsOf(driver, "list, one filter + sort", filtered, target),
        ...againstCeilingMetricsOf(driver, "list, no filter", unfiltered),
        ...againstCeilingMetricsOf(driver, "search by tag", byTag, target),
        ...againstCeilingMetricsOf(driver, "search by serial", bySerial, target),
        ...againstCeilingMetricsOf(driver, "search by name (substring)", byName, target),
        ...againstCeilingMetricsOf(driver, "search by holder name", byHolder),
        ...againstCeilingMetricsOf(driver, "search, 1-2 characters (tag/serial prefix)", short),
        ...againstCeilingMetricsOf(driver, "search by name + status kind", nameAndKind),
        ...metricsOf(driver, "count, 10k+ matches (capped)", broadCount),
        ...metricsOf(driver, "count, one location", narrowCount),
        ...againstCeilingMetricsOf(
          driver,
          "asset page, 260-entry history (detail + 200 latest)",
          longPage,
          target,
        ),
        ...againstCeilingMetricsOf(driver, "asset page, typical asset", typicalPage),
        ...metricsOf(driver, "exact tag or serial, any case (audit scan, serial check)", byCode),
        ...metricsOf(driver, "dashboard: fleet overview (cards, status and category charts)", fleet),
        ...metricsOf(driver, "dashboard: activity, 12 weeks by type", activity),
      ];
    } finally {
      await database.close();
    }
  },
};

export default benchmark;
