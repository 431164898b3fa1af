import { sql } from "kysely";
import type { Trx } from "../db";
import type { NotificationMessage } from "./message";
import { deliveryStatuses, type FailedDeliveriesInput } from "./schemas";
import {
  type DeliveryChannel,
  deliveryChannels,
  type NotificationType,
  type SentChannel,
  sentChannels,
} from "./types";

/**
 * The admins' failed-deliveries page: deliveries failed or bounced for good, and those the engine
 * is still retrying (queued again after a transient error), newest change first. A chat delivery's
 * recipient is its destination (the address keeps its name once the destination is deleted).
 */
export async function failedDeliveries(trx: Trx, tenantId: string, input: FailedDeliveriesInput) {
  let query = trx
    .selectFrom("notification_deliveries as d")
    .leftJoin("users as u", "u.id", "d.user_id")
    .leftJoin("chat_destinations as c", "c.id", "d.destination_id")
    .select([
      "d.id",
      "d.channel",
      "d.type",
      "d.data",
      "d.address",
      "d.status",
      "d.provider_error",
      "d.attempts",
      "d.created_at",
      "d.updated_at",
      "u.name",
      "u.email",
      "c.name as destinationName",
    ])
    .where("d.tenant_id", "=", tenantId)
    .where("d.channel", "in", [...sentChannels])
    .where((eb) =>
      eb.or([
        eb("d.status", "in", ["failed", "bounced"]),
        eb.and([eb("d.status", "=", "queued"), eb("d.provider_error", "is not", null)]),
      ]),
    )
    .orderBy("d.updated_at", "desc")
    .orderBy("d.id", "desc")
    .limit(input.limit);
  if (input.channel) query = query.where("d.channel", "=", input.channel);
  if (input.type) query = query.where("d.type", "=", input.type);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel as SentChannel,
    type: row.type as NotificationType,
    title: (row.data as Partial<NotificationMessage>).title ?? row.type,
    recipient:
      row.channel === "chat"
        ? `Team chat: ${row.destinationName ?? row.address ?? "a deleted destination"}`
        : `${row.name} <${row.email}>`,
    address: row.address,
    state: row.status === "queued" ? ("retrying" as const) : (row.status as "failed" | "bounced"),
    reason: row.provider_error,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

/** The calendar days (YYYY-MM-DD in `timeZone`) of the last `count` days, oldest first, today last. */
export function lastDays(now: Date, timeZone: string, count: number): string[] {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const days: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const day = format.format(new Date(now.getTime() - back * 86_400_000));
    if (days.at(-1) !== day) days.push(day);
  }
  return days;
}

/**
 * Deliveries per day (in the viewer's zone), channel and status over the last `days` days: the
 * chart on the failed-deliveries page. Every channel x status pair is present, zeros included.
 */
export async function deliveryChart(
  trx: Trx,
  tenantId: string,
  timeZone: string,
  days: number,
  now = new Date(),
) {
  const labels = lastDays(now, timeZone, days);
  const since = new Date(now.getTime() - (days + 1) * 86_400_000);
  const rows = await trx
    .selectFrom("notification_deliveries")
    .select((eb) => [
      sql<string>`to_char(created_at at time zone ${timeZone}, 'YYYY-MM-DD')`.as("day"),
      "channel",
      "status",
      eb.fn.countAll<string>().as("count"),
    ])
    .where("tenant_id", "=", tenantId)
    .where("created_at", ">=", since)
    .groupBy([sql`1`, "channel", "status"])
    .execute();
  const counts = new Map(rows.map((row) => [`${row.day}/${row.channel}/${row.status}`, Number(row.count)]));
  const series = deliveryChannels.flatMap((channel: DeliveryChannel) =>
    deliveryStatuses.map((status) => ({
      channel,
      status,
      counts: labels.map((day) => counts.get(`${day}/${channel}/${status}`) ?? 0),
    })),
  );
  return { days: labels, series };
}

export async function listTextPreviews(trx: Trx, tenantId: string, limit: number) {
  const rows = await trx
    .selectFrom("text_previews")
    .select(["id", "to_address", "body", "type", "created_at"])
    .where("tenant_id", "=", tenantId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    to: row.to_address,
    body: row.body,
    type: row.type as NotificationType,
    createdAt: row.created_at,
  }));
}
