import type { FailureEventArgs, GetStepTools, Inngest, InngestFunction } from "inngest";
import type { InTenant, TenantScope } from "@/server/context";
import { type EventEnvelope, eventOf, type ReceivedEvent } from "@/server/events/envelope";
import type { inngest } from "../client";
import type { EventName } from "../events";
import { inTenant } from "./in-tenant";

/**
 * A function's options as inngest.createFunction takes them, with its one trigger named by a
 * catalog event instead of `triggers` (which createTenantFunction builds): the engine reads the
 * rest as it is.
 */
export type TenantFunctionOptions<N extends EventName> = Omit<
  InngestFunction.Options,
  "triggers" | "id" | "name" | "onFailure"
> & {
  id: string;
  name: string;
  event: N;
  /**
   * Which of the trigger's events start a run (Inngest's trigger `if`, on the event as sent: its
   * `data` is the envelope, so `event.data.actor.type == 'integration'`): the others start none,
   * which costs nothing where a run would have ended at once.
   */
  when?: string;
  /**
   * Runs once the function has finally failed, whatever failed it (its own error after the last
   * retry, a lost worker, calls that never answered): the triggering event typed as the handler
   * gets it, the final error, and `inTenant` acting as the function's failure handler.
   */
  onFailure?: (input: TenantFailureInput<N>) => Promise<unknown>;
};

/** What a tenant function's failure handler receives. */
export type TenantFailureInput<N extends EventName> = {
  event: EventEnvelope<N>;
  error: Error;
  step: GetStepTools<typeof inngest>;
  runId: string;
  inTenant: InTenant;
};

/** What a tenant function's handler receives. */
export type TenantFunctionInput<N extends EventName> = {
  /** The triggering event's envelope, `data` checked against the catalog and typed by it. */
  event: EventEnvelope<N>;
  step: GetStepTools<typeof inngest>;
  runId: string;
  attempt: number;
  /** Opens a transaction of the event's tenant as this function, caused by the event (in-tenant.ts). */
  inTenant: InTenant;
};

type FailureArgs = FailureEventArgs & { step: unknown; runId: string };

export type TenantFunction<N extends EventName, R> = {
  options: TenantFunctionOptions<N>;
  handler: (input: TenantFunctionInput<N>) => Promise<R>;
};

/**
 * A function that handles one catalog event of one tenant: the handler reads typed data and
 * calls services through `inTenant`, so what it writes names the function as actor and the event
 * as cause. Build it on a client with createTenantFunction (the app's in the registry, a test
 * harness's in engine tests).
 */
export function tenantFunction<N extends EventName, R>(
  options: TenantFunctionOptions<N>,
  handler: (input: TenantFunctionInput<N>) => Promise<R>,
): TenantFunction<N, R> {
  return { options, handler };
}

/**
 * The Inngest function of `definition` on `client`, triggered by its event: one run per event, or
 * per batch for a definition made with tenantBatchFunction.
 */
export function createTenantFunction<N extends EventName, R>(
  client: Inngest.Any,
  definition: TenantFunction<N, R> | TenantBatchFunction<N, R>,
): InngestFunction.Any {
  return isBatch(definition)
    ? createBatchFunction(client, definition)
    : createEventFunction(client, definition);
}

const isBatch = <N extends EventName, R>(
  definition: TenantFunction<N, R> | TenantBatchFunction<N, R>,
): definition is TenantBatchFunction<N, R> => "batch" in definition.options;

function createEventFunction<N extends EventName, R>(
  client: Inngest.Any,
  definition: TenantFunction<N, R>,
): InngestFunction.Any {
  const { event: trigger, when, onFailure, ...options } = definition.options;
  const failureHandler = onFailure && {
    onFailure: async ({ event, error, step, runId }: FailureArgs) => {
      // Inngest's inngest/function.failed carries the original event in data.event.
      const original = event.data.event;
      const envelope = eventOf(trigger, { id: original.id, name: original.name, data: original.data });
      const run = {
        functionId: `${fn.id(client.id)}-failure`,
        functionName: `${options.name} (failure)`,
        runId,
      };
      return onFailure({
        event: envelope,
        error,
        step: step as TenantFailureInput<N>["step"],
        runId,
        inTenant: inTenant(envelope, run),
      });
    },
  };
  const fn: InngestFunction.Any = client.createFunction(
    { ...options, ...failureHandler, triggers: [when ? { event: trigger, if: when } : { event: trigger }] },
    async ({ event, step, runId, attempt }) => {
      const envelope = eventOf(trigger, event);
      const run = { functionId: fn.id(client.id), functionName: options.name, runId };
      return definition.handler({
        event: envelope,
        step: step as TenantFunctionInput<N>["step"],
        runId,
        attempt,
        inTenant: inTenant(envelope, run),
      });
    },
  );
  return fn;
}

/**
 * The options of a function that handles a tenant's events in batches (Inngest's batchEvents):
 * one run receives up to `maxSize` events of one tenant, starting when it is full or `timeout`
 * after its first event. For the few events that come in bursts (a bulk assignment, an HRIS sync
 * terminating hundreds): the run's fixed cost (its calls, claims and recorded steps) is paid once
 * per batch instead of once per event.
 */
export type TenantBatchFunctionOptions<N extends EventName> = Omit<
  InngestFunction.Options,
  "triggers" | "id" | "name" | "onFailure" | "batchEvents"
> & {
  id: string;
  name: string;
  event: N;
  batch: { maxSize: number; timeout: `${number}s` };
};

/** What a batch function's handler receives. */
export type TenantBatchFunctionInput<N extends EventName> = {
  /** The batch's events, all of one tenant, each checked against the catalog and typed by it. */
  events: EventEnvelope<N>[];
  step: GetStepTools<typeof inngest>;
  runId: string;
  attempt: number;
  /** A transaction of the tenant as this function, caused by `event` (one of the batch). */
  inTenant: (event: EventEnvelope<N>) => InTenant;
};

/** A batch's work per event: what each event gave, and the events that failed with their error. */
export type EachEventOutcome<N extends EventName, T> = {
  results: { event: EventEnvelope<N>; result: T }[];
  failed: { event: EventEnvelope<N>; error: unknown }[];
};

/**
 * Does `work` for each of a batch's events in a transaction of its own, caused by that event, and
 * tries every event whatever the others do: one event's failure (a leaver whose offboarding cannot
 * start yet) never holds back the rest of its batch. The caller decides what a failure means.
 */
export async function eachEvent<N extends EventName, T>(
  events: readonly EventEnvelope<N>[],
  inTenant: (event: EventEnvelope<N>) => InTenant,
  work: (scope: TenantScope, event: EventEnvelope<N>) => Promise<T>,
): Promise<EachEventOutcome<N, T>> {
  const outcome: EachEventOutcome<N, T> = { results: [], failed: [] };
  for (const event of events) {
    try {
      outcome.results.push({ event, result: await inTenant(event)((scope) => work(scope, event)) });
    } catch (error) {
      outcome.failed.push({ event, error });
    }
  }
  return outcome;
}

export type TenantBatchFunction<N extends EventName, R> = {
  options: TenantBatchFunctionOptions<N>;
  handler: (input: TenantBatchFunctionInput<N>) => Promise<R>;
};

export function tenantBatchFunction<N extends EventName, R>(
  options: TenantBatchFunctionOptions<N>,
  handler: (input: TenantBatchFunctionInput<N>) => Promise<R>,
): TenantBatchFunction<N, R> {
  return { options, handler };
}

/**
 * A batch definition's Inngest function. The batch is keyed by tenant, so a run never carries two
 * tenants' events, on Inngest Cloud as in the embedded engine.
 */
function createBatchFunction<N extends EventName, R>(
  client: Inngest.Any,
  definition: TenantBatchFunction<N, R>,
): InngestFunction.Any {
  const { event: trigger, batch, ...options } = definition.options;
  const fn: InngestFunction.Any = client.createFunction(
    {
      ...options,
      batchEvents: { ...batch, key: "event.data.tenantId" },
      triggers: [{ event: trigger }],
    },
    async ({ events, step, runId, attempt }) => {
      const run = { functionId: fn.id(client.id), functionName: options.name, runId };
      return definition.handler({
        events: events.map((event: ReceivedEvent) => eventOf(trigger, event)),
        step: step as TenantBatchFunctionInput<N>["step"],
        runId,
        attempt,
        inTenant: (event) => inTenant(event, run),
      });
    },
  );
  return fn;
}
