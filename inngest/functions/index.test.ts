import type { InngestFunction } from "inngest";
import { describe, expect, it } from "vitest";
import { sdkFunctionConfigs } from "@/inngest/engine/functions";
import { inngest } from "../client";
import { eventCatalog } from "../events";
import { functions } from "./index";

/**
 * The triggers of `fns` that are neither a catalog event nor a cron, as "<function>: <event>": a
 * function listening for an event nobody emits (a typo, a renamed event) never runs, silently.
 * The one outside event allowed is Inngest's own inngest/function.failed, which the SDK makes the
 * trigger of a function's `onFailure` handler (registered as "<function>-failure").
 */
function unknownTriggers(fns: readonly InngestFunction.Any[]): string[] {
  return sdkFunctionConfigs(fns, "http://localhost/api/inngest").flatMap((config) =>
    config.triggers.flatMap((trigger) =>
      "cron" in trigger ||
      Object.hasOwn(eventCatalog, trigger.event) ||
      (trigger.event === "inngest/function.failed" && config.id.endsWith("-failure"))
        ? []
        : [`${config.id}: ${trigger.event}`],
    ),
  );
}

describe("function triggers", () => {
  it("every registered function triggers on a catalog event or a cron", () => {
    expect(functions.length).toBeGreaterThan(0);
    expect(unknownTriggers(functions)).toEqual([]);
  });

  it("a function triggered by an event outside the catalog is named", () => {
    const typo = inngest.createFunction(
      { id: "typo", triggers: [{ event: "asset_import.confirm" }] },
      async () => null,
    );
    const nightly = inngest.createFunction(
      { id: "nightly", triggers: [{ cron: "0 3 * * *" }] },
      async () => null,
    );
    expect(unknownTriggers([typo, nightly])).toEqual(["assetronics-typo: asset_import.confirm"]);
  });
});
