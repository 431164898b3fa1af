import { afterEach, expect, it, vi } from "vitest";

const original = { ...process.env };
afterEach(() => {
  process.env = { ...original };
  vi.resetModules();
});

async function storageWith(overrides: Record<string, string | undefined>) {
  process.env = { ...original, ...overrides };
  vi.resetModules();
  vi.spyOn(console, "error").mockImplementation(() => {});
  return (await import("./index")).fileStorage();
}

const token = Buffer.from(JSON.stringify({ apiKey: "sk_live_x", appId: "app", regions: ["sea1"] })).toString(
  "base64",
);

it("stores on local disk unless UploadThing is configured", async () => {
  expect((await storageWith({ UPLOADTHING_TOKEN: undefined })).name).toBe("local");
  expect((await storageWith({ UPLOADTHING_TOKEN: token })).name).toBe("uploadthing");
});

it("stops at start on a token that is not an UploadThing token", async () => {
  await expect(storageWith({ UPLOADTHING_TOKEN: "sk_live_pasted_the_api_key" })).rejects.toThrow(
    /UPLOADTHING_TOKEN: must be the token from the UploadThing dashboard/,
  );
});
