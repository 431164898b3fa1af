import { randomUUID } from "node:crypto";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type EventRow, eventOf, toInngestEvent } from "@/server/events/envelope";
import { tenantFunction } from "./tenant-function";

const confirmedRow = (causation: Pick<EventRow, "caused_by" | "correlation_id">): EventRow => ({
  id: randomUUID(),
  tenant_id: randomUUID(),
  seq: 7,
  name: "asset_import.confirmed",
  actor_type: "user",
  actor_id: randomUUID(),
  actor_label: "Dana <dana@example.test>",
  entity_type: "asset_import",
  entity_id: randomUUID(),
  data: { fileName: "assets.csv", mode: "valid_only", totalRows: 3, validRows: 2 },
  occurred_at: new Date("2026-12-05T10:02:00Z"),
  ...causation,
});

describe("typed events", () => {
  it("a handler reads its event's catalog data, typed; a field the event does not carry does not compile", () => {
    tenantFunction({ id: "typed", name: "Typed", event: "asset_import.confirmed" }, async ({ event }) => {
      expectTypeOf(event.data.mode).toEqualTypeOf<"all_or_nothing" | "valid_only">();
      expectTypeOf(event.data.validRows).toEqualTypeOf<number>();
      // @ts-expect-error asset_import.confirmed carries no employeeId (tsc checks this file)
      return event.data.employeeId;
    });
    tenantFunction({ id: "typed-tenant", name: "Typed", event: "tenant.created" }, async ({ event }) => {
      expectTypeOf(event.data).toEqualTypeOf<{ name: string; slug: string }>();
      // @ts-expect-error tenant.created carries no mode
      return event.data.mode;
    });
  });

  it("a relayed event carries its causation into the function", () => {
    const root = randomUUID();
    const cause = randomUUID();
    const row = confirmedRow({ caused_by: cause, correlation_id: root });
    const event = eventOf("asset_import.confirmed", toInngestEvent(row));
    expect(event).toMatchObject({
      id: row.id,
      tenantId: row.tenant_id,
      causedBy: cause,
      correlationId: root,
      data: { mode: "valid_only", validRows: 2 },
    });
  });

  it("an event written before causation was recorded reads as having none", () => {
    const { data, ...payload } = toInngestEvent(confirmedRow({ caused_by: null, correlation_id: null }));
    const { causedBy: _, correlationId: __, ...legacy } = data;
    const event = eventOf("asset_import.confirmed", { ...payload, data: legacy });
    expect(event).toMatchObject({ causedBy: null, correlationId: null });
  });

  it("refuses data that does not match the catalog, naming the field, and an event of another name", () => {
    const payload = toInngestEvent(confirmedRow({ caused_by: null, correlation_id: null }));
    const bad = { ...payload, data: { ...payload.data, data: { ...payload.data.data, mode: "sometimes" } } };
    expect(() => eventOf("asset_import.confirmed", bad)).toThrow(/mode/);
    expect(() => eventOf("asset_import.mapped", payload)).toThrow(
      "Expected the asset_import.mapped event, got asset_import.confirmed",
    );
  });
});
