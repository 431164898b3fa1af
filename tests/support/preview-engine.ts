import type { Inngest, InngestFunction } from "inngest";
import { afterAll, beforeAll } from "vitest";
import { type Db, useDatabase, withTenant } from "@/server/db";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import type { TestUser } from "@/tests/factories/tenants";
import { type EngineHarness, startEngineHarness } from "./engine-harness";

/** No provider configured: email lands in the mail preview, as in the embedded default. */
export const previewTransports: Transports = {
  ...deploymentTransports,
  mail: () => ({ kind: "preview", from: "it@example.test" }),
};

/**
 * For a test file of notification functions without an email provider: an engine harness running
 * what `defineFunctions` builds with the preview transports (and the harness's database, for a
 * scheduled function's `database` option), made the app's database, started before the file's
 * tests and closed after them. `harness` is set once beforeAll has run.
 */
export function previewEngine(
  defineFunctions: (client: Inngest, transports: Transports, db: Db) => InngestFunction.Any[],
): { harness: EngineHarness } {
  const engine = {} as { harness: EngineHarness };
  beforeAll(async () => {
    engine.harness = await startEngineHarness(
      (client, db) => defineFunctions(client, previewTransports, db),
      {
        backoffBaseMs: 200,
      },
    );
    const { db, listen } = engine.harness;
    useDatabase({ db, driver: "postgres", listen, close: async () => {} });
  });
  afterAll(() => engine.harness.close());
  return engine;
}

/** The notifications of `type` in `user`'s bell, oldest first. */
export const bellOf = (db: Db, user: TestUser, type: string) =>
  withTenant(db, user.tenantId, (trx) =>
    trx
      .selectFrom("notifications")
      .select(["title", "body", "link"])
      .where("user_id", "=", user.id)
      .where("type", "=", type)
      .orderBy("created_at")
      .execute(),
  );
