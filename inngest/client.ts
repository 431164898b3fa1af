import { type ClientOptions, Inngest } from "inngest";
import { automationMode, env } from "@/server/env";
import { appServeUrl, embeddedClientOptions } from "./engine/client-options";
import { sdkLogger } from "./sdk-logger";

export const APP_ID = "assetronics";

/**
 * Options for the one client. Nothing here talks to the network or throws: `next build` imports
 * this module with an unvalidated environment, so a missing secret only leaves the client unkeyed
 * (the serve route then answers 500 until the app runs with its real configuration).
 */
function clientOptions(): ClientOptions {
  if (automationMode() === "inngest") {
    // Inngest Cloud, a self-hosted server or the dev server (INNGEST_DEV is read by the SDK itself).
    return {
      id: APP_ID,
      eventKey: env.INNGEST_EVENT_KEY,
      signingKey: env.INNGEST_SIGNING_KEY,
      baseUrl: env.INNGEST_BASE_URL,
      logger: sdkLogger,
    };
  }
  if (!env.AUTH_SECRET) return { id: APP_ID, isDev: false, checkpointing: false, logger: sdkLogger };
  // Events from functions go to the engine in this same process, over loopback (never APP_URL).
  return embeddedClientOptions({ id: APP_ID, secret: env.AUTH_SECRET, serveUrl: appServeUrl(env) });
}

export const inngest = new Inngest(clientOptions());
