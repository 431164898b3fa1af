import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { demoSuperAdmin, seedDemo } from "@/db/seed";
import type { Db } from "./db";
import { logger } from "./logger";
import {
  type BootstrapSuperAdminInput,
  bootstrapSuperAdmin,
  hasSuperAdmin,
} from "./platform/services/bootstrap-super-admin";

export type FirstStartConfig = {
  databaseUrl?: string;
  /** SEED_DEMO as set; undefined when unset. */
  seedDemo?: boolean;
  /** The interface the server listens on (HOST); undefined: all interfaces. */
  host?: string;
  superAdminEmail?: string;
  superAdminPassword?: string;
  /** DATA_DIR: with the embedded database, a generated operator password is also kept here. */
  dataDir?: string;
};

/** The file in DATA_DIR (0600) holding the operator's generated password, embedded database only. */
export const SUPER_ADMIN_PASSWORD_FILE = "super-admin-password";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
export const isLoopbackHost = (host: string | undefined): boolean =>
  host !== undefined && (LOOPBACK.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host));

/**
 * What the demo seed may create. The embedded database listening on localhost only is the demo
 * `npm start` gives: Acme Corp and every documented login, the platform operator included (with a
 * password generated at first start, since anyone can read a published one). Anywhere else the
 * demo tenant is seeded only when SEED_DEMO=true says so, and never with a platform operator.
 */
export function demoPlan(config: FirstStartConfig): { tenant: boolean; superAdmin: boolean } {
  const localDemo = !config.databaseUrl && isLoopbackHost(config.host);
  const tenant = config.seedDemo ?? localDemo;
  return { tenant, superAdmin: tenant && localDemo };
}

/**
 * Runs once the database is migrated: the demo (see demoPlan), then the platform operator named by
 * SUPER_ADMIN_EMAIL (which replaces the demo's). A generated password is printed once, when the
 * account is created, and with the embedded database also written to DATA_DIR/super-admin-password
 * (0600); later starts find the account and print nothing.
 */
export async function prepareFirstStart(
  db: Db,
  config: FirstStartConfig,
  print: (text: string) => void = (text) => process.stdout.write(text),
): Promise<void> {
  const plan = demoPlan(config);
  if (plan.tenant) await seedDemo(db);
  const operator: BootstrapSuperAdminInput | null = config.superAdminEmail
    ? { email: config.superAdminEmail, password: config.superAdminPassword }
    : plan.superAdmin
      ? { ...demoSuperAdmin }
      : null;
  if (operator) await createOperator(db, operator, config, print);
  if (!(await hasSuperAdmin(db))) {
    logger.warn(
      "no platform super admin: set SUPER_ADMIN_EMAIL and restart to create one (its password is printed once)",
    );
  }
}

/** Creates the platform operator if missing, and hands a generated password over once. */
async function createOperator(
  db: Db,
  operator: BootstrapSuperAdminInput,
  config: FirstStartConfig,
  print: (text: string) => void,
): Promise<void> {
  const result = await bootstrapSuperAdmin(db, operator);
  if (result.outcome === "taken_by_tenant_user") {
    const message = "SUPER_ADMIN_EMAIL belongs to a tenant's user; choose another address for the operator";
    logger.error(message, { email: result.email });
    return;
  }
  if (result.outcome !== "created") return;
  // (a key naming the password would be redacted by the logger)
  logger.info("platform super admin created", { email: result.email, printedOnce: result.generated });
  if (!result.generated) return;
  // With the embedded database the data directory holds every account anyway, so a copy there
  // (owner-only, like the auth secret) gives nothing away and survives a lost terminal.
  const dataDir = config.databaseUrl ? undefined : config.dataDir;
  const file = dataDir ? path.join(dataDir, SUPER_ADMIN_PASSWORD_FILE) : null;
  if (dataDir && file) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(file, `${result.email}\n${result.password}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  print(
    `\nPlatform super admin ${result.email} created with the password:\n\n    ${result.password}\n\n` +
      `It is shown only this once${file ? ` (a copy is in ${file}, readable by you alone)` : ""}: ` +
      "sign in at /sign-in and keep it in your password manager.\n\n",
  );
}
