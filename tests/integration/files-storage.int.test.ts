import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDiskStorage } from "@/server/files/storage/local-disk";
import type { FileStorage } from "@/server/files/storage/storage";
import { uploadThingStorage } from "@/server/files/storage/uploadthing";
import { type FakeUploadThing, startFakeUploadThing } from "../fakes/uploadthing/fake-uploadthing";

let root: string;
let fake: FakeUploadThing;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "files-storage-"));
  fake = await startFakeUploadThing();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await fake.close();
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

const text = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe.each(storages)("%s storage", (_label, make) => {
  it("stores, reads back, lists with its tenant, and deletes an object", async () => {
    const storage = make();
    const tenantId = randomUUID();
    const fileId = randomUUID();
    const body = new Blob(["invoice,total\nINV-1,42\n"], { type: "text/csv" });

    const { key } = await storage.put({
      tenantId,
      fileId,
      name: "invoice.csv",
      contentType: "text/csv",
      body,
    });

    expect(await storage.exists(key)).toBe(true);
    expect(await text(await storage.get(key))).toBe("invoice,total\nINV-1,42\n");
    const listed = [];
    for await (const object of storage.list()) if (object.key === key) listed.push(object);
    expect(listed).toEqual([expect.objectContaining({ key, tenantId })]);

    await storage.delete([key]);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // deleting again is no error: a sweep may repeat a delete
    await storage.delete([key]);
  });
});

describe("local disk storage", () => {
  it("keeps files readable by the app's user only, one folder per tenant", async () => {
    const storage = localDiskStorage(root);
    const tenantId = randomUUID();
    const { key } = await storage.put({
      tenantId,
      fileId: randomUUID(),
      name: "a.pdf",
      contentType: "application/pdf",
      body: new Blob(["%PDF-1.4"]),
    });
    expect((await stat(path.join(root, key))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(root, tenantId))).mode & 0o777).toBe(0o700);
    expect(await readdir(path.join(root, tenantId))).toEqual([key.split("/")[1]]);
  });

  it("refuses keys that are not tenant/file ids, so no path leaves its folder", async () => {
    const storage = localDiskStorage(root);
    await expect(storage.get("../../etc/passwd")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(storage.delete(["../outside"])).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("UploadThing storage against the fake", () => {
  const storage = () =>
    uploadThingStorage({
      token: fake.token,
      apiUrl: fake.apiUrl,
      ingestUrl: fake.ingestUrl,
      ufsHost: fake.ufsHost,
    });

  it("uploads through a presigned ingest URL with our tenant/file name as customId", async () => {
    const tenantId = randomUUID();
    const fileId = randomUUID();
    const { key } = await storage().put({
      tenantId,
      fileId,
      name: "photo.png",
      contentType: "image/png",
      body: new Blob([new Uint8Array([137, 80, 78, 71])]),
    });
    expect(fake.files.get(key)).toMatchObject({
      customId: `${tenantId}/${fileId}`,
      type: "image/png",
      size: 4,
    });
    expect(fake.calls).toContain(`PUT /${key}`);
  });

  it("fails the upload when the ingest server fails, storing nothing", async () => {
    const before = fake.files.size;
    fake.failNext("ingest", 500);
    await expect(
      storage().put({
        tenantId: randomUUID(),
        fileId: randomUUID(),
        name: "a.pdf",
        contentType: "application/pdf",
        body: new Blob(["%PDF-1.4"]),
      }),
    ).rejects.toThrow(/UploadThing refused the upload/);
    expect(fake.files.size).toBe(before);
  });

  it("is refused with a wrong API key", async () => {
    const wrong = Buffer.from(
      JSON.stringify({ apiKey: "sk_live_wrong", appId: "fakeapp123", regions: ["fake1"] }),
    ).toString("base64");
    const bad = uploadThingStorage({
      token: wrong,
      apiUrl: fake.apiUrl,
      ingestUrl: fake.ingestUrl,
      ufsHost: fake.ufsHost,
    });
    await expect(bad.delete(["x"])).rejects.toThrow();
    await expect(
      bad.put({
        tenantId: randomUUID(),
        fileId: randomUUID(),
        name: "a.pdf",
        contentType: "application/pdf",
        body: new Blob(["%PDF"]),
      }),
    ).rejects.toThrow(/UploadThing refused the upload/);
  });

  it("reads only through signed URLs: an unsigned file URL is refused", async () => {
    const { key } = await storage().put({
      tenantId: randomUUID(),
      fileId: randomUUID(),
      name: "a.pdf",
      contentType: "application/pdf",
      body: new Blob(["%PDF-1.4 secret"]),
    });
    const unsigned = await fetch(`http://${fake.ufsHost}/a/fakeapp123/${key}`);
    expect(unsigned.status).toBe(403);
    expect(await text(await storage().get(key))).toBe("%PDF-1.4 secret");
  });
});
