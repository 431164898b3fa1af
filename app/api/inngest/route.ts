import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { inBackground } from "@/server/db";
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

/** The SDK throws on a body that is not JSON (a 500 and a stack trace); refuse it as a 400 first. */
async function POST(request: Request, context: unknown): Promise<Response> {
  try {
    JSON.parse(await request.clone().text());
  } catch {
    return Response.json(
      { error: { code: "BAD_REQUEST", message: "The request body must be JSON." } },
      { status: 400 },
    );
  }
  // Function runs are background work: on the embedded database, people's requests go first.
  return inBackground(() => handler.POST(request as Parameters<typeof handler.POST>[0], context));
}

export const { GET } = handler;
export { POST };
export const PUT = automationMode() === "embedded" ? embeddedSync : handler.PUT;
