import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

/** The Inngest serve endpoint: called by Inngest, or by the embedded engine, signature-verified either way. */
export const { GET, POST, PUT } = serve({ client: inngest, functions });
