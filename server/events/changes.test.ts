import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { changesBetween } from "./changes";

it("lists each given field that differs, with its before and after", () => {
  expect(
    changesBetween(
      { name: "Laptops", months: 36, code: null },
      { name: "Notebooks", months: 36, code: "LT" },
    ),
  ).toEqual({ name: { before: "Laptops", after: "Notebooks" }, code: { before: null, after: "LT" } });
});

it("skips fields not given, and a missing before reads as null", () => {
  expect(
    changesBetween({ name: "Laptops" } as Record<string, unknown>, { name: undefined, vendor: "Acme" }),
  ).toEqual({
    vendor: { before: null, after: "Acme" },
  });
});

it("sees no change in an object whose keys came back in another order, but does in a reordered list", () => {
  const before = { custom_fields: { ram: "16GB", cpu: "M3" }, options: ["a", "b"] };
  expect(changesBetween(before, { custom_fields: { cpu: "M3", ram: "16GB" } })).toEqual({});
  expect(changesBetween(before, { options: ["b", "a"] })).toEqual({
    options: { before: ["a", "b"], after: ["b", "a"] },
  });
});

it("compares dates by their instant", () => {
  const at = "2026-12-05T10:00:00.000Z";
  expect(changesBetween({ due: new Date(at) }, { due: new Date(at) })).toEqual({});
  expect(changesBetween({ archived: false }, { archived: true })).toEqual({
    archived: { before: false, after: true },
  });
});

/** Every service file under server/: any .ts file in a services folder, at any depth. */
function serviceFiles(dir = path.resolve(import.meta.dirname, "..")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return serviceFiles(full);
    return full.includes(`${path.sep}services${path.sep}`) && entry.name.endsWith(".ts") ? [full] : [];
  });
}

it("is how every service builds a diff of several fields: none fills a changes map by hand", () => {
  // `changes.field = { before: ... }` or `changes[key] = { before: ... }`: a second copy of
  // changesBetween's rule, which drifts (a jsonb value compared as JSON, a missing before).
  const handBuilt = /\bchanges(\.\w+|\[[^\]]+\])\s*=\s*\{\s*before\s*:/;
  const offenders = serviceFiles()
    .filter((file) => handBuilt.test(readFileSync(file, "utf8")))
    .map((file) => path.relative(process.cwd(), file));
  expect(offenders, "use changesBetween (server/events/changes.ts)").toEqual([]);
});
