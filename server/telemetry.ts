import type { Counter, Histogram } from "@opentelemetry/api";
import { PrometheusExporter, PrometheusSerializer } from "@opentelemetry/exporter-prometheus";
import { MeterProvider } from "@opentelemetry/sdk-metrics";

/**
 * OpenTelemetry metrics for every service operation (tRPC procedure), function run and relay
 * delivery: a duration histogram and a counter, labelled by kind, name and outcome. Exported in
 * Prometheus format at /api/metrics. Labels never carry tenant ids or personal data.
 */
export type OperationKind = "procedure" | "function" | "relay" | "engine";

type Instruments = {
  exporter: PrometheusExporter;
  duration: Histogram;
  total: Counter;
};

function createInstruments(): Instruments {
  const exporter = new PrometheusExporter({ preventServerStart: true, withoutScopeInfo: true });
  const provider = new MeterProvider({ readers: [exporter] });
  const meter = provider.getMeter("assetronics");
  return {
    exporter,
    duration: meter.createHistogram("assetronics_operation_duration_seconds", {
      description: "Duration of service operations, function runs and deliveries",
      unit: "s",
      advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] },
    }),
    total: meter.createCounter("assetronics_operations", { description: "Service operations by outcome" }),
  };
}

// One set per process, kept across dev-mode module reloads.
const holder = globalThis as { __assetronicsTelemetry?: Instruments };
holder.__assetronicsTelemetry ??= createInstruments();
const instruments = holder.__assetronicsTelemetry;

export function recordOperation(kind: OperationKind, name: string, outcome: string, seconds: number): void {
  const labels = { kind, name, outcome };
  instruments.duration.record(seconds, labels);
  instruments.total.add(1, labels);
}

/** Times `fn` and records it; the outcome is "ok" or the error's code/name. */
export async function measure<T>(kind: OperationKind, name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await fn();
    recordOperation(kind, name, "ok", (performance.now() - started) / 1000);
    return result;
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    recordOperation(
      kind,
      name,
      typeof code === "string" ? code : "error",
      (performance.now() - started) / 1000,
    );
    throw error;
  }
}

export async function renderPrometheus(): Promise<string> {
  const { resourceMetrics } = await instruments.exporter.collect();
  return new PrometheusSerializer("", false, undefined, true, true).serialize(resourceMetrics);
}
