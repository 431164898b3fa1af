import { receiveAppEvents } from "@/inngest/engine/app-engine";

/** The embedded engine's event API (Inngest's `POST /e/<event key>`), used in embedded mode only. */
export async function POST(
  request: Request,
  context: { params: Promise<{ key: string }> },
): Promise<Response> {
  const { key } = await context.params;
  return receiveAppEvents(request, key);
}
