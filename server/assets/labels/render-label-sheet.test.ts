import { randomUUID } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { labelLayouts } from "./layouts";
import { renderLabelSheet } from "./render-label-sheet";

/**
 * The longest time the event loop went without running a 5 ms timer while `work` ran: how long
 * every other request (/api/health included) would have waited.
 */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    stallMs = Math.max(stallMs, performance.now() - last);
    return { result, stallMs };
  } finally {
    clearInterval(probe);
  }
}

describe("renderLabelSheet", () => {
  it("keeps other requests answered while it renders a large sheet", async () => {
    const assets = Array.from({ length: 1000 }, (_, i) => ({
      id: randomUUID(),
      tag: `AST-${100000 + i}`,
      name: `Dell Latitude 7440 laptop number ${i}`,
    }));
    // The first sheet of a process also pays one-off costs (font metrics unpacked, the QR and
    // deflate code compiled): ~0.1 s once, not per label. Pay them before measuring.
    await renderLabelSheet(labelLayouts["avery-5160"], assets.slice(0, 30), "http://localhost:3000");
    const { result: bytes, stallMs } = await longestStall(() =>
      renderLabelSheet(labelLayouts["avery-5160"], assets, "http://localhost:3000"),
    );
    // Before time-slicing a 1,000-label sheet held the thread for 4 s or more in one piece; now
    // the longest piece is one page (~20 ms idle). The margin is for a loaded 2-core machine,
    // where a loop doing nothing but 10 ms slices already sees ~80 ms gaps at load average 5.
    expect(stallMs).toBeLessThan(150);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(34);
  }, 120_000);
});
