import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { type AppServerProcess, appServerProcess } from "./app-server-process";
import { mutate, signIn } from "./support";
import { expect, test } from "./test";

/**
 * A production server (`next start`, the embedded database in its own data dir) stopped by SIGTERM
 * while one tenant keeps it busy with the heaviest work it can start (a 50,000-row import's dry
 * run, a 3,000-label sheet, an export) exits by itself with 143, as the shutdown promises, instead
 * of ignoring the signal as a server frozen by a long piece of work did (issue 7). The next start
 * on the same data dir finds it consistent: the tenant's assets are all there and the interrupted
 * dry run carries on to its end.
 */
const PORT = Number(process.env.SHUTDOWN_PORT ?? 3210);
const AUTH_SECRET = "shutdown-secret-shutdown-secret-shutdown-0123456789";
const PASSWORD = "shutdown-password-1";
const ASSETS = 3_000;
const IMPORT_ROWS = 50_000;
/** Generous on a busy machine; what matters is that it exits by itself, with its code. */
const STOP_TIMEOUT_MS = 30_000;

test.describe.configure({ mode: "serial" });

/** The tenant and its assets, written before the server starts (one process per data dir). */
async function seed(dataDir: string): Promise<string> {
  process.env.AUTH_SECRET ??= AUTH_SECRET;
  process.env.LOG_LEVEL ??= "silent";
  const [{ openDatabase }, { migrateToLatest }, { withPlatform }, { createTenant }, { defaultStatuses }] =
    await Promise.all([
      import("@/db"),
      import("@/db/migrate"),
      import("@/server/db"),
      import("@/server/tenants/services/create-tenant"),
      import("@/server/assets/lifecycle"),
    ]);
  const handle = await openDatabase({ dataDir });
  try {
    await migrateToLatest(handle.db);
    return await withPlatform(handle.db, async (trx) => {
      const email = "admin@shutdown.test";
      const { tenant } = await createTenant(trx, {
        name: "Shutdown Corp",
        admin: { name: "Admin", email, password: PASSWORD },
        via: "seed",
      });
      if (
        (await trx.selectFrom("statuses").select("id").where("tenant_id", "=", tenant.id).execute())
          .length === 0
      )
        await trx
          .insertInto("statuses")
          .values(defaultStatuses.map((status) => ({ tenant_id: tenant.id, ...status, is_default: true })))
          .execute();
      const category = await trx
        .insertInto("categories")
        .values({ tenant_id: tenant.id, name: "Laptops", normalized_name: "laptops" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const status = await trx
        .selectFrom("statuses")
        .select("id")
        .where("tenant_id", "=", tenant.id)
        .where("kind", "=", "in_stock")
        .executeTakeFirstOrThrow();
      for (let from = 0; from < ASSETS; from += 1000) {
        await trx
          .insertInto("assets")
          .values(
            Array.from({ length: 1000 }, (_, k) => ({
              tenant_id: tenant.id,
              tag: `SD-${from + k}`,
              name: `Laptop ${from + k}`,
              category_id: category.id,
              status_id: status.id,
            })),
          )
          .execute();
      }
      return email;
    });
  } finally {
    await handle.close();
  }
}

function importFile(): string {
  const lines = ["Asset Tag,Name,Category,Cost,Notes"];
  for (let i = 0; i < IMPORT_ROWS; i++)
    lines.push(`IM-${i},Laptop ${i},Laptops,1299.00,"row ${i}, imported"`);
  return lines.join("\n");
}

type ImportView = { id: string; status: string; columns: Array<string | null>; totalRows: number };

async function importView(request: APIRequestContext, importId: string): Promise<ImportView> {
  const input = encodeURIComponent(JSON.stringify({ json: { importId } }));
  const response = await request.get(`/api/trpc/assets.import.get?input=${input}`);
  expect(response.status()).toBe(200);
  return (await response.json()).result.data.json as ImportView;
}

test("SIGTERM during the heaviest loads: the server exits with 143 and the next start carries on", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "assetronics-shutdown-load-"));
  const server: AppServerProcess = appServerProcess({
    port: PORT,
    dataDir,
    authSecret: AUTH_SECRET,
    stopTimeoutMs: STOP_TIMEOUT_MS,
  });
  try {
    const email = await seed(dataDir);
    await server.start();
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await signIn(page, email, PASSWORD);

    const uploaded = await mutate<ImportView>(page.request, "assets.import.upload", {
      fileName: "shutdown.csv",
      content: importFile(),
    });
    await mutate(page.request, "assets.import.validate", {
      importId: uploaded.id,
      columns: uploaded.columns,
    });
    // Heavy downloads in flight when the signal comes (they may end either way).
    const inFlight = [
      page.request.get("/api/assets/labels?size=avery-5160", { timeout: 120_000 }).catch(() => null),
      page.request.get("/api/assets/export", { timeout: 120_000 }).catch(() => null),
    ];
    // The dry run has started (or, on a fast machine, even finished) when the signal comes.
    await expect
      .poll(async () => (await importView(page.request, uploaded.id)).status)
      .toMatch(/^(validating|validated)$/);

    const stopped = await server.stop();
    expect(stopped, server.output()).toEqual({ code: 143, killed: false });
    await Promise.all(inFlight);
    await context.close();

    await server.start();
    const again = await browser.newContext({ baseURL: server.url });
    const next = await again.newPage();
    await signIn(next, email, PASSWORD);
    const input = encodeURIComponent(JSON.stringify({ json: {} }));
    const list = await next.request.get(`/api/trpc/assets.list?input=${input}`);
    expect(list.status()).toBe(200);
    expect((await list.json()).result.data.json.total).toBe(ASSETS);
    await expect
      .poll(async () => importView(next.request, uploaded.id), { timeout: 180_000, intervals: [1_000] })
      .toMatchObject({ status: "validated", totalRows: IMPORT_ROWS });
    await again.close();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
