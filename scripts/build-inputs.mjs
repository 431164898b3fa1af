// Whether `npm start` must build: a hash of everything `next build` reads, compared with the one
// stored beside the last successful build. Contents, not mtimes: a fresh clone or a checkout
// touches every file without changing one.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Folders, at any depth, and files the app's build never reads (tests, tools, docs, outputs, local data). */
const SKIPPED_DIRS = new Set([
  ".ci",
  ".git",
  ".scratch",
  "bench",
  "coverage",
  "e2e",
  "node_modules",
  "playwright-report",
  "scripts",
  "test-results",
  "tests",
]);
const SKIPPED_FILE = /(\.test\.[cm]?[jt]sx?|\.md|\.tsbuildinfo|^next-env\.d\.ts)$/;
/**
 * Top-level folders the build never reads: agent/ is the Go module, whose binaries `npm start` builds
 * into agent/dist after the build is recorded (server/agent/ is the app's side and is hashed).
 */
const SKIPPED_TOP_LEVEL = new Set(["agent"]);
/** Beside the build it describes (in next.config.ts's distDir): deleting the build asks for one. */
const STAMP = "assetronics-build-inputs";

/**
 * The folder DATA_DIR names, relative to the root, when it lies inside it (the app writes there
 * while it runs: the embedded database, uploads); null when it lies elsewhere.
 * @param {string} root
 * @param {string | undefined} dataDir
 */
function dataDirInside(root, dataDir) {
  if (!dataDir) return null;
  const relative = path.relative(path.resolve(root), path.resolve(root, dataDir));
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : null;
}

/**
 * @param {string} root
 * @param {(relative: string, name: string) => boolean} skipsDir
 * @param {string} dir
 * @returns {Generator<string>}
 */
function* sourceFiles(root, skipsDir, dir = "") {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipsDir(relative, entry.name)) yield* sourceFiles(root, skipsDir, relative);
    } else if (entry.isFile() && !SKIPPED_FILE.test(entry.name)) {
      yield relative;
    }
  }
}

/**
 * The hash of the build's inputs: every source file's path and contents, and the NEXT_PUBLIC_
 * variables (inlined into the client bundle at build time).
 * @param {string} root
 * @param {Record<string, string | undefined>} env
 */
export function buildInputsHash(root, env) {
  const dataDir = dataDirInside(root, env.DATA_DIR);
  const skipsDir = (/** @type {string} */ relative, /** @type {string} */ name) =>
    SKIPPED_DIRS.has(name) ||
    // .next*: builds (next.config.ts's distDir); .data*: the default data dirs.
    name.startsWith(".next") ||
    name.startsWith(".data") ||
    SKIPPED_TOP_LEVEL.has(relative) ||
    relative === dataDir;
  const hash = createHash("sha256");
  for (const file of [...sourceFiles(root, skipsDir)].sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
  }
  for (const [name, value] of Object.entries(env).sort(([a], [b]) => a.localeCompare(b))) {
    if (name.startsWith("NEXT_PUBLIC_")) hash.update(`${name}=${value}\0`);
  }
  return hash.digest("hex");
}

/**
 * Whether the build in `distDir` is of these inputs (and is still there).
 * @param {string} distDir
 * @param {string} hash
 */
export function isBuildCurrent(distDir, hash) {
  const stamp = path.join(distDir, STAMP);
  return (
    existsSync(path.join(distDir, "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8").trim() === hash
  );
}

/**
 * Records that the build in `distDir` is of these inputs.
 * @param {string} distDir
 * @param {string} hash
 */
export function recordBuild(distDir, hash) {
  writeFileSync(path.join(distDir, STAMP), `${hash}\n`);
}
