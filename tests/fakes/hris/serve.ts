import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { createFakeBamboo } from "./bamboohr";
import { type FakePerson, readBody, type ScenarioOptions, send } from "./core";
import { demoIds, demoPeople } from "./demo-people";
import { createFakeOkta } from "./okta";
import { createFakeRippling } from "./rippling";

/**
 * The three fake HRIS providers on one port, with Acme's demo people (demo-people.ts: 25 people,
 * two hired in the last 30 days, one leaver, a manager listed after her reports, "IT Dept").
 *
 *   npx tsx tests/fakes/hris/serve.ts --port 3199
 *
 * What to enter in Settings > Integrations (the app must run with
 * INTEGRATIONS_ALLOW_PRIVATE_HOSTS=true to reach 127.0.0.1 over http):
 *
 *   BambooHR  API key: demo-bamboohr-key    Company domain: acme
 *             Base URL: http://127.0.0.1:3199/bamboohr
 *   Rippling  API token: demo-rippling-token
 *             Base URL: http://127.0.0.1:3199/rippling
 *   Okta      API token: demo-okta-token    Org URL: https://acme.okta.com
 *             Base URL: http://127.0.0.1:3199/okta   (or Org URL http://127.0.0.1:3199/okta alone)
 *
 * GET / answers 200 (a readiness probe for Playwright's webServer). Tests steer the fakes over HTTP:
 *   POST /_control/{bamboohr|rippling|okta}/scenario  {"fail":{"status":500,"times":99},
 *        "throttle":{"mode":"429","times":2,"retryAfterSeconds":1}, "slow":{"ms":500}}  (replaces
 *        all three; {} clears them)
 *   POST /_control/{provider}/people  {"add": FakePerson} | {"update": {"id": "...", ...patch}} |
 *        {"terminate": "id"}
 *   POST /_control/reset  restores the demo people and clears every scenario
 *   GET  /_control/{provider}/requests  the request log (headers included)
 */

const { values } = parseArgs({ options: { port: { type: "string", default: "3199" } } });
const port = Number(values.port);

const credentials = {
  bamboohr: "demo-bamboohr-key",
  rippling: "demo-rippling-token",
  okta: "demo-okta-token",
};

const fakes = {
  bamboohr: createFakeBamboo(
    { people: demoPeople(demoIds.bamboohr), apiKey: credentials.bamboohr, companyDomain: "acme" },
    "/bamboohr",
  ),
  rippling: createFakeRippling(
    { people: demoPeople(demoIds.rippling), apiToken: credentials.rippling },
    "/rippling",
  ),
  okta: createFakeOkta({ people: demoPeople(demoIds.okta), apiToken: credentials.okta }, "/okta"),
};
type Provider = keyof typeof fakes;
const isProvider = (value: string): value is Provider => value in fakes;

function reset() {
  for (const provider of Object.keys(fakes) as Provider[]) {
    const fake = fakes[provider];
    fake.setPeople(demoPeople(demoIds[provider]));
    Object.assign(fake.scenario, { throttle: undefined, fail: undefined, slow: undefined });
    fake.requests.length = 0;
  }
}

async function control(method: string, path: string, body: string): Promise<[number, unknown]> {
  if (method === "POST" && path === "/_control/reset") {
    reset();
    return [200, { ok: true }];
  }
  const match = /^\/_control\/([a-z]+)\/(scenario|people|requests)$/.exec(path);
  if (!match || !isProvider(match[1] ?? "")) return [404, { error: "Unknown control path" }];
  const fake = fakes[match[1] as Provider];
  if (match[2] === "requests" && method === "GET") return [200, fake.requests];
  if (method !== "POST") return [405, { error: "Use POST" }];
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body || "{}");
  } catch {
    return [400, { error: "Body is not JSON" }];
  }
  if (match[2] === "scenario") {
    const scenario = input as ScenarioOptions;
    Object.assign(fake.scenario, {
      throttle: scenario.throttle,
      fail: scenario.fail ? { ...scenario.fail } : undefined,
      slow: scenario.slow,
    });
    return [200, { ok: true }];
  }
  try {
    if (input.add) return [200, fake.addPerson(input.add as FakePerson)];
    if (input.update) {
      const { id, ...patch } = input.update as Partial<FakePerson> & { id: string };
      return [200, fake.updatePerson(id, patch)];
    }
    if (typeof input.terminate === "string") return [200, fake.terminatePerson(input.terminate)];
  } catch (error) {
    return [404, { error: String(error) }];
  }
  return [400, { error: "Expected add, update or terminate" }];
}

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  if (path === "/" && req.method === "GET") {
    return send(res, 200, "Fake HRIS providers: /bamboohr /rippling /okta\n", {
      "content-type": "text/plain",
    });
  }
  if (path.startsWith("/_control/")) {
    const [status, body] = await control(req.method ?? "GET", path, await readBody(req));
    return send(res, status, body);
  }
  for (const fake of Object.values(fakes)) if (await fake.route(req, res)) return;
  send(res, 404, { error: "Not found: use /bamboohr, /rippling or /okta" });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`Fake HRIS providers on http://127.0.0.1:${port} (/bamboohr, /rippling, /okta)`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
