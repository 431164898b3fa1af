import type { EventName } from "@/inngest/events";
import type { StatusKind } from "@/server/assets/lifecycle";
import type { EventInput } from "@/server/events/emit";
import type { AssetPlan, HistoryPlan } from "./assets";
import { type Day, instantOn } from "./days";
import type { EmployeePlan } from "./people";

/** One event of the demo's story, and the asset history entry it records (none for a person's). */
export type StoryEvent = {
  event: EventInput<EventName>;
  entry: { asset: AssetPlan; plan: HistoryPlan } | null;
};

type StatusLabel = (kind: StatusKind) => string;

/**
 * The events the asset services write for a history entry (server/assets/services/*): the first
 * is the one the entry links to; a retirement also gets its asset.retired, as changeAssetStatus
 * emits. `lastMaintenance` is the asset's maintenance date before this entry.
 */
export function assetEntryEvents(
  asset: AssetPlan,
  entry: HistoryPlan,
  statusLabel: StatusLabel,
  lastMaintenance: Day | null,
): Array<EventInput<EventName>> {
  const base = { entityId: asset.id };
  const { tag } = asset;
  if (entry.type === "purchase" && entry.toStatus) {
    return [
      {
        ...base,
        name: "asset.created",
        data: { tag, name: asset.name, status: statusLabel(entry.toStatus) },
      },
    ];
  }
  if (entry.type === "assignment" && entry.toEmployeeId) {
    return [
      {
        ...base,
        name: "asset.assigned",
        data: { tag, employeeId: entry.toEmployeeId, expectedReturnAt: null },
      },
    ];
  }
  if (entry.type === "return" && entry.fromEmployeeId && entry.toStatus) {
    const data = {
      tag,
      employeeId: entry.fromEmployeeId,
      condition: entry.condition,
      toStatus: statusLabel(entry.toStatus),
    };
    return [{ ...base, name: "asset.returned", data }];
  }
  if (entry.type === "maintenance" && typeof entry.data?.performedOn === "string") {
    const changes = { last_maintenance_at: { before: lastMaintenance, after: entry.data.performedOn } };
    return [{ ...base, name: "asset.updated", data: { tag, changes } }];
  }
  if (entry.fromStatus && entry.toStatus) {
    const changed: EventInput<"asset.status_changed"> = {
      ...base,
      name: "asset.status_changed",
      data: {
        tag,
        from: statusLabel(entry.fromStatus),
        to: statusLabel(entry.toStatus),
        kind: entry.toStatus,
        ...(entry.notes ? { notes: entry.notes } : {}),
      },
    };
    if (entry.toStatus !== "retired" && entry.toStatus !== "disposed") return [changed];
    return [
      changed,
      { ...base, name: "asset.retired", data: { tag, disposed: entry.toStatus === "disposed" } },
    ];
  }
  throw new Error(`no event for ${tag}'s ${entry.type}`);
}

/**
 * Every asset's history as its events, at the time each entry happened (`now` for the entries
 * that happen as the demo is seeded), in the order the asset lived it.
 */
export function assetStory(assets: readonly AssetPlan[], statusLabel: StatusLabel, now: Date): StoryEvent[] {
  return assets.flatMap((asset) => {
    let lastMaintenance: Day | null = null;
    return asset.history.flatMap((plan) => {
      const events = assetEntryEvents(asset, plan, statusLabel, lastMaintenance);
      if (plan.type === "maintenance" && typeof plan.data?.performedOn === "string")
        lastMaintenance = plan.data.performedOn;
      const occurredAt = plan.at ?? now;
      return events.map((event, index) => ({
        event: { ...event, occurredAt },
        entry: index === 0 ? { asset, plan } : null,
      }));
    });
  });
}

/** Office hours open at 15:00 UTC (see instantOn): a person is on record before their first handover. */
const RECORDED_AT_MINUTES = 14 * 60;
const LEFT_AT_MINUTES = 23 * 60 + 59;

/**
 * People's own events: each was recorded on their hire date and, for those who left, terminated
 * at the end of their last day. The new hires are recorded, and the leaver leaves, as the demo
 * is seeded (`now`).
 */
export function peopleStory(employees: readonly EmployeePlan[], now: Date): StoryEvent[] {
  return employees.flatMap((employee) => {
    const created: StoryEvent = {
      event: {
        name: "employee.created",
        entityId: employee.id,
        data: { name: `${employee.firstName} ${employee.lastName}`, hireDate: employee.hireDate },
        occurredAt: employee.role === "new_hire" ? now : instantOn(employee.hireDate, RECORDED_AT_MINUTES),
      },
      entry: null,
    };
    if (!employee.terminationDate) return [created];
    const terminated: StoryEvent = {
      event: {
        name: "employee.terminated",
        entityId: employee.id,
        data: {
          terminatedAt: employee.terminationDate,
          ...(employee.role === "leaver" ? { reason: "Resigned" } : {}),
        },
        occurredAt: employee.role === "leaver" ? now : instantOn(employee.terminationDate, LEFT_AT_MINUTES),
      },
      entry: null,
    };
    return [created, terminated];
  });
}

/**
 * The whole story in the order it happened, so the chain's seq follows time. Sorting is stable:
 * events at the same instant keep the order they were told in (an asset's entries, a person's).
 */
export function inTimeOrder(stories: readonly StoryEvent[][]): StoryEvent[] {
  const time = (story: StoryEvent) => story.event.occurredAt?.getTime() ?? 0;
  return stories.flat().sort((a, b) => time(a) - time(b));
}
