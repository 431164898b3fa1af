import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { automationMode } from "@/server/env";

/** The Inngest serve endpoint: called by Inngest, or by the embedded engine, signature-verified either way. */
const handler = serve({ client: inngest, functions });

/**
 * PUT asks the SDK to register the app's functions with Inngest. The embedded engine reads them
 * from this same code when it starts, so there is nothing to register: it answers as Inngest does
 * for an unchanged app (200, modified: false) instead of trying to reach an Inngest API that is
 * not there. Deploy hooks and `curl -X PUT` behave the same in both modes.
 */
async function embeddedSync(): Promise<Response> {
  return Response.json(
    {
      message: `The embedded automation engine runs the ${functions.length} functions of this app; nothing to register.`,
      modified: false,
    },
    { status: 200 },
  );
}

export const { GET, POST } = handler;
export const PUT = automationMode() === "embedded" ? embeddedSync : handler.PUT;
