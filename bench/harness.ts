export type Metric = {
  metric: string;
  value: number;
  unit: string;
  target?: number;
  better: "lower" | "higher";
};

export type Benchmark = { name: string; description: string; run: () => Promise<Metric[]> };

/** Runs `fn` `iterations` times (after `warmup` runs) and returns the durations in ms, sorted. */
export async function sample(
  iterations: number,
  fn: (i: number) => Promise<unknown>,
  warmup = Math.min(20, iterations),
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const durations: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await fn(i);
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b);
}

/** The sorted durations (ms) of an operation and of its ceiling, sampled side by side. */
export type AgainstCeiling = { app: number[]; ceiling: number[] };

/**
 * Samples an operation against its ceiling (the least the same work can cost here: a raw query
 * as the table owner, a raw insert): each iteration draws one set of parameters and makes one
 * call of each with them, taking turns at going first so neither always finds the other's pages
 * in cache. Both see the same noise from whatever else the machine runs, so their ratio holds
 * where the absolute figures swing 2-3x between an idle and a loaded machine.
 */
export async function sampleAgainstCeiling<P>(
  iterations: number,
  draw: (i: number) => P,
  app: (params: P) => Promise<unknown>,
  ceiling: (params: P) => Promise<unknown>,
  warmup = Math.min(20, iterations),
): Promise<AgainstCeiling> {
  const timed = async (fn: (params: P) => Promise<unknown>, params: P) => {
    const started = performance.now();
    await fn(params);
    return performance.now() - started;
  };
  const result: AgainstCeiling = { app: [], ceiling: [] };
  for (let i = 0; i < warmup + iterations; i++) {
    const params = draw(i);
    const appFirst = i % 2 === 0;
    const first = await timed(appFirst ? app : ceiling, params);
    const second = await timed(appFirst ? ceiling : app, params);
    if (i < warmup) continue;
    result.app.push(appFirst ? first : second);
    result.ceiling.push(appFirst ? second : first);
  }
  result.app.sort((a, b) => a - b);
  result.ceiling.sort((a, b) => a - b);
  return result;
}

/** `value / ceiling` to two decimals: how far a figure is from its ceiling measured in the same run. */
export const ratio = (value: number, ceiling: number): number => Math.round((value / ceiling) * 100) / 100;

/**
 * BENCH_SCALE (default 1): the fraction of its data and iterations a benchmark runs with, to
 * check that it works without a full run. A scaled run's figures are not comparable with the
 * published ones (run.ts writes them to a separate file).
 */
export function benchScale(): number {
  const raw = process.env.BENCH_SCALE;
  if (raw === undefined || raw === "") return 1;
  const scale = Number(raw);
  if (!(scale > 0 && scale <= 1)) {
    throw new Error(`BENCH_SCALE must be a number above 0 and at most 1 (e.g. 0.1), got "${raw}".`);
  }
  return scale;
}

/** `n` shrunk by BENCH_SCALE, never below `min`. */
export const scaled = (n: number, min = 1): number => Math.max(min, Math.round(n * benchScale()));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? Number.NaN) * 100) / 100;
}

export const meetsTarget = (m: Metric): boolean | null =>
  m.target === undefined ? null : m.better === "lower" ? m.value <= m.target : m.value >= m.target;
