import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { assertWithinLimit, checkContent, sniffKind } from "./content-type";
import { acceptAttribute, formatBytes } from "./purposes";

const MB = 1024 * 1024;
const image = (format: "jpeg" | "png" | "webp") =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
    .toFormat(format)
    .toBuffer()
    .then((buffer) => new Blob([new Uint8Array(buffer)]));

describe("file content check", () => {
  it.each(["jpeg", "png", "webp"] as const)("recognises a %s image from its bytes", async (format) => {
    expect(await sniffKind(await image(format))).toEqual({ kind: format });
  });

  it("takes UTF-8 text as CSV, and refuses binary that is neither", async () => {
    expect(await checkContent("import_source", new Blob(["Name,Serial\nLaptop,ABC-1\n"]))).toBe("csv");
    await expect(
      checkContent("import_source", new Blob([new Uint8Array([0, 1, 2, 3, 255, 0])])),
    ).rejects.toThrow("Imports must be CSV; this file is of a type we do not recognise.");
  });

  it("says by how much a file is over its purpose's limit", () => {
    expect(() => assertWithinLimit("invoice", 42 * MB)).toThrow(
      "42 MB is over the 25 MB limit for invoices.",
    );
    expect(() => assertWithinLimit("invoice", 25.4 * MB)).toThrow(
      "25.4 MB is over the 25 MB limit for invoices.",
    );
    expect(() => assertWithinLimit("invoice", 25 * MB)).not.toThrow();
  });

  it("refuses an empty file", async () => {
    await expect(checkContent("document", new Blob([]))).rejects.toThrow("The file is empty.");
  });

  it("formats sizes and the file picker's accept list", () => {
    expect([formatBytes(512), formatBytes(340 * 1024), formatBytes(1.5 * 1024 * MB)]).toEqual([
      "512 bytes",
      "340 KB",
      "1.5 GB",
    ]);
    expect(acceptAttribute("photo")).toBe("image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp");
  });
});
