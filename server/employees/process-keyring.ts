import { env } from "../env";
import { logger } from "../logger";
import { type Keyring, UnknownKeyError } from "./encryption";
import { loadKeyring } from "./keyring";

let cached: Keyring | undefined;

/**
 * This process's keyring, loaded once from EMPLOYEE_DATA_KEYS or the data directory's key file (the
 * embedded default, generated on first use and announced in the log without the key).
 */
export function employeeKeyring(): Keyring {
  cached ??= loadKeyring({
    configured: env.EMPLOYEE_DATA_KEYS,
    dataDir: env.DATA_DIR,
    onGenerated: (file) =>
      logger.warn("generated a key for employees' personal data; back it up with the data directory", {
        file,
      }),
  });
  return cached;
}

/**
 * Runs `work` with the keyring, reloading it once if a value names a key it lacks: a rotation
 * started by another process added a key to the key file after this one loaded it.
 */
export function withKeyring<T>(work: (keyring: Keyring) => T): T {
  try {
    return work(employeeKeyring());
  } catch (error) {
    if (!(error instanceof UnknownKeyError)) throw error;
    cached = undefined;
    return work(employeeKeyring());
  }
}
