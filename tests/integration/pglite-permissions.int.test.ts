import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { migrateToLatest } from "@/db/migrate";

/**
 * The embedded database holds every tenant's data and the sign-in hashes: like the generated auth
 * secret, other users of the machine must not read it. Checked on a fresh data dir and on one
 * created by an earlier version with the usual 0755/0644.
 */
const root = mkdtempSync(path.join(tmpdir(), "assetronics-perm-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (file: string) => statSync(file).mode & 0o777;
function readableByOthers(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if ((mode(file) & 0o077) !== 0) found.push(`${file} ${mode(file).toString(8)}`);
  }
  return found;
}

it("creates the data dir and the PGlite files for the owner only, and keeps new ones so", async () => {
  const dataDir = path.join(root, "fresh");
  const handle = await openDatabase({ dataDir });
  await migrateToLatest(handle.db);
  await handle.close();
  expect(mode(dataDir)).toBe(0o700);
  expect(mode(path.join(dataDir, "pglite"))).toBe(0o700);
  expect(readableByOthers(dataDir)).toEqual([]);
}, 60_000);

it("tightens a data dir an earlier version left readable", async () => {
  const dataDir = path.join(root, "earlier");
  mkdirSync(path.join(dataDir, "pglite"), { recursive: true, mode: 0o755 });
  const handle = await openDatabase({ dataDir });
  await handle.close();
  writeFileSync(path.join(dataDir, "pglite", "stray"), "x", { mode: 0o644 });
  const reopened = await openDatabase({ dataDir });
  await reopened.close();
  expect(mode(dataDir)).toBe(0o700);
  expect(readableByOthers(dataDir)).toEqual([]);
}, 60_000);
