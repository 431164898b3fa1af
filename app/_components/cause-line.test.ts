import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@/server/audit/schemas";
import { CauseLine } from "./cause-line";

const confirmedAt = new Date("2026-12-05T10:02:00Z");
const entry = (over: Partial<Pick<AuditEntry, "actor" | "cause">> = {}) => ({
  id: "6f1c2a9e-8d1b-4c6a-9f3e-2b7d5e1a4c80",
  name: "asset.created",
  actor: { type: "system", id: null, label: "Automation: Import assets from CSV" },
  cause: {
    functionName: "Import assets from CSV",
    event: {
      name: "asset_import.confirmed",
      actor: { type: "user", id: "u1", label: "Dana Doe <dana@acme.test>" },
      entity: { type: "asset_import", id: "i1" },
      occurredAt: confirmedAt,
    },
    canOpenChain: true,
  },
  ...over,
});
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">");

describe("CauseLine", () => {
  it("says what automation did, because of which event, by whom and when, with the way to the chain", () => {
    const html = renderToStaticMarkup(createElement(CauseLine, { entry: entry() }));
    expect(textOf(html)).toMatch(
      /^Created by automation \(Import assets from CSV\), because Asset import confirmed by Dana Doe <dana@acme\.test> at Dec 5, 2026, .+ · Why\?$/,
    );
    expect(html).toContain('href="/audit/chain/6f1c2a9e-8d1b-4c6a-9f3e-2b7d5e1a4c80"');
  });

  it("keeps a cause the reader may not see unnamed, and offers no chain to those who cannot open it", () => {
    const hidden = entry({ cause: { functionName: null, event: null, canOpenChain: false } });
    const html = renderToStaticMarkup(createElement(CauseLine, { entry: hidden }));
    expect(textOf(html)).toBe(
      "Created by automation, because of an earlier change recorded in the audit log",
    );
    expect(html).not.toContain("href");
  });

  it("says nothing for an entry that started its own chain", () => {
    expect(renderToStaticMarkup(createElement(CauseLine, { entry: entry({ cause: null }) }))).toBe("");
  });
});
