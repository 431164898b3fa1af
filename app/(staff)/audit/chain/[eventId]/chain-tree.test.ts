import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ChainEvent, ChainNode, ChainRun } from "@/server/audit/schemas";
import { EventNode } from "./chain-tree";

let seq = 0;
const event = (name: string, id = `e${++seq}`): ChainEvent => ({
  id,
  seq,
  name,
  actor: { type: "user", id: "u1", label: "Dana Doe <dana@acme.test>" },
  entity: { type: "asset", id: "a1" },
  subject: { type: "asset", id: "a1", label: "AST-000123 · MacBook Air", href: "/assets/a1" },
  data: {},
  occurredAt: new Date("2026-12-05T10:02:00Z"),
});
const run = (over: Partial<ChainRun>, events: ChainNode[]): ChainRun => ({
  id: "r1",
  functionId: "assetronics-import-assets",
  functionName: "Import assets from CSV",
  status: "completed",
  error: null,
  startedAt: new Date("2026-12-05T10:02:01Z"),
  finishedAt: new Date("2026-12-05T10:02:03Z"),
  recorded: true,
  events,
  ...over,
});
const leaf = (name: string, id?: string): ChainNode => ({ event: event(name, id), runs: [] });
const render = (root: ChainNode, focusId: string) =>
  renderToStaticMarkup(
    createElement(
      "ol",
      { "aria-label": "Causal chain" },
      createElement(EventNode, { node: root, level: 3, focusId, onOpenRun: () => {} }),
    ),
  );

describe("the chain as nested lists", () => {
  it("nests root -> runs -> events -> runs, each list named, headings by depth, the opened entry marked", () => {
    const created = leaf("asset.created", "opened");
    created.runs.push(
      run(
        {
          id: null,
          functionId: "assetronics-print-label",
          functionName: null,
          status: null,
          recorded: false,
        },
        [leaf("asset.updated")],
      ),
    );
    const root: ChainNode = {
      event: event("asset_import.confirmed"),
      runs: [
        run({}, [created, leaf("asset_import.completed")]),
        run(
          {
            id: "r2",
            functionName: "Dry run of a CSV import",
            status: "failed",
            error: { name: "Error", message: "Mail server down" },
          },
          [],
        ),
      ],
    };
    const html = render(root, "opened");
    expect(html).toContain(
      '<h3 class="flex flex-wrap items-center gap-2 text-sm font-medium">Asset import confirmed',
    );
    expect(html).toContain('aria-label="Automation triggered by asset import confirmed"');
    expect(html).toMatch(/<h4[^>]*><span>Automation: Import assets from CSV<\/span>.*completed/);
    expect(html).toContain('aria-label="Changes recorded by Import assets from CSV"');
    expect(html).toMatch(/<h5[^>]*>Asset created/);
    expect(html).toMatch(/<h6[^>]*><span>Automation: assetronics-print-label<\/span>.*ran on Inngest/);
    expect(html).toContain("Mail server down");
    expect(html).toContain("Recorded no change");
    expect(html.match(/aria-current="true"/g)).toHaveLength(1);
    expect(html).toMatch(/aria-current="true"[^>]*>.*?Asset created.*?the entry you opened/);
    // recorded runs open their details; a run on Inngest has none here
    expect(html.match(/>Run details</g)).toHaveLength(2);
  });

  it("shows a long run's first 20 changes and a button for the rest, unless the opened entry is among the rest", () => {
    const many = Array.from({ length: 25 }, (_, index) => leaf("asset.created", `c${index}`));
    const root: ChainNode = { event: event("asset_import.confirmed"), runs: [run({}, many)] };
    const cut = render(root, "c3");
    expect(cut.match(/>Asset created/g)).toHaveLength(20);
    expect(cut).toContain("Show all 25 changes");
    const whole = render(root, "c22");
    expect(whole.match(/>Asset created/g)).toHaveLength(25);
    expect(whole).toContain("Show the first 20");
  });

  it("names the record each event is about, linked to it, with the way to its history", () => {
    const id = "6f1c2a9e-8d1b-4c6a-9f3e-2b7d5e1a4c80";
    const named = leaf("asset.updated");
    named.event = {
      ...named.event,
      entity: { type: "asset", id },
      subject: { type: "asset", id, label: "AST-000123 · MacBook Air", href: `/assets/${id}` },
    };
    const html = render(named, "none");
    expect(html).toContain(`<a class="rounded-sm font-medium underline-offset-4`);
    expect(html).toMatch(new RegExp(`href="/assets/${id}"[^>]*>AST-000123 · MacBook Air</a>`));
    expect(html).toContain('aria-label="History of asset AST-000123 · MacBook Air"');
    const visibleText = html.replace(/<[^>]+>/g, "");
    expect(visibleText).not.toContain(id.slice(0, 8));
  });
});
