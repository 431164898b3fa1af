import { sql } from "kysely";
import { type Database, openDatabase } from "../db/index";
import { tenantIdsWithEvents } from "../server/audit/queries";
import { verifyAuditChain } from "../server/audit/services/verify-audit-chain";
import { PLATFORM_TENANT_ID } from "../server/context";
import type { Trx } from "../server/db";

// Verifies the audit hash chain of every tenant (and the platform's own log); exits 1 when any
// chain is broken, printing what broke, and 2 when it cannot check at all. Reads its two settings
// itself, like the other db scripts.
const handle = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.DATA_DIR ?? "./.data",
});

/**
 * server/db.ts's withPlatform(), restated because importing that module validates the whole app
 * configuration (AUTH_SECRET...), which an integrity check run by an operator must not need.
 */
const withPlatform = <T>(db: Database, fn: (trx: Trx) => Promise<T>): Promise<T> =>
  db.transaction().execute(async (trx) => {
    await sql`select set_config('app.platform', 'on', true)`.execute(trx);
    return fn(trx);
  });

let broken = 0;
let failed = false;
try {
  const logs = await withPlatform(handle.db, async (trx) => {
    const tenants = await trx.selectFrom("tenants").select(["id", "slug"]).orderBy("slug").execute();
    const heads = await trx.selectFrom("event_chain_heads").select("tenant_id").execute();
    const labels = new Map(tenants.map((tenant) => [tenant.id, tenant.slug]));
    const others = [...heads.map((head) => head.tenant_id), ...(await tenantIdsWithEvents(trx))];
    for (const tenantId of others) {
      if (!labels.has(tenantId)) {
        labels.set(tenantId, tenantId === PLATFORM_TENANT_ID ? "(platform)" : "(no tenant row)");
      }
    }
    return [...labels];
  });

  for (const [tenantId, label] of logs) {
    const result = await withPlatform(handle.db, (trx) =>
      verifyAuditChain(trx, tenantId, { maxProblems: 200 }),
    );
    if (result.ok) {
      console.log(`ok      ${label}: ${result.checked} events verified`);
      continue;
    }
    broken++;
    console.log(
      `BROKEN  ${label} (${tenantId}): ${result.problemCount} problem(s) in ${result.checked} events`,
    );
    for (const problem of result.problems)
      console.log(`        seq ${problem.seq} [${problem.kind}] ${problem.message}`);
    if (result.problemCount > result.problems.length) {
      console.log(`        … and ${result.problemCount - result.problems.length} more`);
    }
  }
  console.log(
    broken === 0
      ? `All ${logs.length} audit chains intact.`
      : `${broken} of ${logs.length} audit chains are broken.`,
  );
} catch (error) {
  failed = true;
  console.error(`Could not verify the audit log: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await handle.close();
}
process.exit(failed ? 2 : broken === 0 ? 0 : 1);
