import { DEMO_PASSWORD, demoSuperAdmin, seedDemo } from "@/db/seed";
import type { Db } from "./db";
import { logger } from "./logger";
import { bootstrapSuperAdmin, hasSuperAdmin } from "./platform/services/bootstrap-super-admin";

export type FirstStartConfig = {
  databaseUrl?: string;
  /** SEED_DEMO as set; undefined when unset. */
  seedDemo?: boolean;
  /** The interface the server listens on (HOST); undefined: all interfaces. */
  host?: string;
  superAdminEmail?: string;
  superAdminPassword?: string;
};

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);
export const isLoopbackHost = (host: string | undefined): boolean =>
  host !== undefined && (LOOPBACK.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host));

/**
 * What the demo seed may create. The embedded database listening on localhost only is the demo
 * `npm start` gives: Acme Corp and every documented login, the platform operator included. Anywhere
 * else the demo tenant is seeded only when SEED_DEMO=true says so, and never with a platform
 * operator whose password is published.
 */
export function demoPlan(config: FirstStartConfig): { tenant: boolean; superAdmin: boolean } {
  const localDemo = !config.databaseUrl && isLoopbackHost(config.host);
  const tenant = config.seedDemo ?? localDemo;
  return { tenant, superAdmin: tenant && localDemo };
}

/**
 * Runs once the database is migrated: the demo (see demoPlan), then the platform operator named by
 * SUPER_ADMIN_EMAIL. A generated password is printed once, when the account is created; later
 * starts find the account and print nothing.
 */
export async function prepareFirstStart(
  db: Db,
  config: FirstStartConfig,
  print: (text: string) => void = (text) => process.stdout.write(text),
): Promise<void> {
  const plan = demoPlan(config);
  if (plan.tenant) await seedDemo(db);
  if (plan.superAdmin) {
    await bootstrapSuperAdmin(db, { ...demoSuperAdmin, password: DEMO_PASSWORD });
  }
  if (config.superAdminEmail) {
    const result = await bootstrapSuperAdmin(db, {
      email: config.superAdminEmail,
      password: config.superAdminPassword,
    });
    if (result.outcome === "taken_by_tenant_user") {
      const message = "SUPER_ADMIN_EMAIL belongs to a tenant's user; choose another address for the operator";
      logger.error(message, { email: result.email });
    } else if (result.outcome === "created") {
      // (a key naming the password would be redacted by the logger)
      logger.info("platform super admin created", { email: result.email, printedOnce: result.generated });
      if (result.generated) {
        print(
          `\nPlatform super admin ${result.email} created with the password:\n\n    ${result.password}\n\n` +
            "It is shown only this once: sign in at /sign-in and keep it in your password manager.\n\n",
        );
      }
    }
  }
  if (!(await hasSuperAdmin(db))) {
    logger.warn(
      "no platform super admin: set SUPER_ADMIN_EMAIL and restart to create one (its password is printed once)",
    );
  }
}
