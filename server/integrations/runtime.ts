import { env } from "../env";
import { AppError } from "../errors";
import { guardedFetch } from "./guarded-fetch";
import { HRIS_PROVIDERS, type HrisAdapter, type HrisProvider } from "./hris/adapter";
import { adapterFor } from "./hris/registry";

/**
 * What talks to providers: the adapter for each provider and the (SSRF-guarded) HTTP client they
 * use. Services and the sync function take it as a parameter, so tests pass an in-test adapter or
 * a fetch allowed to reach a local fake; the app uses `defaultRuntime()`.
 */
export type IntegrationRuntime = {
  adapterFor: (provider: HrisProvider) => HrisAdapter;
  fetch: typeof fetch;
  /** Whether a base URL may name a private or loopback host (INTEGRATIONS_ALLOW_PRIVATE_HOSTS). */
  allowPrivateHosts: boolean;
  /** Records a sync step gathers before it applies them (default 1,000; tests use 1 for page-by-page). */
  recordsPerStep?: number;
};

export function defaultRuntime(): IntegrationRuntime {
  const allowPrivateHosts = env.INTEGRATIONS_ALLOW_PRIVATE_HOSTS;
  return { adapterFor, fetch: guardedFetch({ allowPrivateHosts }), allowPrivateHosts };
}

export function isProvider(value: string): value is HrisProvider {
  return (HRIS_PROVIDERS as readonly string[]).includes(value);
}

export function providerOf(value: string): HrisProvider {
  if (!isProvider(value)) throw new AppError("INTERNAL", `Unknown integration provider "${value}".`);
  return value;
}

/** The provider's name as the app shows it ("BambooHR"), or the raw name for one no longer offered. */
export function providerLabel(runtime: Pick<IntegrationRuntime, "adapterFor">, provider: string): string {
  return isProvider(provider) ? runtime.adapterFor(provider).label : provider;
}
