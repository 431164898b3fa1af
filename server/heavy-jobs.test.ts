import { describe, expect, it } from "vitest";
import { yieldToEventLoop } from "./heavy-jobs";

describe("background work taking turns", () => {
  it("resumes one waiting job per turn of the event loop, in order", async () => {
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const resumed: Array<[string, number]> = [];
    const job = async (name: string) => {
      for (let piece = 0; piece < 3; piece++) {
        await yieldToEventLoop();
        resumed.push([name, turn]);
      }
    };
    await Promise.all([job("a"), job("b"), job("c")]);
    counting = false;
    expect(resumed.map(([name]) => name).join("")).toBe("abcabcabc");
    const turns = resumed.map(([, at]) => at);
    expect(new Set(turns).size).toBe(turns.length);
  });
});
