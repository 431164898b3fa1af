import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildInputsHash, isBuildCurrent, recordBuild } from "./build-inputs.mjs";

const root = mkdtempSync(path.join(tmpdir(), "assetronics-build-inputs-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};

describe("npm start builds only when the sources changed", () => {
  write("app/page.tsx", "export default function Page() { return null; }");
  write("server/logic.ts", "export const answer = 42;");
  write("server/logic.test.ts", "it('works', () => {});");
  write("tests/integration/x.int.test.ts", "");
  write("README.md", "# readme");
  write("package-lock.json", "{}");

  it("keeps the build when only tests, docs or local data changed", () => {
    const before = buildInputsHash(root, {});
    write("server/logic.test.ts", "it('still works', () => {});");
    write("tests/integration/x.int.test.ts", "changed");
    write("README.md", "# readme, edited");
    write(".data/pglite/file", "data");
    write(".next-bench/BUILD_ID", "other build");
    write("node_modules/pkg/index.js", "module.exports = 1;");
    expect(buildInputsHash(root, {})).toBe(before);
  });

  it("keeps the build when npm start built the agent's binaries or the app wrote to its data dir", () => {
    write("agent/cmd/agent/main.go", "package main");
    write("server/agent/payload.ts", "export const version = 1;");
    const env = { DATA_DIR: "./var/data" };
    const before = buildInputsHash(root, env);
    // scripts/start.mjs builds these after it recorded the build's hash (when Go is installed).
    write("agent/dist/assetronics-agent-linux-amd64", "\u007fELF");
    write("agent/cmd/agent/main.go", "package main // edited");
    write("var/data/pglite/base/1", "rows");
    expect(buildInputsHash(root, env)).toBe(before);
    // Only the top-level Go module and DATA_DIR itself are skipped: the app's own agent code is an input.
    write("server/agent/payload.ts", "export const version = 2;");
    expect(buildInputsHash(root, env)).not.toBe(before);
    const moved = buildInputsHash(root, { DATA_DIR: "/srv/assetronics" });
    expect(moved).not.toBe(buildInputsHash(root, env)); // var/data is a folder like any other then
  });

  it("builds again when a source file, the lock file or a public variable changed", () => {
    const before = buildInputsHash(root, {});
    write("server/logic.ts", "export const answer = 43;");
    const edited = buildInputsHash(root, {});
    expect(edited).not.toBe(before);
    write("package-lock.json", '{"lockfileVersion":3}');
    expect(buildInputsHash(root, {})).not.toBe(edited);
    expect(buildInputsHash(root, { NEXT_PUBLIC_X: "1" })).not.toBe(buildInputsHash(root, {}));
  });

  it("is current only with a build of the same inputs in .next", () => {
    const hash = buildInputsHash(root, {});
    mkdirSync(path.join(root, ".next"), { recursive: true });
    const distDir = path.join(root, ".next");
    recordBuild(distDir, hash);
    expect(isBuildCurrent(distDir, hash)).toBe(false); // no BUILD_ID: the build itself is gone
    write(".next/BUILD_ID", "abc");
    expect(isBuildCurrent(distDir, hash)).toBe(true);
    expect(isBuildCurrent(distDir, `${hash.slice(1)}0`)).toBe(false);
    expect(buildInputsHash(root, {})).toBe(hash); // the build's own files are not inputs
  });
});
