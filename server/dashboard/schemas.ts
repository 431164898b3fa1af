import { z } from "zod";
import { statusKinds } from "../assets/lifecycle";
import { EventSubject } from "../audit/schemas";

export const DashboardSummary = z.object({
  usersByRole: z.record(z.string(), z.number()),
  departments: z.number(),
  locations: z.number(),
  /** Whether the reader signed in before this visit ("Welcome back" rather than "Welcome"). */
  returning: z.boolean(),
  activity: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      actorLabel: z.string().nullable(),
      occurredAt: z.date(),
      data: z.record(z.string(), z.unknown()),
      /** The record the change was about, named and linked ("AST-000123 · MacBook Air"). */
      subject: EventSubject,
    }),
  ),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

/** Money as a decimal string ("1234.50"): summed in cents, so no cent is lost to floating point. */
const Money = z.string().regex(/^\d+\.\d{2}$/);

export const AssetOverview = z.object({
  /** Assets still owned: every kind but disposed. */
  total: z.number().int(),
  disposed: z.number().int(),
  /** In-fleet assets per status kind, in lifecycle order (disposed left out, see `disposed`). */
  byKind: z.array(z.object({ kind: z.enum(statusKinds), count: z.number().int() })),
  /** The largest categories (in-fleet assets), then the rest as one "other" entry (id null). */
  byCategory: z.array(z.object({ id: z.string().nullable(), name: z.string(), count: z.number().int() })),
  /** In-service assets whose warranty ends within WARRANTY_WINDOW_DAYS (today included). */
  warrantyExpiring: z.number().int(),
  purchaseCost: Money,
  bookValue: Money,
});
export type AssetOverview = z.infer<typeof AssetOverview>;

/** The agent's figures: devices not seen for the tenant's stale days, and discovered ones to review. */
export const AgentCheckIns = z.object({
  /** The tenant's stale days (Settings -> Agent). */
  staleDays: z.number().int(),
  /** Whether any active agent device is linked to an asset (no agent, no card). */
  linkedDevices: z.boolean(),
  /** Assets whose active agent has not checked in for `staleDays`: the asset list's `stale=1`. */
  stale: z.number().int(),
  /** Discovered devices waiting for review. */
  pendingReview: z.number().int(),
});
export type AgentCheckIns = z.infer<typeof AgentCheckIns>;

export const activityTypes = ["assignment", "return", "repair_start", "retire"] as const;
export type ActivityType = (typeof activityTypes)[number];

export const AssetActivityWeek = z.object({
  /** The week's Monday (UTC), "2026-11-23". */
  weekStart: z.string(),
  assignment: z.number().int(),
  return: z.number().int(),
  repair_start: z.number().int(),
  retire: z.number().int(),
});
export type AssetActivityWeek = z.infer<typeof AssetActivityWeek>;
