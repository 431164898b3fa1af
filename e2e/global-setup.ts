import { chromium, type FullConfig } from "@playwright/test";
import { authFile, type DemoRole, demo, signIn } from "./support";

/** Signs in once per demo role and stores the session, so specs start signed in. */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const { baseURL, launchOptions } = config.projects[0]?.use ?? {};
  const browser = await chromium.launch(launchOptions);
  // All roles at once: each sign-in mostly waits on the server (and its password hash).
  await Promise.all(
    (Object.keys(demo) as DemoRole[]).map(async (role) => {
      const page = await browser.newPage({ baseURL });
      await signIn(page, demo[role], undefined, { timeout: 60_000 });
      await page.context().storageState({ path: authFile(role) });
      await page.close();
    }),
  );
  await browser.close();
}
