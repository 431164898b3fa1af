import { mkdir, writeFile } from "node:fs/promises";
import { checkInJsonSchema } from "../server/agent/payload";

/** Writes agent/checkin.schema.json from the zod schema (a test fails when they drift apart). */
const target = new URL("../agent/checkin.schema.json", import.meta.url);
await mkdir(new URL(".", target), { recursive: true });
await writeFile(target, `${JSON.stringify(checkInJsonSchema(), null, 2)}\n`);
console.log("agent/checkin.schema.json written");
