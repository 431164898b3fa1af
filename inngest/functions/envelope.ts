import { z } from "zod";
import { actorSchema } from "../events";

/** The envelope every relayed event carries in `data` (server/events/envelope.ts). */
const Envelope = z.object({
  tenantId: z.uuid(),
  seq: z.number(),
  actor: actorSchema,
  entity: z.object({ type: z.string(), id: z.string() }),
  data: z.record(z.string(), z.unknown()),
  occurredAt: z.string(),
});

export type FunctionEnvelope = z.infer<typeof Envelope>;

export function envelopeOf(event: { data: unknown }): FunctionEnvelope {
  return Envelope.parse(event.data);
}
