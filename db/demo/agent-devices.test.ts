import { describe, expect, it } from "vitest";
import { planAgentDevices } from "./agent-devices";
import { planDemo } from "./plan";

const now = new Date("2026-03-15T12:00:00Z");
const { employees, assets } = planDemo("2026-03-15");
const devices = planAgentDevices(assets, employees, now);
const daysAgo = (at: Date) => (now.getTime() - at.getTime()) / 86_400_000;

describe("the demo's agent devices", () => {
  it("run on assigned laptops and desktops only, one per asset, with unique hostnames", () => {
    const byId = new Map(assets.map((asset) => [asset.id, asset]));
    expect(devices.length).toBeGreaterThan(150);
    for (const device of devices) {
      const asset = byId.get(device.assetId);
      expect(asset?.status).toBe("assigned");
      expect(["Laptops", "Desktops"]).toContain(asset?.category);
      expect(device.facts.hardware?.serial).toBe(asset?.serial);
    }
    expect(new Set(devices.map((d) => d.assetId)).size).toBe(devices.length);
    expect(new Set(devices.map((d) => d.hostname)).size).toBe(devices.length);
  });

  it("are mostly current, with a few silent for longer than the default 14 stale days", () => {
    const quiet = devices.filter((device) => daysAgo(device.lastSeenAt) > 14);
    expect(quiet.length).toBeGreaterThanOrEqual(5);
    expect(quiet.length).toBeLessThanOrEqual(50);
    for (const device of quiet) expect(daysAgo(device.lastSeenAt)).toBeLessThan(60);
    for (const device of devices.filter((d) => !quiet.includes(d))) {
      expect(daysAgo(device.lastSeenAt)).toBeLessThan(1);
    }
  });

  it("are the same every time they are planned", () => {
    expect(planAgentDevices(assets, employees, now)).toEqual(devices);
  });
});
