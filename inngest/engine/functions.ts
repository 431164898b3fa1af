import type { InngestFunction } from "inngest";
import { parseDuration } from "./durations";
import { compileExpression, type Expression } from "./expressions";
import { unsupportedFeatures } from "./supported";

type ConcurrencyOption = { limit: number; key?: string; scope?: "fn" | "env" | "account" };
type Period = string;

/** The registration config the SDK produces for a function (what it would send Inngest on sync). */
export type SdkFunctionConfig = {
  id: string;
  name?: string;
  triggers: Array<{ event: string; expression?: string } | { cron: string; jitter?: string }>;
  steps: Record<
    string,
    { id: string; name: string; runtime: { type: string; url: string }; retries?: { attempts?: number } }
  >;
  concurrency?: number | ConcurrencyOption | ConcurrencyOption[];
  throttle?: { limit: number; period: Period; key?: string; burst?: number };
  rateLimit?: { limit: number; period: Period; key?: string };
  idempotency?: string;
  debounce?: { period: Period; key?: string; timeout?: Period };
  batchEvents?: { maxSize: number; timeout: Period; key?: string; if?: string };
  singleton?: { key?: string; mode: "skip" | "cancel" };
  priority?: { run?: string };
  timeouts?: { start?: Period; finish?: Period };
  [option: string]: unknown;
};

export type ConcurrencyScope = "fn" | "env" | "account";

/** One concurrency limit: at most `limit` steps of the runs in one group execute at a time. */
export type ConcurrencyLimit = { limit: number; key: Expression | null; scope: ConcurrencyScope };

/**
 * A function's flow control, read once from its config. Enqueue-time controls decide whether and
 * when a run exists (rateLimit, idempotency, singleton, debounce, batchEvents, priority); claim-time
 * controls decide when it may start or take a step (concurrency, throttle, timeouts.start).
 */
export type FlowControl = {
  concurrency: ConcurrencyLimit[];
  throttle: { limit: number; periodMs: number; burst: number; key: Expression | null } | null;
  rateLimit: { limit: number; periodMs: number; key: Expression | null } | null;
  idempotency: Expression | null;
  singleton: { key: Expression | null; mode: "skip" | "cancel" } | null;
  debounce: { periodMs: number; timeoutMs: number | null; key: Expression | null } | null;
  batch: { maxSize: number; timeoutMs: number; key: Expression | null } | null;
  priority: Expression | null;
  startTimeoutMs: number | null;
};

/** An event trigger: an exact name or a `prefix.*` wildcard, with an optional CEL condition. */
export type EventTrigger = { event: string; prefix: string | null; condition: Expression | null };

/** What the engine needs to know about one function. */
export type EngineFunction = {
  id: string;
  name: string;
  /** The serve endpoint URL for this function (`?fnId=<id>&stepId=step`). */
  url: string;
  /** Trigger event names as registered (wildcards included). */
  events: string[];
  triggers: EventTrigger[];
  crons: string[];
  maxAttempts: number;
  flow: FlowControl;
  /** The registration config as the SDK built it (cancelOn, timeouts.finish: read in cancellation.ts). */
  config: SdkFunctionConfig;
};

/** The SDK's default when a function sets no `retries`. */
const DEFAULT_RETRIES = 3;

type ConfigSource = {
  getConfig(options: { baseUrl: URL; appPrefix: string }): SdkFunctionConfig[];
  client: { id: string };
};

/**
 * The configs of the registered functions, produced by the SDK itself exactly as the serve
 * handler builds its registration payload (the same private `getConfig` it calls), so ids, step
 * URLs and options match what Inngest would receive.
 */
export function sdkFunctionConfigs(
  functions: readonly InngestFunction.Any[],
  serveUrl: string,
): SdkFunctionConfig[] {
  return functions.flatMap((fn) => {
    const source = fn as unknown as ConfigSource;
    return source.getConfig({ baseUrl: new URL(serveUrl), appPrefix: source.client.id });
  });
}

/** Thrown by loadFunctions: the engine refuses to start rather than drop a function's events. */
export class UnsupportedFunctionsError extends Error {
  constructor(problems: ReadonlyArray<{ id: string; unsupported: string[] }>) {
    super(
      `The embedded automation engine cannot run ${problems.map((fn) => `${fn.id} (${fn.unsupported.join("; ")})`).join(", ")}. ` +
        "Change the function, implement the feature in inngest/engine (see supported.ts), or run with Inngest.",
    );
    this.name = "UnsupportedFunctionsError";
  }
}

/** A period unsupportedFeatures() has already checked ("5s", "1h30m"). */
function durationMs(period: Period): number {
  const ms = parseDuration(period);
  if (ms === null) throw new Error(`Cannot read the period "${period}"`);
  return ms;
}

const optionalExpression = (source: string | undefined) =>
  source?.trim() ? compileExpression(source.trim()) : null;

function concurrencyLimits(config: SdkFunctionConfig): ConcurrencyLimit[] {
  const options = Array.isArray(config.concurrency)
    ? config.concurrency
    : config.concurrency === undefined
      ? []
      : [config.concurrency];
  return options
    .map((option) =>
      typeof option === "number"
        ? { limit: option, key: null, scope: "fn" as const }
        : { limit: option.limit, key: optionalExpression(option.key), scope: option.scope ?? "fn" },
    )
    .filter((limit) => limit.limit > 0);
}

/** Reads a config unsupportedFeatures() accepted, so every period and expression here is valid. */
function flowControlOf(config: SdkFunctionConfig): FlowControl {
  const { throttle, rateLimit, debounce, batchEvents, singleton } = config;
  return {
    concurrency: concurrencyLimits(config),
    throttle: throttle
      ? {
          limit: throttle.limit,
          periodMs: durationMs(throttle.period),
          burst: throttle.burst ?? 0,
          key: optionalExpression(throttle.key),
        }
      : null,
    rateLimit: rateLimit
      ? {
          limit: rateLimit.limit,
          periodMs: durationMs(rateLimit.period),
          key: optionalExpression(rateLimit.key),
        }
      : null,
    idempotency: optionalExpression(config.idempotency),
    singleton: singleton ? { key: optionalExpression(singleton.key), mode: singleton.mode } : null,
    debounce: debounce
      ? {
          periodMs: durationMs(debounce.period),
          timeoutMs: debounce.timeout ? durationMs(debounce.timeout) : null,
          key: optionalExpression(debounce.key),
        }
      : null,
    batch: batchEvents
      ? {
          maxSize: batchEvents.maxSize,
          timeoutMs: durationMs(batchEvents.timeout),
          key: optionalExpression(batchEvents.key),
        }
      : null,
    priority: optionalExpression(config.priority?.run),
    startTimeoutMs: config.timeouts?.start ? durationMs(config.timeouts.start) : null,
  };
}

function eventTrigger(trigger: { event: string; expression?: string }): EventTrigger {
  const wildcard = trigger.event.endsWith("*");
  return {
    event: trigger.event,
    prefix: wildcard ? trigger.event.slice(0, -1) : null,
    condition: optionalExpression(trigger.expression),
  };
}

export function toEngineFunction(config: SdkFunctionConfig): EngineFunction {
  const step = config.steps.step;
  const triggers: EventTrigger[] = [];
  const crons: string[] = [];
  for (const trigger of config.triggers) {
    if ("event" in trigger) triggers.push(eventTrigger(trigger));
    else crons.push(trigger.cron);
  }
  return {
    id: config.id,
    name: config.name ?? config.id,
    url: step?.runtime.url ?? "",
    events: triggers.map((trigger) => trigger.event),
    triggers,
    crons,
    maxAttempts: (step?.retries?.attempts ?? DEFAULT_RETRIES) + 1,
    flow: flowControlOf(config),
    config,
  };
}

/**
 * The engine's view of the registry. Throws UnsupportedFunctionsError when any function uses
 * what the engine cannot run: starting anyway would mark that function's events delivered
 * without ever running it.
 */
export function loadFunctions(functions: readonly InngestFunction.Any[], serveUrl: string): EngineFunction[] {
  const configs = sdkFunctionConfigs(functions, serveUrl);
  const problems = configs
    .map((config) => ({ id: config.id, unsupported: unsupportedFeatures(config) }))
    .filter((fn) => fn.unsupported.length > 0);
  if (problems.length > 0) throw new UnsupportedFunctionsError(problems);
  return configs.map(toEngineFunction);
}
