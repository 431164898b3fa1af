import path from "node:path";
import { env } from "../../env";
import { localDiskStorage } from "./local-disk";
import type { FileStorage } from "./storage";
import { uploadThingStorage } from "./uploadthing";

export type { FileStorage } from "./storage";

let configured: FileStorage | null = null;

/**
 * The deployment's storage: UploadThing when UPLOADTHING_TOKEN is set, else local disk under the
 * data directory. Services take the storage as an argument; routes and functions pass this one.
 */
export function fileStorage(): FileStorage {
  configured ??= env.UPLOADTHING_TOKEN
    ? uploadThingStorage({
        token: env.UPLOADTHING_TOKEN,
        apiUrl: env.UPLOADTHING_API_URL,
        ingestUrl: env.UPLOADTHING_INGEST_URL,
        ufsHost: env.UPLOADTHING_UFS_HOST,
      })
    : localDiskStorage(path.join(env.DATA_DIR, "files"));
  return configured;
}
