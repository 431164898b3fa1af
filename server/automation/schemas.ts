import { z } from "zod";
import { EventSubject } from "../audit/schemas";
import { instant, safeString } from "../schemas/primitives";
import { runStatuses } from "./queries";

const RunError = z.object({ name: z.string(), message: z.string() }).nullable();

export const RunListInput = z
  .object({
    status: z.enum(runStatuses).optional(),
    functionId: safeString().max(200).optional(),
    before: instant().optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .default({});

export const RunListItem = z.object({
  id: z.string(),
  functionId: z.string(),
  triggerEventId: z.string(),
  triggerEventName: z.string(),
  status: z.enum(runStatuses),
  attempt: z.number(),
  maxAttempts: z.number(),
  error: RunError,
  nextRunAt: z.date(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});

/**
 * A run as an admin reads it first: what set it off, about which record ("Import of
 * assets.csv"), and who did it. Null when the trigger event is not in the tenant's log.
 */
export const RunSummary = RunListItem.extend({
  trigger: z
    .object({
      subject: EventSubject,
      actorLabel: z.string().nullable(),
    })
    .nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunDetail = RunListItem.extend({
  triggerEvent: z.unknown(),
  /** A batch run's events, in the order they joined the batch; null for a run of one event. */
  batchEventIds: z.array(z.string()).nullable(),
  output: z.unknown(),
  steps: z.array(
    z.object({
      stepId: z.string(),
      name: z.string(),
      op: z.string(),
      data: z.unknown(),
      error: RunError,
      attempts: z.number(),
      wakeAt: z.date().nullable(),
      createdAt: z.date(),
      completedAt: z.date().nullable(),
      discarded: z.boolean(),
    }),
  ),
});

export const RunIdInput = z.object({ runId: z.uuid() });

export const AutomationOverview = z.object({
  mode: z.enum(["embedded", "inngest"]),
  functions: z.array(z.object({ id: z.string(), name: z.string(), triggers: z.array(z.string()) })),
  backlog: z.object({
    pending: z.number(),
    retrying: z.number(),
    oldestPendingAt: z.date().nullable(),
    lastError: z.string().nullable(),
  }),
  counts: z.record(z.string(), z.number()),
});

export const DeadLetter = z.object({
  eventId: z.string(),
  eventName: z.string(),
  occurredAt: z.date(),
  attempts: z.number(),
  error: z.string().nullable(),
  deadAt: z.date(),
});

export const DeadLetterInput = z.object({ eventId: z.uuid() });

export const DeadLetterRetried = z.object({ eventId: z.string(), status: z.literal("pending") });
