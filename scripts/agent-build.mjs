#!/usr/bin/env node
// Cross-compiles the Go endpoint agent (agent/) into agent/dist/, which the app serves at
// /api/agent/v1/download/{os}/{arch}. Standard library only, so no module download happens.
//   node scripts/agent-build.mjs                    all targets
//   node scripts/agent-build.mjs --only linux-amd64 one or more (comma-separated)
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const agentDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "agent");
const distDir = path.join(agentDir, "dist");
const targets = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64", "windows-amd64"];

const onlyIndex = process.argv.indexOf("--only");
const selected = onlyIndex >= 0 ? (process.argv[onlyIndex + 1] ?? "").split(",").filter(Boolean) : targets;
const unknown = selected.filter((t) => !targets.includes(t));
if (unknown.length > 0 || selected.length === 0) {
  console.error(`Unknown target ${unknown.join(", ") || "(none)"}; choose from ${targets.join(", ")}.`);
  process.exit(2);
}

const probe = spawnSync("go", ["version"], { encoding: "utf8" });
if (probe.error || probe.status !== 0) {
  console.error("Go is not installed. Install Debian's toolchain: apt-get install -y golang-go");
  process.exit(1);
}

const version = readFileSync(path.join(agentDir, "VERSION"), "utf8").trim();
mkdirSync(distDir, { recursive: true });
console.log(`Building assetronics-agent ${version} with ${probe.stdout.trim()}`);

for (const target of selected) {
  const [goos, goarch] = target.split("-");
  const file = `assetronics-agent-${target}${goos === "windows" ? ".exe" : ""}`;
  const out = path.join(distDir, file);
  // Build beside the final name and rename, so the download route never serves half a binary.
  const partial = `${out}.partial`;
  const result = spawnSync(
    "go",
    [
      "build",
      "-trimpath",
      "-ldflags",
      `-s -w -X assetronics.dev/agent/internal/version.Version=${version}`,
      "-o",
      partial,
      "./cmd/assetronics-agent",
    ],
    {
      cwd: agentDir,
      stdio: "inherit",
      env: {
        ...process.env,
        CGO_ENABLED: "0",
        GOOS: goos,
        GOARCH: goarch,
        GOPROXY: "off",
        GOFLAGS: "-mod=mod",
      },
    },
  );
  if (result.status !== 0) {
    rmSync(partial, { force: true });
    console.error(`✘ ${target} failed`);
    process.exit(result.status ?? 1);
  }
  renameSync(partial, out);
  const mb = (statSync(out).size / 1024 / 1024).toFixed(1);
  console.log(`✔ ${path.relative(process.cwd(), out)} (${mb} MB)`);
}
