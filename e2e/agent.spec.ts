import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { baseURL } from "../playwright.config";
import { authFile, chooseOption, mutate, unique } from "./support";
import { expect, test } from "./test";

const arch = process.arch === "arm64" ? "arm64" : "amd64";
const built = path.resolve(`agent/dist/assetronics-agent-linux-${arch}`);

/** The agent binary as `npm test` builds it into agent/dist, or built here with Go when missing. */
function agentBinary(): string {
  if (existsSync(built)) return built;
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), "agent-bin-")), "assetronics-agent");
  execFileSync("go", ["build", "-o", out, "./cmd/assetronics-agent"], {
    cwd: path.resolve("agent"),
    stdio: "pipe",
  });
  return out;
}

/** Memory as the review queue shows it ("23.5 GB"). */
const gigabytes = (bytes: number) => `${Math.round((bytes / 1024 ** 3) * 10) / 10} GB`;

/** Installed packages as dpkg itself counts them: what the agent must report for this machine. */
const dpkgPackages = () =>
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
  execFileSync("dpkg-query", ["-W", "-f", "${db:Status-Abbrev}\\n"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.startsWith("ii")).length;

test.describe("the endpoint agent", () => {
  test.use({ storageState: authFile("admin") });

  test("enrolls this machine with a token made in Settings, checks in, and is accepted from the review queue", async ({
    page,
  }) => {
    test.slow();
    const suffix = unique();
    const category = await mutate<{ id: string; name: string }>(page.request, "reference.category.create", {
      name: `E2E Agent machines ${suffix}`,
    });

    await page.goto("/settings/agent");
    await page.getByRole("button", { name: "Create token" }).click();
    const create = page.getByRole("dialog", { name: "Create an enrollment token" });
    await create.getByRole("textbox", { name: "Name" }).fill(`E2E machine ${suffix}`);
    await create.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByRole("dialog", { name: new RegExp(`Token “E2E machine ${suffix}” created`) });
    await expect(shown.getByRole("textbox", { name: "Install command" })).toHaveValue(
      /^curl -fsSL .*\/api\/agent\/v1\/install\.sh \| sudo sh -s -- enr_/,
    );
    const token = await shown.getByRole("textbox", { name: "Enrollment token" }).inputValue();
    await shown.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("table", { name: "Enrollment tokens" })).toContainText(
      `E2E machine ${suffix}`,
    );

    // the real agent, on this machine, against the running app
    const bin = agentBinary();
    const config = path.join(mkdtempSync(path.join(os.tmpdir(), "agent-e2e-")), "agent.json");
    execFileSync(bin, ["--config", config, "enroll", "--server", baseURL, "--token", token], {
      stdio: "pipe",
    });
    expect(JSON.parse(readFileSync(config, "utf8"))).toMatchObject({
      server: baseURL,
      credential: expect.stringMatching(/^dev_/),
    });
    execFileSync(bin, ["--config", config, "check-in"], { stdio: "pipe" });

    const hostname = os.hostname();
    await page.goto("/assets/discovered");
    const card = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: hostname, exact: true }) });
    await expect(card).toContainText(os.cpus()[0]?.model.trim() ?? "");
    await expect(card).toContainText(gigabytes(os.totalmem()));
    await expect(card).toContainText(`${dpkgPackages()} packages`);

    await card.getByRole("button", { name: "Accept as asset" }).click();
    const accept = page.getByRole("dialog", { name: `Accept ${hostname} as an asset` });
    await chooseOption(page, accept, "Category", category.name);
    await accept.getByRole("button", { name: "Accept as asset" }).click();
    await expect(accept).toBeHidden();
    await expect(page.getByText(new RegExp(`${hostname} is now asset`))).toBeVisible();
    await expect(card).toHaveCount(0);

    // the asset carries the machine's facts and software
    await page.goto("/settings/agent");
    const row = page.getByRole("row").filter({ hasText: hostname }).filter({ hasText: "Linked" }).first();
    await row.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(hostname);
    await expect(page.getByRole("region", { name: "Agent" })).toContainText(gigabytes(os.totalmem()));
  });
});
