import { openDatabase } from "../db/index";
import { migrateToLatest } from "../db/migrate";
import { AppError } from "../server/errors";
import { resetSuperAdminPassword } from "../server/platform/services/reset-super-admin-password";

// npm run platform:reset-password -- <email>: a new password for a platform operator (super
// admin), printed once; their earlier sessions end. Only someone who can run commands on the
// server (and reach its database) can do this, which is the point: no tenant admin can.
const email = process.argv[2];
if (!email || process.argv.length > 3) {
  console.error("Usage: npm run platform:reset-password -- <operator email>");
  process.exit(2);
}
const handle = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.DATA_DIR ?? "./.data",
});
let code = 0;
try {
  await migrateToLatest(handle.db);
  const result = await resetSuperAdminPassword(handle.db, { email });
  console.log(
    `New password for ${result.email} (shown once; their other sessions have ended):\n\n  ${result.password}\n`,
  );
} catch (error) {
  code = 1;
  console.error(error instanceof AppError ? error.message : `Reset failed: ${String(error)}`);
} finally {
  await handle.close();
}
process.exit(code);
