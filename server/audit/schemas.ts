import { z } from "zod";
import { runStatuses } from "../automation/queries";
import { DAY_MAX, DAY_MIN, id, safeString, text } from "../schemas/primitives";
import { isValidDay, isValidTimeZone } from "./day-range";

const EventName = safeString()
  .trim()
  .max(100, "Choose an event type from the list, like user.invited")
  .regex(/^[a-z][a-z_]*\.[a-z][a-z_]*$/, "Choose an event type from the list, like user.invited");
const Day = safeString()
  .trim()
  .refine(isValidDay, "Enter a date as YYYY-MM-DD, like 2026-03-31")
  .refine((day) => day >= DAY_MIN && day <= DAY_MAX, "Use a date between 1900 and 9998");

/** What the audit log can be filtered by; the same fields drive the page URL and the CSV export. */
const filterShape = {
  entityType: text({ max: 50, maxMessage: "Use at most 50 characters for the entity type" }).optional(),
  entityId: text({ max: 200, maxMessage: "Use at most 200 characters for the entity id" }).optional(),
  /** A record as a person names it: an asset's tag or name, a person's name or email, or an id. */
  entity: text({ max: 200, maxMessage: "Use at most 200 characters to name the record" }).optional(),
  actorId: text({ max: 200, maxMessage: "Use at most 200 characters for the actor id" }).optional(),
  names: z.array(EventName).max(50, "Choose at most 50 event types").optional(),
  from: Day.optional(),
  to: Day.optional(),
  /** The IANA zone the from/to days are meant in (the person's own); UTC when absent. */
  timeZone: safeString()
    .trim()
    .max(100, "Unknown time zone; use an IANA name like Europe/Paris")
    .refine(isValidTimeZone, "Unknown time zone; use an IANA name like Europe/Paris")
    .optional(),
};

type FilterFields = { from?: string; to?: string };

function checkFilters(filters: FilterFields, ctx: z.RefinementCtx): void {
  if (filters.from && filters.to && filters.from > filters.to) {
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: "The end date must be on or after the start date.",
    });
  }
}

export const AuditFilters = z.object(filterShape).superRefine(checkFilters);
export type AuditFilters = z.infer<typeof AuditFilters>;

export const AUDIT_PAGE_SIZE = 50;
export const AuditListInput = z
  .object({
    ...filterShape,
    /** The seq of the last event already shown; the next page starts just below it. */
    cursor: z.number().int().positive().nullish(),
    limit: z.number().int().min(1).max(200).default(AUDIT_PAGE_SIZE),
  })
  .superRefine(checkFilters);
export type AuditListInput = z.input<typeof AuditListInput>;

const EventActor = z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() });
const EntityRef = z.object({ type: z.string(), id: z.string() });

/** What an event was emitted in answer to: the event, and the function run that handled it. */
export const CausedBy = z.object({
  eventId: z.string(),
  functionId: z.string().nullable(),
  runId: z.string().nullable(),
});
export type CausedBy = z.infer<typeof CausedBy>;

export const AuditEventItem = z.object({
  id: z.string(),
  seq: z.number(),
  name: z.string(),
  actor: EventActor,
  entity: EntityRef,
  data: z.record(z.string(), z.unknown()),
  occurredAt: z.date(),
  hash: z.string(),
  /** The root of the event's chain: its own id for a root, and for events from before causation. */
  correlationId: z.string(),
  /** Null for a root: a person's request, a schedule, or an event from before causation. */
  causedBy: CausedBy.nullable(),
});
export type AuditEventItem = z.infer<typeof AuditEventItem>;

/** The event that caused another, as the "because ..." line shows it. */
export const CauseEvent = z.object({
  name: z.string(),
  actor: EventActor,
  entity: EntityRef,
  occurredAt: z.date(),
});
export type CauseEvent = z.infer<typeof CauseEvent>;

/** Why an entry happened, resolved for the person reading it. */
export const CauseSummary = z.object({
  /** The function that handled the cause ("Import assets from CSV"); null when no longer served. */
  functionName: z.string().nullable(),
  /** Null when the cause is an audit-only record (a user, the tenant) and the reader is not an auditor. */
  event: CauseEvent.nullable(),
  /** Whether the reader may open the whole chain (those who read the audit log). */
  canOpenChain: z.boolean(),
});
export type CauseSummary = z.infer<typeof CauseSummary>;

/** An event as the audit log and the records' histories show it: with why it happened. */
export const AuditEntry = AuditEventItem.extend({ cause: CauseSummary.nullable() });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({ items: z.array(AuditEventItem), nextCursor: z.number().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

/**
 * The record an event is about, as a reader knows it: "AST-000123 · MacBook Air", "Emery Ross".
 * `label` is null when the record is gone and its event named nothing; `href` is where it is
 * managed, null when it has no page or no longer exists.
 */
export const EventSubject = z.object({
  type: z.string(),
  id: z.string(),
  label: z.string().nullable(),
  href: z.string().nullable(),
});
export type EventSubject = z.infer<typeof EventSubject>;

/** An entry of the audit log: why it happened and which record it is about. */
export const AuditLogEntry = AuditEntry.extend({ subject: EventSubject });
export type AuditLogEntry = z.infer<typeof AuditLogEntry>;

export const AuditEntryPage = z.object({
  items: z.array(AuditLogEntry),
  nextCursor: z.number().nullable(),
});
export type AuditEntryPage = z.infer<typeof AuditEntryPage>;

export const TimelineInput = z.object({
  entityType: text({ max: 50, minMessage: "Choose an entity type" }),
  entityId: text({ max: 200, minMessage: "Enter an entity id" }),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TimelineInput = z.infer<typeof TimelineInput>;

/** A record the audit log is filtered to, to be named in its heading. */
export const SubjectInput = TimelineInput.pick({ entityType: true, entityId: true });
export type SubjectInput = z.infer<typeof SubjectInput>;

export const AuditFacets = z.object({
  names: z.array(z.string()),
  entityTypes: z.array(z.string()),
  actors: z.array(z.object({ id: z.string(), type: z.string(), label: z.string().nullable() })),
});
export type AuditFacets = z.infer<typeof AuditFacets>;

export const chainProblemKinds = ["hash_mismatch", "seq_gap", "prev_hash_mismatch", "head_mismatch"] as const;
export const ChainProblem = z.object({
  kind: z.enum(chainProblemKinds),
  /** The event the problem was found at (for a gap: the first missing seq). */
  seq: z.number(),
  message: z.string(),
});
export type ChainProblem = z.infer<typeof ChainProblem>;

export const ChainVerification = z.object({
  ok: z.boolean(),
  checked: z.number(),
  lastSeq: z.number().nullable(),
  head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
  /** The first problems found, in seq order; `problemCount` counts them all. */
  problems: z.array(ChainProblem),
  problemCount: z.number(),
  verifiedAt: z.date(),
});
export type ChainVerification = z.infer<typeof ChainVerification>;

/** The most events a chain shows; an import of 10,000 rows is one chain of 10,001. */
export const CHAIN_EVENT_LIMIT = 500;

export const ChainInput = z.object({ eventId: id() });

export const ChainEvent = z.object({
  id: z.string(),
  seq: z.number(),
  name: z.string(),
  actor: EventActor,
  entity: EntityRef,
  /** The record the event is about, named as the audit log names it. */
  subject: EventSubject,
  data: z.record(z.string(), z.unknown()),
  occurredAt: z.date(),
});
export type ChainEvent = z.infer<typeof ChainEvent>;

/**
 * One function's handling of an event and what it emitted. `recorded` runs are rows of the
 * embedded engine (Settings -> Automation shows them); a run on Inngest itself is known only from
 * the events it emitted, so its status is null.
 */
export const ChainRun = z.object({
  id: z.string().nullable(),
  functionId: z.string().nullable(),
  functionName: z.string().nullable(),
  status: z.enum(runStatuses).nullable(),
  error: z.object({ name: z.string(), message: z.string() }).nullable(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  recorded: z.boolean(),
  get events() {
    return z.array(ChainNode);
  },
});
export type ChainRun = z.infer<typeof ChainRun>;

/** An event of the chain and the runs it triggered. */
export const ChainNode = z.object({
  event: ChainEvent,
  get runs() {
    return z.array(ChainRun);
  },
});
export type ChainNode = z.infer<typeof ChainNode>;

export const CausalChain = z.object({
  root: ChainNode,
  /** Events in the chain, the root included; more than `shown` when the chain was cut. */
  eventCount: z.number(),
  shown: z.number(),
  limit: z.number(),
});
export type CausalChain = z.infer<typeof CausalChain>;
