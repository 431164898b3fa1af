import { purgeFile } from "@/server/files/services/purge-file";
import { fileStorage } from "@/server/files/storage";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * file.deleted -> the file's bytes are removed from storage, once the deletion has committed.
 * Retried on a storage error; what still fails is left to the hourly sweep.
 */
export const purgeDeletedFileFunction = tenantFunction(
  { id: "purge-deleted-file", name: "Remove a deleted file from storage", event: "file.deleted", retries: 5 },
  async ({ event, step, inTenant }) =>
    step.run("remove-stored-bytes", () =>
      inTenant((scope) => purgeFile(scope, fileStorage(), event.entity.id)),
    ),
);

export const purgeDeletedFileFn = createTenantFunction(inngest, purgeDeletedFileFunction);
