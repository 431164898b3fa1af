import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { AppError } from "../errors";

/**
 * Encryption at rest of employees' personal data: AES-256-GCM, each value sealed as the envelope
 * `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts), so the key that sealed it travels with it
 * and keys can rotate while old values stay readable. Exact-match lookups use a blind index:
 * HMAC-SHA256 of the normalized value under a second key derived from the same master key, so the
 * index never reveals the value and a stolen index cannot be reversed without the key.
 */

/** One master key as configured: its id (stored with every value) and its 32 bytes. */
export type DataKey = { id: string; encryption: Buffer; blindIndex: Buffer };

/** The configured keys, oldest first; the last is the one new values are sealed with. */
export type Keyring = { keys: DataKey[]; newest: DataKey };

const VERSION = "v1";
const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

/** Two purposes, two keys: an index key that leaks says nothing about the encryption key. */
function deriveKey(id: string, master: Buffer): DataKey {
  const derive = (purpose: string) =>
    Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `assetronics employee ${purpose}`, 32));
  return { id, encryption: derive("data encryption"), blindIndex: derive("blind index") };
}

/**
 * Parses `id:base64key,id:base64key` (oldest first). A bad entry names what is wrong with it, never
 * the key material.
 */
export function parseKeyring(text: string): Keyring {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error("holds no key: expected id:base64key[,id:base64key...]");
  const seen = new Set<string>();
  const keys = entries.map((entry, index) => {
    const [id = "", material = "", ...rest] = entry.split(":");
    if (!keyIdPattern.test(id) || rest.length > 0)
      throw new Error(`entry ${index + 1} must be id:base64key with an id of letters, digits, - or _`);
    if (seen.has(id)) throw new Error(`key id ${id} appears twice`);
    seen.add(id);
    const bytes = Buffer.from(material, "base64");
    if (bytes.length !== 32)
      throw new Error(`key ${id} must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
    return deriveKey(id, bytes);
  });
  return { keys, newest: keys[keys.length - 1] as DataKey };
}

/** A fresh key entry for a keyring: `id:base64key`. */
export function generateKeyEntry(id: string): string {
  return `${id}:${randomBytes(32).toString("base64")}`;
}

/** The key id a sealed value names, without opening it (rotation picks what to re-seal by it). */
export function keyIdOf(envelope: string): string {
  return envelope.split(":")[1] ?? "";
}

const b64 = (buffer: Buffer) => buffer.toString("base64url");

/**
 * Seals `plaintext` under the newest key. `context` is bound as associated data (tenant, record,
 * field), so a value copied to another field, record or tenant fails to open.
 */
export function seal(keyring: Keyring, context: string, plaintext: string): string {
  const key = keyring.newest;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.encryption, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, key.id, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join(":");
}

/** Opens a sealed value; a value tampered with, moved, or sealed under an unknown key is refused. */
export function open(keyring: Keyring, context: string, envelope: string): string {
  const [version, keyId, iv, tag, ciphertext, ...rest] = envelope.split(":");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length > 0)
    throw new AppError("INTERNAL", "A stored personal field is not in a format this version can read.");
  const key = keyring.keys.find((candidate) => candidate.id === keyId);
  if (!key) throw new UnknownKeyError(keyId ?? "");
  const decipher = createDecipheriv("aes-256-gcm", key.encryption, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new AppError("INTERNAL", "A stored personal field failed its integrity check and was not shown.");
  }
}

/** A value sealed under a key this process was not given: the keyring is out of date. */
export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`Personal data sealed under key "${keyId}", which is not configured (EMPLOYEE_DATA_KEYS).`);
    this.name = "UnknownKeyError";
  }
}

/** The blind index of a normalized value under one key, scoped to its tenant and field. */
function blindIndexWith(key: DataKey, scope: string, normalized: string): string {
  return createHmac("sha256", key.blindIndex).update(`${scope}\u0000${normalized}`).digest("base64url");
}

/** The index stored with a value: under the newest key. */
export function blindIndex(keyring: Keyring, scope: string, normalized: string): string {
  return blindIndexWith(keyring.newest, scope, normalized);
}

/**
 * Every index a stored value may carry: rows not yet rotated hold an older key's index, so a
 * lookup during a rotation asks for all of them.
 */
export function blindIndexCandidates(keyring: Keyring, scope: string, normalized: string): string[] {
  return keyring.keys.map((key) => blindIndexWith(key, scope, normalized));
}
