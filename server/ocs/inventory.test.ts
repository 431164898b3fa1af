import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CheckIn } from "../agent/payload";
import { chassisOf, checkInFromOcs, ocsAgentVersion, ocsReply, parseOcsRequest } from "./inventory";

const fixture = (name: string) => readFileSync(`tests/fixtures/ocs/${name}`, "utf8");
const receivedAt = new Date("2026-12-05T10:00:00Z");

const inventoryOf = (xml: string) => {
  const request = parseOcsRequest(xml);
  if (request.query !== "INVENTORY" || !("content" in request)) throw new Error("not an inventory");
  return request;
};

describe("OCS inventory from Debian's ocsinventory-agent 2.10 (recorded on a VM, software trimmed to 40)", () => {
  const request = inventoryOf(fixture("debian-ocsinventory-agent-2.10.xml"));
  const checkIn = checkInFromOcs(request.content, {
    userAgent: "OCS-NG_unified_unix_agent_v2.10.0",
    receivedAt,
  });

  it("becomes a check-in our own schema accepts", () => {
    expect(CheckIn.safeParse(checkIn).success).toBe(true);
    expect(request.deviceId).toMatch(/^vm-2026-12-05/);
    expect(checkIn.agentVersion).toBe("2.10.0");
  });

  it("carries the machine: hostname, CPU, memory, real disks, OS and interfaces", () => {
    expect(checkIn.hostname).toBe("vm");
    expect(checkIn.hardware?.cpu).toEqual({ model: "AMD EPYC", cores: 2, threads: 2 });
    expect(checkIn.hardware?.memoryBytes).toBe(24105 * 1024 * 1024);
    expect(checkIn.hardware?.disks).toEqual([{ name: "vda", sizeBytes: 274_877_906_944 }]);
    expect(checkIn.os).toEqual({
      family: "linux",
      name: "Debian GNU/Linux 12",
      version: "12",
      arch: "amd64",
    });
    expect(checkIn.network?.map((nic) => nic.name)).toContain("ifb0");
  });

  it("lists the packages as dpkg software, versions kept as text", () => {
    expect(checkIn.software).toHaveLength(40);
    expect(checkIn.software?.every((entry) => entry.source === "dpkg")).toBe(true);
    expect(checkIn.software?.every((entry) => typeof entry.version === "string")).toBe(true);
  });

  it("says why the hardware identity is missing when the agent could not read the BIOS", () => {
    expect(checkIn.hardware?.serial).toBeUndefined();
    expect(checkIn.errors).toEqual([
      { collector: "hardware", message: expect.stringContaining("dmidecode") },
    ]);
  });
});

describe("OCS inventory of a laptop with its BIOS", () => {
  const checkIn = checkInFromOcs(inventoryOf(fixture("laptop-inventory.xml")).content, {
    userAgent: null,
    receivedAt,
  });

  it("identifies it by serial, vendor, model and chassis", () => {
    expect(checkIn.hardware).toMatchObject({
      serial: "PF3ABC12",
      vendor: "LENOVO",
      model: "ThinkPad T14 Gen 3",
      chassisType: "laptop",
      cpu: { model: "12th Gen Intel(R) Core(TM) i7-1260P", cores: 10, threads: 12 },
      disks: [{ name: "nvme0n1", sizeBytes: 512_110_190_592, model: "SAMSUNG MZVL2512HCJQ" }],
    });
    expect(checkIn.errors).toEqual([]);
  });

  it("keeps the user, the Wi-Fi interface (not loopback) and a version that looks like a number as text", () => {
    expect(checkIn.users).toEqual({ current: ["nia"], last: "nia" });
    expect(checkIn.network).toEqual([
      { name: "wlp0s20f3", mac: "5c:80:b6:11:22:33", ipv4: ["10.20.0.17"], ipv6: [] },
    ]);
    expect(checkIn.software).toEqual([
      { name: "zoom", version: "5.17.11.3835", publisher: "Zoom Video Communications", source: "dpkg" },
    ]);
    expect(checkIn.agentVersion).toBe("0.0.0");
  });
});

describe("the OCS protocol's edges", () => {
  it("reads a PROLOG", () => {
    expect(
      parseOcsRequest(
        '<?xml version="1.0" encoding="UTF-8"?><REQUEST><DEVICEID>pc-1</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>',
      ),
    ).toEqual({ query: "PROLOG", deviceId: "pc-1" });
  });

  it("refuses what is not an OCS request, saying what is missing", () => {
    expect(() => parseOcsRequest("<html>")).toThrow(/REQUEST/);
    expect(() => parseOcsRequest("<REQUEST><QUERY>PROLOG</QUERY></REQUEST>")).toThrow("no <DEVICEID>");
    expect(() =>
      parseOcsRequest("<REQUEST><DEVICEID>x</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>"),
    ).toThrow("no <CONTENT>");
  });

  it("maps chassis names and virtual machines", () => {
    expect(chassisOf("Laptop", "Physical")).toBe("laptop");
    expect(chassisOf("Mini Tower", undefined)).toBe("desktop");
    expect(chassisOf("Rack Mount Chassis", undefined)).toBe("server");
    expect(chassisOf("Notebook", "VMware")).toBe("virtual");
    expect(chassisOf(undefined, undefined)).toBeUndefined();
  });

  it("answers in the reply format the agents parse, escaping values", () => {
    expect(ocsReply("SEND", { PROLOG_FREQ: 24 })).toContain(
      "<REPLY><RESPONSE>SEND</RESPONSE><PROLOG_FREQ>24</PROLOG_FREQ></REPLY>",
    );
    expect(ocsReply("a<b")).toContain("a&lt;b");
    expect(ocsAgentVersion("OCS-NG_WINDOWS_AGENT_v2.9.2.0")).toBe("2.9.2");
  });
});
