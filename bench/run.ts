// npm run bench [name...]: runs bench/<name>.bench.ts (all when none given), prints a table per
// benchmark and writes bench/results/<name>.json (<name>.scale-<s>.json when BENCH_SCALE=<s> < 1,
// so a check at reduced size never overwrites a full run's figures).
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Benchmark, benchScale, meetsTarget } from "./harness";

process.env.LOG_LEVEL ??= "silent";
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0123";
process.env.SEED_DEMO = "false";

const dir = path.dirname(new URL(import.meta.url).pathname);
const wanted = process.argv.slice(2);
const files = (await readdir(dir)).filter((file) => file.endsWith(".bench.ts")).sort();
const selected = files.filter(
  (file) => wanted.length === 0 || wanted.includes(file.replace(".bench.ts", "")),
);
if (selected.length === 0) {
  console.error(
    `No benchmark named ${wanted.join(", ")}. Available: ${files.map((f) => f.replace(".bench.ts", "")).join(", ")}`,
  );
  process.exit(1);
}

const scale = benchScale();
if (scale < 1) console.log(`BENCH_SCALE=${scale}: reduced size, figures not comparable with a full run`);
const resultFile = (name: string) => (scale < 1 ? `${name}.scale-${scale}.json` : `${name}.json`);

let failed = false;
for (const file of selected) {
  const bench = (await import(path.join(dir, file))).default as Benchmark;
  console.log(`\n${bench.name}: ${bench.description}`);
  const metrics = await bench.run();
  console.table(
    metrics.map((m) => {
      const ok = meetsTarget(m);
      return {
        metric: m.metric,
        value: m.value,
        unit: m.unit,
        target: m.target ?? "",
        better: m.better,
        ok: ok === null ? "" : ok ? "yes" : "NO",
      };
    }),
  );
  if (metrics.some((m) => meetsTarget(m) === false)) failed = true;
  await mkdir(path.join(dir, "results"), { recursive: true });
  await writeFile(path.join(dir, "results", resultFile(bench.name)), `${JSON.stringify(metrics, null, 2)}\n`);
}
process.exitCode = failed ? 1 : 0;
