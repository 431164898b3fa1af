import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { baseURL } from "../playwright.config";
import { mutate, signUp, unique } from "./support";
import { expect, test } from "./test";

const agentConfig = "/etc/ocsinventory/ocsinventory-agent.cfg";
const base64 = (value: string) => Buffer.from(value).toString("base64");

/** Memory as the review queue shows it ("23.5 GB"). */
const gigabytes = (bytes: number) => `${Math.round((bytes / 1024 ** 3) * 10) / 10} GB`;

/**
 * Debian's stock `ocsinventory-agent` (installed by `npm test`) against the running app, on the
 * OCS path such fleets already use: it is challenged for Basic credentials, sends its PROLOG and
 * its zlib-compressed inventory of this machine, and the machine waits in the review queue of a
 * fresh organization (so no asset of another spec can match it), from where it is accepted.
 */
test("a fleet's stock OCS Inventory agent reports this machine, which is accepted from the review queue", async ({
  page,
}) => {
  test.slow();
  expect(existsSync("/usr/bin/ocsinventory-agent"), "npm test installs Debian's ocsinventory-agent").toBe(
    true,
  );
  expect(
    readFileSync(agentConfig, "utf8"),
    `${agentConfig} must name a server, not local=: dpkg-reconfigure ocsinventory-agent and choose http`,
  ).not.toMatch(/^\s*local\s*=/m);

  const suffix = unique();
  await signUp(page, {
    organization: `OCS Fleet ${suffix}`,
    name: "Olga Admin",
    email: `olga-${suffix}@ocs-fleet.test`,
    password: "stock-agents-welcome",
  });
  const { token } = await mutate<{ token: string }>(page.request, "agent.createToken", {
    name: "OCS fleet",
    expiresInDays: 7,
  });
  const category = await mutate<{ name: string }>(page.request, "reference.category.create", {
    name: `Servers ${suffix}`,
  });

  const work = mkdtempSync(path.join(os.tmpdir(), "ocs-agent-"));
  // The agent base64-decodes --user and --password; it answers the app's Basic challenge with them.
  execFileSync(
    "ocsinventory-agent",
    [
      "--server",
      `${baseURL}/ocsinventory`,
      "--realm",
      "Assetronics",
      "--user",
      base64("agent"),
      "--password",
      base64(token),
      "--basevardir",
      work,
      "--logfile",
      path.join(work, "agent.log"),
    ],
    { stdio: "pipe", timeout: 150_000 },
  );
  const log = readFileSync(path.join(work, "agent.log"), "utf8");
  expect(log).not.toMatch(/\[error\]/i);

  const hostname = os.hostname();
  await page.goto("/assets/discovered");
  const card = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: hostname, exact: true }) });
  await expect(card).toContainText(os.cpus()[0]?.model.trim().split(" ")[0] ?? "");
  await expect(card).toContainText(gigabytes(os.totalmem()));
  await expect(card).toContainText(/\d+ packages/);

  await card.getByRole("button", { name: "Accept as asset" }).click();
  const accept = page.getByRole("dialog", { name: `Accept ${hostname} as an asset` });
  await accept.getByRole("combobox", { name: "Category" }).click();
  await page.getByRole("option", { name: category.name, exact: true }).click();
  await accept.getByRole("button", { name: "Accept as asset" }).click();
  await expect(page.getByText(new RegExp(`${hostname} is now asset`))).toBeVisible();
  await expect(card).toHaveCount(0);
});
