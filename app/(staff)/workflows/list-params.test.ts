import { describe, expect, it } from "vitest";
import { paramsFromWorkflowView, workflowListInput, workflowViewFromParams } from "./list-params";

const employeeId = "0b6f1c2e-8a4d-4c1e-9f3a-2d5b7e8c9a01";

describe("the workflow list's view in the URL", () => {
  it("survives a round trip through the URL", () => {
    const url = `kind=incident&status=blocked&assignee=${employeeId}&overdue=1&sla=breached&employee=${employeeId}&page=3`;
    const view = workflowViewFromParams(new URLSearchParams(url));
    expect(view).toEqual({
      kind: "incident",
      status: "blocked",
      assigneeUserId: employeeId,
      overdue: true,
      slaBreached: true,
      employeeId,
      assetId: undefined,
      page: 3,
    });
    expect(paramsFromWorkflowView(view).toString()).toBe(url);
  });

  it("drops what it does not know rather than failing the page", () => {
    const view = workflowViewFromParams(
      new URLSearchParams("kind=party&status=done&employee=42&overdue=yes&sla=1&page=-2"),
    );
    expect(view).toEqual({ overdue: false, slaBreached: false, page: 1 });
    expect(paramsFromWorkflowView(view).toString()).toBe("");
  });

  it("asks the server for the page the URL names", () => {
    const input = workflowListInput(workflowViewFromParams(new URLSearchParams("page=2")));
    expect(input).toMatchObject({ limit: 50, offset: 50, overdue: undefined, slaBreached: undefined });
  });
});
