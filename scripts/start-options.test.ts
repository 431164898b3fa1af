import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nextStartArgs, prepareDataDir, startEnvironment } from "./start-options.mjs";

const listensOn = (processEnv: Record<string, string>) => {
  const args = nextStartArgs(startEnvironment(processEnv));
  const at = args.indexOf("-H");
  return at === -1 ? "all interfaces" : args[at + 1];
};

describe("npm start", () => {
  it("serves the embedded demo on localhost only", () => {
    expect(listensOn({})).toBe("127.0.0.1");
    expect(startEnvironment({}).HOST).toBe("127.0.0.1");
  });

  it("listens where HOST says", () => {
    expect(listensOn({ HOST: "0.0.0.0" })).toBe("0.0.0.0");
    expect(listensOn({ DATABASE_URL: "postgres://db/app", HOST: "10.0.0.5" })).toBe("10.0.0.5");
  });

  it("with PostgreSQL listens on all interfaces, for the load balancer in front", () => {
    expect(listensOn({ DATABASE_URL: "postgres://db/app" })).toBe("all interfaces");
  });

  const root = mkdtempSync(path.join(tmpdir(), "assetronics-start-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("keeps the data dir and the generated auth secret to the owner", () => {
    const env = startEnvironment({ DATA_DIR: path.join(root, "data") });
    prepareDataDir(env);
    expect(statSync(env.DATA_DIR).mode & 0o777).toBe(0o700);
    const secret = path.join(env.DATA_DIR, "auth-secret");
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(env.AUTH_SECRET).toBe(readFileSync(secret, "utf8").trim());
    expect(env.AUTH_SECRET?.length).toBeGreaterThanOrEqual(32);
  });
});
