import { describe, expect, it } from "vitest";
import { moveItem } from "@/app/_components/sortable-order";
import { type TemplateStep, TemplateSteps } from "@/server/workflows/schemas";
import { blankStep, problemsOf, toDraft, toStep } from "./template-draft";

/** Steps using every setting a step has, so a lost one shows. */
const steps: TemplateStep[] = TemplateSteps.parse([
  {
    title: "Confirm the device is lost",
    instructions: "Ask **where** it was last seen.",
    assignee: { type: "manager" },
    dueOffsetDays: 1,
    needsApproval: "admin",
    needsEvidence: true,
    outcomes: ["found", "confirmed_lost"],
  },
  {
    title: "Return {tag}",
    assignee: { type: "role", value: "it_staff" },
    dueOffsetDays: -2,
    action: { type: "return_asset" },
    perHeldAsset: true,
  },
  {
    title: "Revoke {licence}",
    assignee: { type: "role", value: "it_staff" },
    action: { type: "revoke_license" },
    perHeldLicense: true,
  },
  {
    title: "Hand over the laptop",
    assignee: { type: "location_it_contact" },
    waitsFor: "procurement",
    startsWorkflow: "access_review",
  },
  {
    title: "Record maintenance",
    assignee: { type: "user", value: "6f1c2a9e-8d1b-4c6a-9f3e-2b7d5e1a4c80" },
    action: { type: "record_maintenance" },
  },
]);

describe("template drafts", () => {
  it("come back unchanged from the editor when nothing was edited", () => {
    expect(steps.map(toDraft).map(toStep)).toEqual(steps);
  });

  it("carry every setting of a step to its new place when it is moved", () => {
    const drafts = steps.map(toDraft);
    const moved = moveItem(drafts, 0, 3);
    expect(moved.map((draft) => draft.key)).toEqual([
      drafts[1]?.key,
      drafts[2]?.key,
      drafts[3]?.key,
      drafts[0]?.key,
      drafts[4]?.key,
    ]);
    expect(moved.map(toStep)).toEqual([steps[1], steps[2], steps[3], steps[0], steps[4]]);
  });

  it("each get their own key, which React and the editor's errors follow", () => {
    const keys = [...steps.map(toDraft), blankStep(), blankStep()].map((draft) => draft.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("are checked step by step, in the order shown", () => {
    const [first, second] = steps.map(toDraft);
    if (!first || !second) throw new Error("two steps expected");
    const problems = problemsOf([
      { ...first, outcomes: "found" },
      { ...second, title: " ", dueOffsetDays: "400" },
    ]);
    expect(problems).toEqual([
      { outcomes: "Give at least two outcomes, or none" },
      { title: "Enter a title", due: "Enter whole days from -365 to 365" },
    ]);
  });

  it("refuse a licence action the step cannot carry out, on the action's field", () => {
    const revoke = { ...blankStep(), title: "Revoke", action: "revoke_license" };
    expect(problemsOf([revoke, { ...revoke, perHeldLicense: true, perHeldAsset: true }])).toEqual([
      { action: "Revoking the step's licence needs the step repeated per licence the employee holds" },
      { action: "Repeat the step per asset or per licence, not both" },
    ]);
  });

  it("turn typed outcomes into the keys the server stores", () => {
    const draft = { ...blankStep(), title: "Check", outcomes: " Found , Confirmed lost " };
    expect(toStep(draft).outcomes).toEqual(["found", "confirmed_lost"]);
  });
});
