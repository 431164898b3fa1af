import type { ClientOptions } from "inngest";
import { sdkLogger } from "../sdk-logger";
import { embeddedEventKey, embeddedSigningKey } from "./keys";

/** Where the engine's event API lives under the app (`<base>e/<event key>`, as Inngest's). */
export const ENGINE_BASE_PATH = "/api/inngest/engine/";
const SERVE_PATH = "/api/inngest";

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/** The serve endpoint of an app reachable at `origin` (e.g. `http://127.0.0.1:3000`). */
export function embeddedServeUrl(origin: string): string {
  return `${trimSlash(origin)}${SERVE_PATH}`;
}

/** The interface `next start -H` was given, as a host to connect to: a wildcard means loopback. */
function connectableHost(host: string | undefined): string {
  if (!host || host === "0.0.0.0" || host === "::" || host === "[::]") return "127.0.0.1";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/**
 * The serve endpoint this process calls itself at: `ENGINE_SERVE_URL` when set, else loopback on
 * the port it listens on. Never APP_URL: that is the public address, behind TLS and a load
 * balancer, which would add a round trip through them to every step, hand the call to whichever
 * replica it picks, and fail wherever the app cannot reach its own public name.
 */
export function appServeUrl(settings: { PORT?: number; HOST?: string; ENGINE_SERVE_URL?: string }): string {
  if (settings.ENGINE_SERVE_URL) return trimSlash(settings.ENGINE_SERVE_URL);
  return embeddedServeUrl(`http://${connectableHost(settings.HOST)}:${settings.PORT ?? 3000}`);
}

/**
 * Options for an Inngest client driven by the embedded engine, whose serve endpoint is `serveUrl`:
 * - cloud mode (`isDev: false`) with the derived signing key, so the serve endpoint verifies every
 *   call exactly as it would Inngest Cloud's;
 * - the derived event key and `baseUrl` at the engine's routes on the same origin, so `inngest.send` and
 *   `step.sendEvent` reach the engine (in the same process) instead of Inngest;
 * - checkpointing off: it reports step results to Inngest's API as they happen, which the engine
 *   does not serve (the engine already omits `ctx.fn_id`, which also keeps it off).
 */
export function embeddedClientOptions(input: {
  id: string;
  secret: string;
  serveUrl: string;
}): ClientOptions {
  return {
    id: input.id,
    isDev: false,
    signingKey: embeddedSigningKey(input.secret),
    eventKey: embeddedEventKey(input.secret),
    baseUrl: new URL(ENGINE_BASE_PATH, input.serveUrl).href,
    checkpointing: false,
    logger: sdkLogger,
  };
}
