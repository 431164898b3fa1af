import { openDatabase } from "../db/index";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "../db/seed";

const handle = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.DATA_DIR ?? "./.data",
});
try {
  await migrateToLatest(handle.db);
  console.log((await seedDemo(handle.db)) ? "Demo tenant Acme Corp seeded." : "Demo tenant already present.");
} finally {
  await handle.close();
}
