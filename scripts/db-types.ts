import { writeFile } from "node:fs/promises";
import { generateDbTypes } from "../db/codegen";

const source = await generateDbTypes();
await writeFile(new URL("../db/types.ts", import.meta.url), source);
console.log("db/types.ts written");
