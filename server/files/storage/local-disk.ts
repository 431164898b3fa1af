import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AppError } from "../../errors";
import { type FileStorage, type ListedObject, objectName, tenantOfObject } from "./storage";

/** A partial write's suffix: renamed away once complete, so a crash never leaves a half file under a key. */
const PARTIAL = ".partial";

/**
 * Files on local disk under `root` (the data directory's files/), one folder per tenant. Like the
 * embedded database's files, they are readable by the app's user only (0600, folders 0700).
 */
export function localDiskStorage(root: string): FileStorage {
  const pathOf = (key: string): string => {
    if (!tenantOfObject(key)) throw new AppError("NOT_FOUND", "This file is not in storage.");
    return path.join(root, key);
  };

  async function put({ tenantId, fileId, body }: Parameters<FileStorage["put"]>[0]) {
    const key = objectName(tenantId, fileId);
    const target = pathOf(key);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const partial = `${target}${PARTIAL}`;
    const source = Readable.fromWeb(body.stream() as WebReadableStream<Uint8Array>);
    await pipeline(source, createWriteStream(partial, { mode: 0o600, flags: "wx" }));
    await rename(partial, target);
    return { key };
  }

  async function get(key: string): Promise<ReadableStream<Uint8Array>> {
    const file = pathOf(key);
    if (!(await exists(key))) throw new AppError("NOT_FOUND", "This file is no longer in storage.");
    return Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  }

  async function exists(key: string): Promise<boolean> {
    try {
      return (await stat(pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  /** Removes objects by key, partial writes included; a key that leaves the root is refused. */
  async function remove(keys: readonly string[]): Promise<void> {
    const base = path.resolve(root);
    for (const key of keys) {
      const target = path.resolve(base, key);
      if (!target.startsWith(`${base}${path.sep}`))
        throw new AppError("BAD_REQUEST", `Not a storage key: ${key}`);
      await rm(target, { force: true });
    }
  }

  /** Every object, partial writes included (their key ends in .partial, so no row matches them). */
  async function* list(): AsyncIterable<ListedObject> {
    const tenants = await readdir(root, { withFileTypes: true }).catch(() => []);
    for (const tenant of tenants) {
      if (!tenant.isDirectory()) continue;
      for (const entry of await readdir(path.join(root, tenant.name))) {
        const key = `${tenant.name}/${entry}`;
        const info = await stat(path.join(root, key));
        yield { key, tenantId: tenantOfObject(key) ?? tenantOfPartial(key), uploadedAt: info.mtime };
      }
    }
  }

  return { name: "local", put, get, delete: remove, exists, list };
}

/** A partial write belongs to the tenant of the key it was going to become. */
const tenantOfPartial = (key: string): string | null =>
  key.endsWith(PARTIAL) ? tenantOfObject(key.slice(0, -PARTIAL.length)) : null;
