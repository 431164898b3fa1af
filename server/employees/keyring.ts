import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateKeyEntry, type Keyring, parseKeyring } from "./encryption";

/** Where the embedded default keeps its keys: beside the embedded database, readable by its owner only. */
export const keyFileOf = (dataDir: string) => path.join(dataDir, "employee-data-keys");

export type KeySource = {
  /** EMPLOYEE_DATA_KEYS when set: `id:base64key,...`, oldest first. */
  configured?: string;
  dataDir: string;
  /** Told (never the key) when a key file is generated. */
  onGenerated?: (file: string) => void;
};

/**
 * The keys personal data is sealed with: from the environment when configured, else from the
 * data directory's key file, generated on first use (0600, written exclusively so two processes
 * starting together agree on one key). A configured value that does not parse stops with a message
 * naming the variable.
 */
export function loadKeyring(source: KeySource): Keyring {
  if (source.configured) {
    try {
      return parseKeyring(source.configured);
    } catch (error) {
      throw new Error(`EMPLOYEE_DATA_KEYS ${(error as Error).message}`);
    }
  }
  const file = keyFileOf(source.dataDir);
  const text = readOrCreateKeyFile(file, source.onGenerated);
  try {
    return parseKeyring(text);
  } catch (error) {
    throw new Error(`${file} ${(error as Error).message}`);
  }
}

function readOrCreateKeyFile(file: string, onGenerated: KeySource["onGenerated"]): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${generateKeyEntry("k1")}\n`, { mode: 0o600, flag: "wx" });
    onGenerated?.(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8");
}

/**
 * Adds a fresh key to the data directory's key file (the embedded default's rotation): it becomes
 * the newest, so new values and the rotation seal under it; running processes pick it up the first
 * time they meet a value sealed with it. Returns the new key's id.
 */
export function addKeyToFile(dataDir: string): string {
  const file = keyFileOf(dataDir);
  const keyring = parseKeyring(readFileSync(file, "utf8"));
  const next = Math.max(0, ...keyring.keys.map((key) => Number(key.id.replace(/^k/, "")) || 0)) + 1;
  const id = `k${next}`;
  const entries = [...readFileSync(file, "utf8").trim().split(/[,\n]/).filter(Boolean), generateKeyEntry(id)];
  writeFileSync(file, `${entries.join(",")}\n`, { mode: 0o600 });
  return id;
}
