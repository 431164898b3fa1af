import { describe, expect, it } from "vitest";
import { addDays } from "./days";
import { planDemo } from "./plan";

const today = "2026-03-15";
const { employees, assets } = planDemo(today);
const byId = new Map(employees.map((employee) => [employee.id, employee]));
const count = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length;

describe("demo plan", () => {
  it("is the same company every time it is generated for a day", () => {
    const again = planDemo(today);
    expect(again.employees).toEqual(employees);
    expect(again.assets).toEqual(assets);
  });

  it("has ~300 people: a dozen recent hires, a few on leave and a few who left", () => {
    expect(employees).toHaveLength(300);
    expect(count(employees, (e) => e.hireDate > addDays(today, -30) && e.hireDate <= today)).toBe(12);
    expect(count(employees, (e) => e.status === "terminated")).toBe(8);
    expect(count(employees, (e) => e.status === "on_leave")).toBe(4);
    expect(new Set(employees.map((e) => e.email)).size).toBe(300);
    expect(employees.every((e) => e.email.endsWith("@acme.test"))).toBe(true);
    for (const e of employees) if (e.terminationDate) expect(e.hireDate < e.terminationDate).toBe(true);
  });

  it("has 2,000 assets with unique tags and serials, in every status, mostly in stock or assigned", () => {
    expect(assets).toHaveLength(2000);
    expect(new Set(assets.map((a) => a.serial)).size).toBe(2000);
    expect(assets.map((a) => a.tag)).toEqual(assets.map((_, i) => `AST-${String(i + 1).padStart(6, "0")}`));
    const statuses = new Set(assets.map((a) => a.status));
    for (const kind of [
      "on_order",
      "in_stock",
      "assigned",
      "in_repair",
      "lost",
      "stolen",
      "retired",
      "disposed",
    ])
      expect(statuses).toContain(kind);
    expect(count(assets, (a) => a.status === "assigned" || a.status === "in_stock")).toBeGreaterThan(1500);
    expect(assets.every((a) => a.purchaseDate >= addDays(today, -1461) && a.purchaseDate <= today)).toBe(
      true,
    );
  });

  it("has warranties ending within 30, 60 and 90 days among assets in use", () => {
    const inUse = assets.filter((a) => a.status === "assigned" || a.status === "in_stock");
    for (const [from, to] of [
      [0, 30],
      [30, 60],
      [60, 90],
    ] as const) {
      const ending = count(
        inUse,
        (a) => a.warrantyEnd > addDays(today, from) && a.warrantyEnd <= addDays(today, to),
      );
      expect(ending).toBeGreaterThanOrEqual(5);
    }
  });

  it("gives the portal employee exactly a laptop and a phone", () => {
    const emery = employees.find((e) => e.login === "employee@acme.test");
    expect(emery?.email).toBe("employee@acme.test");
    expect(assets.filter((a) => a.employeeId === emery?.id).map((a) => a.category)).toEqual([
      "Laptops",
      "Phones",
    ]);
  });

  it("writes each asset's history in order, ending where the asset is, held only by people employed then", () => {
    for (const asset of assets) {
      const [purchase, ...changes] = asset.history;
      expect(purchase?.type).toBe("purchase");
      let status = purchase?.toStatus;
      let holder: string | null = null;
      let previous = purchase?.at?.getTime() ?? 0;
      for (const entry of changes) {
        const at = entry.at?.getTime() ?? Number.POSITIVE_INFINITY;
        expect(at).toBeGreaterThan(previous);
        previous = at;
        if (entry.fromStatus) expect(entry.fromStatus).toBe(status);
        if (entry.toStatus) status = entry.toStatus;
        if (entry.type === "assignment" && entry.toEmployeeId) {
          const employee = byId.get(entry.toEmployeeId);
          const day = entry.at?.toISOString().slice(0, 10) ?? today;
          expect(employee && day >= employee.hireDate).toBe(true);
          expect(!employee?.terminationDate || day <= employee.terminationDate).toBe(true);
          holder = entry.toEmployeeId;
        }
        if (entry.fromEmployeeId) {
          expect(entry.fromEmployeeId).toBe(holder);
          if (entry.type !== "transfer") holder = null;
        }
      }
      expect(status).toBe(asset.status);
      expect(holder).toBe(asset.employeeId);
      expect(asset.employeeId !== null).toBe(asset.status === "assigned");
    }
  });

  it("leaves equipment with only one person who left: yesterday's leaver, for offboarding to collect", () => {
    const holders = new Set(assets.map((a) => a.employeeId));
    const leaversHolding = employees.filter((e) => e.status === "terminated" && holders.has(e.id));
    expect(leaversHolding.map((e) => e.terminationDate)).toEqual([addDays(today, -1)]);
  });
});
