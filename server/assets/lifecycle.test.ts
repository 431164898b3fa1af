import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import {
  assertCanAssign,
  assertCanChangeStatus,
  assertCanReturn,
  assertCanTransfer,
  type StatusKind,
  statusKinds,
  transactionTypeFor,
} from "./lifecycle";

const asset = (kind: StatusKind) => ({
  tag: "AST-000001",
  statusLabel: kind === "retired" ? "Retired" : "Some status",
  kind,
  holderName: "Jane Doe",
});
const code = (fn: () => void) => {
  try {
    fn();
    return "OK";
  } catch (error) {
    return error instanceof AppError ? error.code : "THROWN";
  }
};

describe("asset lifecycle", () => {
  it("assigns only in-stock assets, naming the holder when already assigned", () => {
    expect(statusKinds.filter((kind) => code(() => assertCanAssign(asset(kind))) === "OK")).toEqual([
      "in_stock",
    ]);
    expect(() => assertCanAssign(asset("assigned"))).toThrow("AST-000001 is already assigned to Jane Doe");
    expect(() => assertCanAssign(asset("retired"))).toThrow(
      "AST-000001 is Retired (retired); only an in-stock asset can be assigned.",
    );
  });

  it("returns and transfers only assigned assets", () => {
    expect(statusKinds.filter((kind) => code(() => assertCanReturn(asset(kind))) === "OK")).toEqual([
      "assigned",
    ]);
    expect(statusKinds.filter((kind) => code(() => assertCanTransfer(asset(kind))) === "OK")).toEqual([
      "assigned",
    ]);
  });

  it.each([
    ["in_stock", "in_repair", "OK"],
    ["in_stock", "retired", "OK"],
    ["assigned", "in_repair", "INVALID_TRANSITION"],
    ["assigned", "stolen", "OK"],
    ["in_repair", "in_stock", "OK"],
    ["lost", "in_stock", "OK"],
    ["retired", "disposed", "OK"],
    ["disposed", "in_stock", "INVALID_TRANSITION"],
    ["in_stock", "assigned", "INVALID_TRANSITION"],
    ["on_order", "in_stock", "OK"],
    ["on_order", "retired", "INVALID_TRANSITION"],
  ] as const)("%s -> %s: %s", (from, to, expected) => {
    expect(code(() => assertCanChangeStatus(asset(from), to))).toBe(expected);
  });

  it("tells the user what to do instead", () => {
    expect(() => assertCanChangeStatus(asset("assigned"), "retired")).toThrow(/Return it first/);
    expect(() => assertCanChangeStatus(asset("disposed"), "in_stock")).toThrow(/It is final/);
  });

  it("records the right history entry", () => {
    expect(transactionTypeFor("in_stock", "in_repair")).toBe("repair_start");
    expect(transactionTypeFor("in_repair", "in_stock")).toBe("repair_complete");
    expect(transactionTypeFor("on_order", "in_stock")).toBe("purchase");
    expect(transactionTypeFor("assigned", "stolen")).toBe("stolen");
    expect(transactionTypeFor("retired", "disposed")).toBe("retire");
    expect(transactionTypeFor("lost", "in_stock")).toBe("status_change");
  });
});
