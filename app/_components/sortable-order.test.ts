import { describe, expect, it } from "vitest";
import { moveItem, reorderWording } from "./sortable-order";

describe("moveItem", () => {
  const steps = ["Collect laptop", "Revoke access", "Wipe disk", "Return badge"];

  it("moves an item down, the ones it passes shifting up", () => {
    expect(moveItem(steps, 0, 2)).toEqual(["Revoke access", "Wipe disk", "Collect laptop", "Return badge"]);
  });

  it("moves an item up, the ones it passes shifting down", () => {
    expect(moveItem(steps, 3, 1)).toEqual(["Collect laptop", "Return badge", "Revoke access", "Wipe disk"]);
  });

  it("moves to either end", () => {
    expect(moveItem(steps, 1, 0)).toEqual(["Revoke access", "Collect laptop", "Wipe disk", "Return badge"]);
    expect(moveItem(steps, 1, 3)).toEqual(["Collect laptop", "Wipe disk", "Return badge", "Revoke access"]);
  });

  it("changes nothing for a move onto itself or out of the list, and never touches the list given", () => {
    const frozen = Object.freeze([...steps]);
    expect(moveItem(frozen, 2, 2)).toEqual(steps);
    expect(moveItem(frozen, 0, 4)).toEqual(steps);
    expect(moveItem(frozen, -1, 1)).toEqual(steps);
    expect(moveItem(frozen, 4, 0)).toEqual(steps);
    expect(moveItem(frozen, 0, 3)).not.toBe(frozen);
  });

  it("keeps every item exactly once whatever the move", () => {
    for (let from = 0; from < steps.length; from++) {
      for (let to = 0; to < steps.length; to++) {
        const moved = moveItem(steps, from, to);
        expect([...moved].sort()).toEqual([...steps].sort());
        expect(moved[to]).toBe(steps[from]);
      }
    }
  });
});

describe("reorderWording", () => {
  const words = reorderWording("step");

  it("names the grip and the move buttons with the item's position and title", () => {
    expect(words.handle("Collect laptop", 2)).toBe("Reorder step 2: Collect laptop");
    expect(words.move("Collect laptop", 2, "up")).toBe("Move step 2 up: Collect laptop");
    expect(words.move("Collect laptop", 2, "down")).toBe("Move step 2 down: Collect laptop");
  });

  it("tells a screen reader what was picked up, where it would land and where it ended", () => {
    expect(words.pickedUp("Collect laptop", 1, 4)).toBe('Picked up step 1 of 4, "Collect laptop".');
    expect(words.over("Collect laptop", 1, 3, 4)).toBe('"Collect laptop" would become step 3 of 4.');
    expect(words.over("Collect laptop", 1, 1, 4)).toBe('"Collect laptop" is back at step 1 of 4.');
    expect(words.outside("Collect laptop", 1)).toBe(
      '"Collect laptop" is outside the list: dropping it here keeps it step 1.',
    );
    expect(words.dropped("Collect laptop", 1, 3, 4)).toBe('"Collect laptop" is now step 3 of 4.');
    expect(words.dropped("Collect laptop", 2, 2, 4)).toBe('"Collect laptop" stays step 2 of 4.');
    expect(words.cancelled("Collect laptop", 2, 4)).toBe(
      'Reordering cancelled: "Collect laptop" stays step 2 of 4.',
    );
  });

  it("speaks of the list's own items and explains the keys", () => {
    const fields = reorderWording("field");
    expect(fields.handle("Screen size", 1)).toBe("Reorder field 1: Screen size");
    expect(fields.instructions).toMatch(/Space or Enter .* field's reorder handle/);
    expect(fields.instructions).toMatch(/arrow keys/);
    expect(fields.instructions).toMatch(/Escape/);
  });
});
