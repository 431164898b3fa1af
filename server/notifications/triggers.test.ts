import { describe, expect, it } from "vitest";
import { sdkFunctionConfigs } from "@/inngest/engine/functions";
import { eventNames } from "@/inngest/events";
import { functions } from "@/inngest/functions";
import { notificationTriggers } from "./triggers";
import { notificationTypes } from "./types";

const configs = sdkFunctionConfigs(functions, "http://127.0.0.1:3000/api/inngest");

describe("every notification type has a producing event and a function", () => {
  it.each(notificationTypes)("%s", (type) => {
    const trigger = notificationTriggers[type];
    expect(trigger.events.length).toBeGreaterThan(0);
    for (const event of trigger.events) expect(eventNames).toContain(event);
    const registered = trigger.functionIds.map((id) =>
      configs.find((config) => config.id.endsWith(`-${id}`) || config.id === id),
    );
    expect(registered.every(Boolean), `${type}: ${trigger.functionIds.join(", ")} registered`).toBe(true);
    const triggeredBy = registered.flatMap((config) =>
      (config?.triggers ?? []).flatMap((t) => ("event" in t ? [t.event] : [])),
    );
    for (const event of trigger.events) expect(triggeredBy).toContain(event);
  });
});
