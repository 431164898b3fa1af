import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { installScript, systemdUnit } from "./install";

describe("the agent's install script", () => {
  it("writes the packaged systemd unit, sandbox and restart policy included", () => {
    const packaged = readFileSync("agent/packaging/assetronics-agent.service", "utf8");
    expect(systemdUnit).toBe(packaged);
    const script = installScript("https://assets.example.com/");
    const written = script.split("<<'UNIT'\n")[1]?.split("\nUNIT\n")[0];
    expect(`${written}\n`).toBe(packaged);
    expect(script).toContain("ProtectSystem=strict");
    expect(script).toContain("SERVER='https://assets.example.com'");
  });
});
