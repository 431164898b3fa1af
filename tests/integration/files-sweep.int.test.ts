import { randomUUID } from "node:crypto";
import { mkdtemp, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { inngest } from "@/inngest/client";
import { purgeDeletedFileFn } from "@/inngest/functions/files/purge-deleted-file";
import { createSweepFilesFn } from "@/inngest/functions/files/sweep-files";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { toInngestEvent } from "@/server/events/envelope";
import { deleteFile } from "@/server/files/services/delete-file";
import { fileStorage } from "@/server/files/storage";
import { localDiskStorage } from "@/server/files/storage/local-disk";
import type { FileStorage } from "@/server/files/storage/storage";
import { uploadThingStorage } from "@/server/files/storage/uploadthing";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { pdfBytes, uploadAs } from "../factories/files";
import { asUser, createTestTenant, createTestUser } from "../factories/tenants";
import { type FakeUploadThing, startFakeUploadThing } from "../fakes/uploadthing/fake-uploadthing";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let root: string;
let fake: FakeUploadThing;

beforeAll(async () => {
  // Its own database: the sweep reads every tenant's files.
  handle = await useTestDatabase({ isolated: true });
  db = handle.db;
  root = await mkdtemp(path.join(tmpdir(), "files-sweep-"));
  fake = await startFakeUploadThing();
});
afterAll(async () => {
  await handle.close();
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

const HOUR = 60 * 60 * 1000;

/** Makes a stored object look written `ms` ago, as the storage lists it. */
const ageObject: Record<string, (key: string, ms: number) => Promise<void>> = {
  local: async (key, ms) => {
    const when = new Date(Date.now() - ms);
    await utimes(path.join(root, key), when, when);
  },
  uploadthing: async (key, ms) => {
    const file = fake.files.get(key);
    if (file) file.uploadedAt = Date.now() - ms;
  },
};

const storages: Array<[string, () => FileStorage]> = [
  ["local disk", () => localDiskStorage(root)],
  [
    "UploadThing",
    () =>
      uploadThingStorage({
        token: fake.token,
        apiUrl: fake.apiUrl,
        ingestUrl: fake.ingestUrl,
        ufsHost: fake.ufsHost,
      }),
  ],
];

async function keysOf(storage: FileStorage, tenantId: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage.list()) if (object.tenantId === tenantId) keys.push(object.key);
  return keys.sort();
}

describe.each(storages)("sweep-files on %s", (_label, makeStorage) => {
  it("deletes uploads never attached within 24 h and removes objects a crash left without a row", async () => {
    const storage = makeStorage();
    const { tenant } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const fixtures = await createAssetFixtures(db, tenant.id);
    const asset = await createTestAsset(db, staff, fixtures.categoryId);

    const forgotten = await uploadAs(db, staff, storage, {
      purpose: "invoice",
      name: "old.pdf",
      bytes: pdfBytes(),
    });
    const recent = await uploadAs(db, staff, storage, {
      purpose: "invoice",
      name: "new.pdf",
      bytes: pdfBytes(),
    });
    const kept = await uploadAs(db, staff, storage, {
      purpose: "invoice",
      name: "kept.pdf",
      bytes: pdfBytes(),
      owner: { type: "asset", id: asset.id },
    });
    await withPlatform(db, (trx) =>
      trx
        .updateTable("files")
        .set({ created_at: new Date(Date.now() - 25 * HOUR) })
        .where("id", "in", [forgotten.id, kept.id])
        .execute(),
    );
    // A crash between the storage write and the row's commit: bytes with no row, old and new.
    const crashed = await storage.put({
      tenantId: tenant.id,
      fileId: randomUUID(),
      name: "lost.pdf",
      contentType: "application/pdf",
      body: new Blob([pdfBytes()]),
    });
    const inFlight = await storage.put({
      tenantId: tenant.id,
      fileId: randomUUID(),
      name: "uploading.pdf",
      contentType: "application/pdf",
      body: new Blob([pdfBytes()]),
    });
    await ageObject[storage.name]?.(crashed.key, 2 * HOUR);

    const sweep = createSweepFilesFn(inngest, { database: async () => db, storage: () => storage });
    const t = new InngestTestEngine({
      function: sweep,
      events: [{ name: "inngest/scheduled.timer", data: {} }] as never,
    });
    const { result } = await t.execute();
    expect(result).toMatchObject({ expired: 1, strays: 1 });

    const rows = await withTenant(db, tenant.id, (trx) =>
      trx.selectFrom("files").select(["id", "status", "delete_reason", "purged_at", "storage_key"]).execute(),
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(forgotten.id)).toMatchObject({
      status: "deleted",
      delete_reason: "Never attached within 24 hours of upload",
      purged_at: expect.any(Date),
    });
    expect(byId.get(recent.id)?.status).toBe("pending");
    expect(byId.get(kept.id)?.status).toBe("attached");

    const remaining = await keysOf(storage, tenant.id);
    const keyOf = (id: string) => byId.get(id)?.storage_key ?? "";
    expect(remaining).toEqual([keyOf(recent.id), keyOf(kept.id), inFlight.key].sort());

    const event = await withTenant(db, tenant.id, (trx) =>
      trx
        .selectFrom("events")
        .select(["name", "actor_type", "actor_label", "data"])
        .where("entity_id", "=", forgotten.id)
        .where("name", "=", "file.deleted")
        .executeTakeFirstOrThrow(),
    );
    expect(event).toMatchObject({
      actor_type: "system",
      actor_label: "Automation: Sweep orphaned files",
      data: { reason: "Never attached within 24 hours of upload" },
    });
  });
});

describe("purge-deleted-file", () => {
  it("removes a deleted file's bytes from storage once file.deleted is handled", async () => {
    const { tenant } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const file = await uploadAs(db, staff, fileStorage(), {
      purpose: "invoice",
      name: "gone.pdf",
      bytes: pdfBytes(),
    });
    await asUser(db, staff, (s) => deleteFile(s, { id: file.id, reason: "Wrong supplier" }));
    const event = await withTenant(db, tenant.id, (trx) =>
      trx
        .selectFrom("events")
        .selectAll()
        .where("entity_id", "=", file.id)
        .where("name", "=", "file.deleted")
        .executeTakeFirstOrThrow(),
    );

    const t = new InngestTestEngine({
      function: purgeDeletedFileFn,
      events: [toInngestEvent(event)] as never,
    });
    expect((await t.execute()).result).toBe(true);
    expect(await keysOf(fileStorage(), tenant.id)).toEqual([]);
  });
});
