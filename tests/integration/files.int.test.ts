import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { attachFiles } from "@/server/files/services/attach-files";
import { deleteFile } from "@/server/files/services/delete-file";
import { listFiles } from "@/server/files/services/list-files";
import { openFile } from "@/server/files/services/open-file";
import { purgeFile } from "@/server/files/services/purge-file";
import { renameFile } from "@/server/files/services/rename-file";
import { localDiskStorage } from "@/server/files/storage/local-disk";
import type { FileStorage } from "@/server/files/storage/storage";
import { uploadThingStorage } from "@/server/files/storage/uploadthing";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { heicBytes, pdfBytes, pngBytes, uploadAs } from "../factories/files";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { type FakeUploadThing, startFakeUploadThing } from "../fakes/uploadthing/fake-uploadthing";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let root: string;
let fake: FakeUploadThing;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  root = await mkdtemp(path.join(tmpdir(), "files-int-"));
  fake = await startFakeUploadThing();
});
afterAll(async () => {
  await handle.close();
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

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

/** A tenant with IT staff, an auditor, an employee record and an asset. */
async function setup() {
  const { tenant, admin } = await createTestTenant(db);
  const staff = await createTestUser(db, tenant, "it_staff");
  const auditor = await createTestUser(db, tenant, "auditor");
  const fixtures = await createAssetFixtures(db, tenant.id);
  const asset = await createTestAsset(db, staff, fixtures.categoryId, { name: "Dell XPS" });
  return { tenant, admin, staff, auditor, asset, jane: fixtures.jane };
}

const eventsOf = (tenantId: string, entityId: string) =>
  withTenant(db, tenantId, (trx) =>
    trx
      .selectFrom("events")
      .select(["name", "data", "actor_type", "actor_label"])
      .where("entity_id", "=", entityId)
      .orderBy("seq")
      .execute(),
  );

const bytesOf = async (stream: ReadableStream<Uint8Array>) =>
  new Uint8Array(await new Response(stream).arrayBuffer());

const storedKeys = async (storage: FileStorage, tenantId: string) => {
  const keys: string[] = [];
  for await (const object of storage.list()) if (object.tenantId === tenantId) keys.push(object.key);
  return keys;
};

describe.each(storages)("files on %s", (_label, makeStorage) => {
  it("IT staff upload a photo, attach it to an asset, see it listed, download it, delete it with a reason", async () => {
    const storage = makeStorage();
    const { tenant, staff, auditor, asset } = await setup();
    const png = await pngBytes();

    const pending = await uploadAs(db, staff, storage, { purpose: "photo", name: "damage.png", bytes: png });
    expect(pending).toMatchObject({
      status: "pending",
      owner: null,
      contentType: "image/png",
      size: png.length,
    });
    expect(
      await asUser(db, auditor, (s) => listFiles(s, { owner: { type: "asset", id: asset.id } })),
    ).toEqual([]);

    await asUser(db, staff, (s) =>
      attachFiles(s, { fileIds: [pending.id], owner: { type: "asset", id: asset.id } }),
    );
    const listed = await asUser(db, auditor, (s) => listFiles(s, { owner: { type: "asset", id: asset.id } }));
    expect(listed).toEqual([
      expect.objectContaining({
        id: pending.id,
        name: "damage.png",
        status: "attached",
        preview: "image",
        urls: {
          download: `/api/files/${pending.id}`,
          preview: `/api/files/${pending.id}/preview`,
          thumbnail: `/api/files/${pending.id}/thumbnail`,
        },
      }),
    ]);

    const downloaded = await asUser(db, auditor, async (s) =>
      bytesOf((await openFile(s, storage, pending.id, "download")).body),
    );
    expect(downloaded).toEqual(png);

    await asUser(db, staff, (s) =>
      deleteFile(s, { id: pending.id, reason: "Duplicate of the earlier photo" }),
    );
    expect(
      await asUser(db, auditor, (s) => listFiles(s, { owner: { type: "asset", id: asset.id } })),
    ).toEqual([]);
    await expect(
      asUser(db, auditor, (s) => openFile(s, storage, pending.id, "download")),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // the purge function removes the bytes once the deletion has committed
    expect(await storedKeys(storage, tenant.id)).toHaveLength(1);
    expect(await asUser(db, staff, (s) => purgeFile(s, storage, pending.id))).toBe(true);
    expect(await storedKeys(storage, tenant.id)).toEqual([]);

    const events = await eventsOf(tenant.id, pending.id);
    expect(events.map((e) => e.name)).toEqual(["file.uploaded", "file.attached", "file.deleted"]);
    expect(events[1]?.data).toMatchObject({ attachedTo: { type: "asset", id: asset.id }, assetId: asset.id });
    expect(events[2]?.data).toMatchObject({ reason: "Duplicate of the earlier photo", assetId: asset.id });
  });

  it("refuses a file by its content, storing nothing", async () => {
    const storage = makeStorage();
    const { tenant, staff } = await setup();

    await expect(
      uploadAs(db, staff, storage, { purpose: "evidence", name: "IMG_0001.HEIC", bytes: heicBytes() }),
    ).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: "HEIC is not accepted for evidence; use JPEG or PNG.",
    });
    // named like a photo, but a PDF
    await expect(
      uploadAs(db, staff, storage, { purpose: "photo", name: "photo.jpg", bytes: pdfBytes() }),
    ).rejects.toMatchObject({
      message: "Photos must be JPEG, PNG or WebP; this file is a PDF document.",
    });
    expect(await storedKeys(storage, tenant.id)).toEqual([]);

    // the content decides the type, not the name
    const invoice = await uploadAs(db, staff, storage, {
      purpose: "invoice",
      name: "scan.jpg",
      bytes: pdfBytes(),
    });
    expect(invoice.contentType).toBe("application/pdf");
    expect(invoice.preview).toBe("pdf");
  });
});

describe("files on UploadThing when it fails", () => {
  it("keeps a deleted file's row unpurged when UploadThing refuses the delete, and purges it on the retry", async () => {
    const storage = uploadThingStorage({
      token: fake.token,
      apiUrl: fake.apiUrl,
      ingestUrl: fake.ingestUrl,
      ufsHost: fake.ufsHost,
    });
    const { tenant, staff } = await setup();
    const file = await uploadAs(db, staff, storage, { purpose: "invoice", name: "a.pdf", bytes: pdfBytes() });
    await asUser(db, staff, (s) => deleteFile(s, { id: file.id, reason: "Uploaded by mistake" }));

    fake.failNext("deleteFiles", 500);
    await expect(asUser(db, staff, (s) => purgeFile(s, storage, file.id))).rejects.toThrow();
    expect(await storedKeys(storage, tenant.id)).toHaveLength(1);

    expect(await asUser(db, staff, (s) => purgeFile(s, storage, file.id))).toBe(true);
    expect(await storedKeys(storage, tenant.id)).toEqual([]);
    expect(await asUser(db, staff, (s) => purgeFile(s, storage, file.id))).toBe(false);
  });
});

describe("files", () => {
  const storage = () => localDiskStorage(root);

  it("uploads and attaches in one step (a pasted screenshot) and refuses a purpose the owner does not take", async () => {
    const { staff, asset } = await setup();
    const owner = { type: "asset" as const, id: asset.id };
    const photo = await uploadAs(db, staff, storage(), {
      purpose: "photo",
      name: "paste.png",
      bytes: await pngBytes(),
      owner,
    });
    expect(photo).toMatchObject({ status: "attached", owner });

    const contract = await uploadAs(db, staff, storage(), {
      purpose: "contract",
      name: "contract.pdf",
      bytes: pdfBytes(),
    });
    await expect(
      asUser(db, staff, (s) => attachFiles(s, { fileIds: [contract.id], owner })),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Contracts cannot be attached to an asset.",
    });
    await expect(
      asUser(db, staff, (s) => attachFiles(s, { fileIds: [photo.id], owner })),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("keeps an employee's documents from auditors, and audits each download", async () => {
    const { tenant, staff, auditor, jane } = await setup();
    const owner = { type: "employee" as const, id: jane.id };
    const contract = await uploadAs(db, staff, storage(), {
      purpose: "contract",
      name: "Jane contract.pdf",
      bytes: pdfBytes("contract"),
      owner,
    });

    await expect(asUser(db, auditor, (s) => listFiles(s, { owner }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      asUser(db, auditor, (s) => openFile(s, storage(), contract.id, "download")),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await asUser(db, staff, (s) => listFiles(s, { owner }))).toHaveLength(1);

    await asUser(db, staff, async (s) =>
      bytesOf((await openFile(s, storage(), contract.id, "download")).body),
    );
    const events = await eventsOf(tenant.id, contract.id);
    expect(events.map((e) => e.name)).toEqual(["file.uploaded", "file.attached", "file.downloaded"]);
    expect(events[2]).toMatchObject({ actor_type: "user", data: { employeeId: jane.id } });
  });

  it("does not audit reading an asset's files", async () => {
    const { tenant, staff, auditor, asset } = await setup();
    const file = await uploadAs(db, staff, storage(), {
      purpose: "invoice",
      name: "invoice.pdf",
      bytes: pdfBytes(),
      owner: { type: "asset", id: asset.id },
    });
    await asUser(db, auditor, async (s) => bytesOf((await openFile(s, storage(), file.id, "preview")).body));
    expect((await eventsOf(tenant.id, file.id)).map((e) => e.name)).toEqual([
      "file.uploaded",
      "file.attached",
    ]);
  });

  it("renames a file, recording the change", async () => {
    const { tenant, staff } = await setup();
    const file = await uploadAs(db, staff, storage(), {
      purpose: "invoice",
      name: "scan001.pdf",
      bytes: pdfBytes(),
    });
    const renamed = await asUser(db, staff, (s) =>
      renameFile(s, { id: file.id, name: "Invoice 2026-114.pdf" }),
    );
    expect(renamed.name).toBe("Invoice 2026-114.pdf");
    const events = await eventsOf(tenant.id, file.id);
    expect(events.at(-1)).toMatchObject({
      name: "file.renamed",
      data: { changes: { name: { before: "scan001.pdf", after: "Invoice 2026-114.pdf" } } },
    });
  });

  it("refuses an upload over the tenant's storage quota, storing nothing", async () => {
    const { tenant, staff } = await setup();
    await withPlatform(db, (trx) =>
      trx.updateTable("tenants").set({ file_quota_bytes: 100 }).where("id", "=", tenant.id).execute(),
    );
    await expect(
      uploadAs(db, staff, storage(), {
        purpose: "invoice",
        name: "big.pdf",
        bytes: pdfBytes("x".repeat(200)),
      }),
    ).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringMatching(/over its 100 bytes storage quota/),
    });
    expect(await storedKeys(storage(), tenant.id)).toEqual([]);
  });

  it("keeps tenant B from A's file by id", async () => {
    const a = await setup();
    const b = await setup();
    const file = await uploadAs(db, a.staff, storage(), {
      purpose: "invoice",
      name: "a-invoice.pdf",
      bytes: pdfBytes(),
      owner: { type: "asset", id: a.asset.id },
    });
    const asB = <T>(fn: Parameters<typeof asUser<T>>[2]) => asUser(db, b.staff as TestUser, fn);
    await expect(asB((s) => openFile(s, storage(), file.id, "download"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(asB((s) => renameFile(s, { id: file.id, name: "mine.pdf" }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(asB((s) => deleteFile(s, { id: file.id, reason: "not yours" }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      asB((s) => attachFiles(s, { fileIds: [file.id], owner: { type: "asset", id: b.asset.id } })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await asB((s) => listFiles(s, { owner: { type: "asset", id: a.asset.id } }))).toEqual([]);
  });
});
