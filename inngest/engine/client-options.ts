import type { ClientOptions } from "inngest";
import { sdkLogger } from "../sdk-logger";
import { embeddedEventKey, embeddedSigningKey } from "./keys";

/** Where the engine's event API lives under the app (`<base>e/<event key>`, as Inngest's). */
export const ENGINE_BASE_PATH = "/api/inngest/engine/";

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/** The serve endpoint the engine calls, for an app served at `appUrl`. */
export function embeddedServeUrl(appUrl: string): string {
  return `${trimSlash(appUrl)}/api/inngest`;
}

/**
 * Options for an Inngest client driven by the embedded engine:
 * - cloud mode (`isDev: false`) with the derived signing key, so the serve endpoint verifies every
 *   call exactly as it would Inngest Cloud's;
 * - the derived event key and `baseUrl` at the engine's routes, so `inngest.send` and
 *   `step.sendEvent` reach the engine instead of Inngest;
 * - checkpointing off: it reports step results to Inngest's API as they happen, which the engine
 *   does not serve (the engine already omits `ctx.fn_id`, which also keeps it off).
 */
export function embeddedClientOptions(input: { id: string; secret: string; appUrl: string }): ClientOptions {
  return {
    id: input.id,
    isDev: false,
    signingKey: embeddedSigningKey(input.secret),
    eventKey: embeddedEventKey(input.secret),
    baseUrl: `${trimSlash(input.appUrl)}${ENGINE_BASE_PATH}`,
    checkpointing: false,
    logger: sdkLogger,
  };
}
