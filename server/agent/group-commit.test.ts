import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

type Item = { id: string };

/** A group commit whose writes are recorded and finish when the test releases them. */
function recorded(fail?: (items: Item[]) => boolean, maxInFlight = 1) {
  const groups: Array<{ key: string; ids: string[] }> = [];
  const pending: Array<() => void> = [];
  const commit = new GroupCommit<Item, string>(
    async (key, items) => {
      groups.push({ key, ids: items.map((item) => item.id) });
      await new Promise<void>((resolve) => pending.push(resolve));
      if (fail?.(items)) throw new Error("the database went away");
      return new Map(items.map((item) => [item.id, `${key}:${item.id}`]));
    },
    { maxGroup: 3, maxInFlight },
  );
  const releaseAll = async () => {
    while (pending.length > 0) {
      pending.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { commit, groups, releaseAll };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("GroupCommit", () => {
  it("writes the calls of one tick together, and those arriving during a write in the next group", async () => {
    const { commit, groups, releaseAll } = recorded();
    const first = [commit.submit("t1", { id: "a" }), commit.submit("t1", { id: "b" })];
    await tick();
    const later = [commit.submit("t1", { id: "c" }), commit.submit("t1", { id: "d" })];
    await tick();
    expect(groups).toEqual([{ key: "t1", ids: ["a", "b"] }]);
    await releaseAll();
    expect(await Promise.all([...first, ...later])).toEqual(["t1:a", "t1:b", "t1:c", "t1:d"]);
    expect(groups.map((group) => group.ids)).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("starts a second group while the first is being written, when two may be in flight", async () => {
    const { commit, groups, releaseAll } = recorded(undefined, 2);
    const calls = [commit.submit("t1", { id: "a" })];
    await tick();
    calls.push(commit.submit("t1", { id: "b" }));
    await tick();
    calls.push(commit.submit("t1", { id: "c" }), commit.submit("t1", { id: "d" }));
    await tick();
    expect(groups.map((group) => group.ids)).toEqual([["a"], ["b"]]);
    await releaseAll();
    expect(await Promise.all(calls)).toEqual(["t1:a", "t1:b", "t1:c", "t1:d"]);
    expect(groups.map((group) => group.ids)).toEqual([["a"], ["b"], ["c", "d"]]);
  });

  it("puts one id in a group once and bounds a group's size", async () => {
    const { commit, groups, releaseAll } = recorded();
    const calls = ["a", "a", "b", "c", "d"].map((id) => commit.submit("t1", { id }));
    await tick();
    await releaseAll();
    await Promise.all(calls);
    expect(groups.map((group) => group.ids)).toEqual([
      ["a", "b", "c"],
      ["a", "d"],
    ]);
  });

  it("writes the groups of different keys side by side", async () => {
    const { commit, groups, releaseAll } = recorded();
    const calls = [commit.submit("t1", { id: "a" }), commit.submit("t2", { id: "a" })];
    await tick();
    expect(groups.map((group) => group.key).sort()).toEqual(["t1", "t2"]);
    await releaseAll();
    expect(await Promise.all(calls)).toEqual(["t1:a", "t2:a"]);
  });

  it("fails every call of a group whose write fails, and writes the next group afresh", async () => {
    const { commit, releaseAll } = recorded((items) => items.some((item) => item.id === "bad"));
    const failing = [commit.submit("t1", { id: "bad" }), commit.submit("t1", { id: "x" })];
    await tick();
    const next = commit.submit("t1", { id: "y" });
    const outcomes = Promise.allSettled([...failing, next]);
    await releaseAll();
    expect((await outcomes).map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "fulfilled"]);
  });
});
