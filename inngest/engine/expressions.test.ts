import { describe, expect, it } from "vitest";
import {
  compileExpression,
  evaluateCondition,
  evaluateKey,
  evaluateNumber,
  expressionProblem,
} from "./expressions";

const event = {
  id: "01",
  name: "asset.assigned",
  data: { vip: true, count: 7, ratio: 2.5, tenantId: "t-1", plan: "enterprise", nested: { gone: null } },
  ts: 0,
};
const condition = (source: string, variables: Record<string, unknown> = { event }) =>
  evaluateCondition(compileExpression(source), variables as { event: unknown });
const key = (source: string) => evaluateKey(compileExpression(source), { event });
const number = (source: string) => evaluateNumber(compileExpression(source), { event });

describe("conditions (trigger if, waitForEvent if)", () => {
  it.each([
    ["event.data.vip == true", true],
    ["event.data.vip != true", false],
    ["event.data.count > 5 && event.data.count <= 7", true],
    ["event.data.count < 7 || event.data.ratio >= 2.5", true],
    ["!event.data.vip", false],
    ["event.data.plan == 'enterprise'", true],
    ['event.name.startsWith("asset.")', true],
    ["size(event.data.plan) == 10", true],
    ["event.data.nested.gone == null", true],
    ["has(event.data.missing)", false],
  ])("%s is %s", (source, expected) => {
    expect(condition(source)).toBe(expected);
  });

  it("is false, not an error, when a field is missing or the types do not compare", () => {
    expect(condition("event.data.missing == true")).toBe(false);
    expect(condition("event.data.plan > 3")).toBe(false);
    expect(condition("event.data.count")).toBe(false);
  });

  it("compares the trigger event with a waited-for event (async)", () => {
    const variables = { event, async: { data: { tenantId: "t-1" } } };
    expect(condition("event.data.tenantId == async.data.tenantId", variables)).toBe(true);
    expect(condition("event.data.plan == async.data.tenantId", variables)).toBe(false);
  });
});

describe("keys and numbers", () => {
  it("prints keys as strings, joining parts with +", () => {
    expect(key("event.data.tenantId")).toBe("t-1");
    expect(key('event.data.tenantId + "-" + event.data.plan')).toBe("t-1-enterprise");
    expect(key("event.data.count")).toBe("7");
    expect(key('"openai"')).toBe("openai");
    expect(key("event.data.missing")).toBe("");
  });

  it("reads priority factors from ints, doubles and ternaries", () => {
    expect(number("event.data.plan == 'enterprise' ? 120 : 0")).toBe(120);
    expect(number("event.data.ratio")).toBe(2.5);
    expect(number("event.data.plan")).toBe(0);
  });

  it("names the expression that does not parse", () => {
    expect(expressionProblem("event.data.a +")).toContain('Cannot read the expression "event.data.a +"');
    expect(expressionProblem("event.data.a + event.data.b")).toBeNull();
  });
});
