import type { Inngest } from "inngest";
import { systemScope } from "@/server/context";
import { type Db, getDb, withPlatform, withTenant } from "@/server/db";
import { tenantsWithExpiredUploads } from "@/server/files/queries";
import {
  expirePendingUploads,
  PENDING_TTL_MS,
  purgeDeletedFiles,
  removeStrayObjects,
} from "@/server/files/services/sweep-files";
import { fileStorage } from "@/server/files/storage";
import type { FileStorage } from "@/server/files/storage/storage";
import { inngest } from "../../client";
import { automationLabel } from "../in-tenant";

const NAME = "Sweep orphaned files";

type SweepOptions = {
  cron?: string;
  database?: () => Promise<Db>;
  storage?: () => FileStorage;
  now?: () => Date;
};

/**
 * Hourly, so nothing is orphaned for long: uploads never attached within 24 h are deleted (one
 * step per tenant, acting as this function), deleted files whose bytes are still stored are
 * purged, and stored objects with no row (a crash between storage write and commit) are removed.
 */
export function createSweepFilesFn(client: Inngest, options: SweepOptions = {}) {
  const database = options.database ?? getDb;
  const storage = options.storage ?? fileStorage;
  const now = options.now ?? (() => new Date());
  return client.createFunction(
    {
      id: "sweep-files",
      name: NAME,
      retries: 3,
      concurrency: { limit: 1 },
      triggers: [{ cron: options.cron ?? "23 * * * *" }],
    },
    async ({ step, runId }) => {
      const startedAt = now();
      const tenants = await step.run("find-expired-uploads", async () =>
        withPlatform(await database(), (trx) =>
          tenantsWithExpiredUploads(trx, new Date(startedAt.getTime() - PENDING_TTL_MS)),
        ),
      );
      let expired = 0;
      for (const tenantId of tenants) {
        expired += await step.run(`expire-uploads-in-${tenantId}`, async () =>
          withTenant(await database(), tenantId, (trx) =>
            expirePendingUploads(
              systemScope(trx, tenantId, { label: automationLabel(NAME), cause: null, requestId: runId }),
              startedAt,
            ),
          ),
        );
      }
      const purged = await step.run("purge-deleted-files", async () =>
        purgeDeletedFiles(await database(), storage()),
      );
      const strays = await step.run("remove-stray-objects", async () =>
        removeStrayObjects(await database(), storage(), startedAt),
      );
      return { expired, purged, strays };
    },
  );
}

export const sweepFilesFn = createSweepFilesFn(inngest);
