import { parseArgs } from "node:util";
import { openDatabase } from "../db/index";
import { migrateToLatest } from "../db/migrate";
import { rotateEmployeeKeys } from "../server/employees/key-rotation";
import { addKeyToFile, keyFileOf, loadKeyring } from "../server/employees/keyring";

// Re-seals every employee's personal fields under the newest key (npm run employees:rotate-keys).
// With EMPLOYEE_DATA_KEYS: append the new key to the variable, deploy it to every app instance,
// then run this. With the embedded key file: `--add-key` adds a fresh key to it first. Safe while
// the app runs (one short transaction per batch); interrupted, it resumes where it stopped.
// Reads its settings itself, like the other db scripts, so it needs no app secrets.
const { values } = parseArgs({
  options: {
    "add-key": { type: "boolean", default: false },
    "batch-size": { type: "string", default: "500" },
  },
});
const dataDir = process.env.DATA_DIR ?? "./.data";
const configured = process.env.EMPLOYEE_DATA_KEYS || undefined;
const batchSize = Number(values["batch-size"]);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
  console.error("--batch-size must be a whole number from 1 to 10000");
  process.exit(2);
}
if (values["add-key"]) {
  if (configured) {
    console.error(
      "--add-key adds to the embedded key file; with EMPLOYEE_DATA_KEYS set, append the new key there.",
    );
    process.exit(2);
  }
  loadKeyring({ dataDir, onGenerated: (file) => console.log(`Generated ${file}.`) });
  console.log(`Added key ${addKeyToFile(dataDir)} to ${keyFileOf(dataDir)}.`);
}

const keyring = loadKeyring({ configured, dataDir });
const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
let failed = false;
try {
  await migrateToLatest(handle.db);
  console.log(`Re-sealing employees' personal data under key ${keyring.newest.id}…`);
  const result = await rotateEmployeeKeys(handle.db, keyring, {
    batchSize,
    onBatch: (progress) => console.log(`  ${progress.rotated} re-sealed, ${progress.remaining} to go`),
  });
  console.log(
    `Done: every employee's personal data is sealed under ${result.keyId}. Older keys may now be removed.`,
  );
} catch (error) {
  failed = true;
  console.error(
    `Rotation stopped: ${error instanceof Error ? error.message : String(error)}. Run it again to resume.`,
  );
} finally {
  await handle.close();
}
process.exit(failed ? 1 : 0);
