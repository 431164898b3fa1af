import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { generateDbTypes } from "@/db/codegen";

it("db/types.ts matches the migrated schema (run `npm run db:types` after changing a migration)", async () => {
  const committed = await readFile(new URL("../../db/types.ts", import.meta.url), "utf8");
  expect(committed).toBe(await generateDbTypes());
});
