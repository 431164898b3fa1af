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

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? Number.NaN) * 100) / 100;
}

export const meetsTarget = (m: Metric): boolean | null =>
  m.target === undefined ? null : m.better === "lower" ? m.value <= m.target : m.value >= m.target;
