import type { InngestFunction } from "inngest";
import { unsupportedFeatures } from "./supported";

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
  [option: string]: unknown;
};
type ConcurrencyOption = { limit: number; key?: string; scope?: string };

/** What the engine needs to know about one function. */
export type EngineFunction = {
  id: string;
  name: string;
  /** The serve endpoint URL for this function (`?fnId=<id>&stepId=step`). */
  url: string;
  events: string[];
  crons: string[];
  maxAttempts: number;
  concurrency: { limit: number; key: string | null } | null;
  /** Features the engine does not implement; a function with any never runs (see supported.ts). */
  unsupported: string[];
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

export function toEngineFunction(config: SdkFunctionConfig): EngineFunction {
  const step = config.steps.step;
  const events: string[] = [];
  const crons: string[] = [];
  for (const trigger of config.triggers) {
    if ("event" in trigger) events.push(trigger.event);
    else crons.push(trigger.cron);
  }
  const option = Array.isArray(config.concurrency) ? config.concurrency[0] : config.concurrency;
  const concurrency =
    option === undefined
      ? null
      : typeof option === "number"
        ? { limit: option, key: null }
        : { limit: option.limit, key: option.key ?? null };
  return {
    id: config.id,
    name: config.name ?? config.id,
    url: step?.runtime.url ?? "",
    events,
    crons,
    maxAttempts: (step?.retries?.attempts ?? DEFAULT_RETRIES) + 1,
    concurrency: concurrency && concurrency.limit > 0 ? concurrency : null,
    unsupported: unsupportedFeatures(config),
  };
}

export function loadFunctions(functions: readonly InngestFunction.Any[], serveUrl: string): EngineFunction[] {
  return sdkFunctionConfigs(functions, serveUrl).map(toEngineFunction);
}

/**
 * The concurrency group of a run, from the function's key expression evaluated on its event.
 * Supported keys (see supported.ts): a path into the event (`event.data.tenantId`) or a quoted
 * string. Null when the function has no limit; "" for a limit without a key (function-wide).
 */
export function concurrencyKeyFor(fn: EngineFunction, event: unknown): string | null {
  if (!fn.concurrency) return null;
  const expression = fn.concurrency.key?.trim();
  if (!expression) return "";
  const literal = /^"([^"]*)"$|^'([^']*)'$/.exec(expression);
  if (literal) return literal[1] ?? literal[2] ?? "";
  let value: unknown = { event };
  for (const part of expression.split(".")) {
    value =
      value !== null && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  }
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
