import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import webpush from "web-push";
import { env } from "../../env";
import { logger } from "../../logger";
import { retryAfterMs, type SendOutcome } from "../mailer";

/** A browser's push subscription as the Push API gives it. */
export type PushTarget = { endpoint: string; p256dh: string; auth: string };

/** What the service worker (public/sw.js) shows: a title, a line, where a click goes, a tag to collapse repeats. */
export type PushPayload = { title: string; body: string; link: string; tag: string };

/** What one push service answered: as any send, or "gone" when the browser unsubscribed (404/410). */
export type PushOutcome = SendOutcome | { kind: "gone"; error: string };

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

export type PushTransport = {
  publicKey: string;
  send(target: PushTarget, payload: PushPayload, options: { urgent: boolean }): Promise<PushOutcome>;
};

/**
 * Web Push with VAPID (RFC 8030/8291/8292): the web-push library encrypts the payload for the
 * browser and signs the VAPID JWT; the request itself goes out with fetch, so its answer is sorted
 * here: 201 sent; 404/410 the subscription is gone; 429 and 5xx transient (Retry-After honoured);
 * any other 4xx (413 payload too large, 400, 403 a VAPID key the subscription was not made with)
 * permanent.
 */
export function webPushTransport(keys: VapidKeys, doFetch: typeof fetch = fetch): PushTransport {
  return {
    publicKey: keys.publicKey,
    async send(target, payload, options) {
      const details = webpush.generateRequestDetails(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        JSON.stringify(payload),
        {
          vapidDetails: keys,
          TTL: 24 * 60 * 60,
          urgency: options.urgent ? "high" : "normal",
          topic: payload.tag.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 32),
          contentEncoding: "aes128gcm",
        },
      );
      let response: Response;
      try {
        response = await doFetch(details.endpoint, {
          method: details.method,
          headers: details.headers as Record<string, string>,
          body: details.body ? new Uint8Array(details.body) : null,
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        return {
          kind: "transient",
          error: `The push service did not answer: ${(error as Error).message}`,
          retryAfterMs: null,
        };
      }
      if (response.status >= 200 && response.status < 300) {
        return {
          kind: "sent",
          providerMessageId: response.headers.get("location") ?? `push ${response.status}`,
        };
      }
      const text = (await response.text().catch(() => "")).slice(0, 300);
      const error = `Push service answered HTTP ${response.status}${text ? `: ${text}` : ""}`;
      if (response.status === 404 || response.status === 410) return { kind: "gone", error };
      if (response.status === 429 || response.status >= 500) {
        return { kind: "transient", error, retryAfterMs: retryAfterMs(response.headers.get("retry-after")) };
      }
      return { kind: "permanent", error, bounced: false };
    },
  };
}

const keyFileOf = (dataDir: string) => path.join(dataDir, "vapid-keys.json");

/**
 * The VAPID key pair: from VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY when set, else the data directory's
 * key file, generated on first use (0600, written exclusively so two processes agree on one pair).
 * Browsers subscribed with one public key are refused under another, so the file is kept.
 */
export function loadVapidKeys(source: {
  publicKey?: string;
  privateKey?: string;
  subject?: string;
  dataDir: string;
  appUrl: string;
}): VapidKeys {
  const subject =
    source.subject ?? (source.appUrl.startsWith("https:") ? source.appUrl : "mailto:it@assetronics.local");
  if (source.publicKey && source.privateKey) {
    return { publicKey: source.publicKey, privateKey: source.privateKey, subject };
  }
  const file = keyFileOf(source.dataDir);
  try {
    return { ...(JSON.parse(readFileSync(file, "utf8")) as Omit<VapidKeys, "subject">), subject };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(webpush.generateVAPIDKeys()), { mode: 0o600, flag: "wx" });
    logger.warn("generated VAPID keys for browser push; back them up with the data directory", { file });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return { ...(JSON.parse(readFileSync(file, "utf8")) as Omit<VapidKeys, "subject">), subject };
}

let configured: PushTransport | undefined;

/** The deployment's push: its VAPID keys, configured or generated into the data directory. */
export function pushTransport(): PushTransport {
  configured ??= webPushTransport(
    loadVapidKeys({
      publicKey: env.VAPID_PUBLIC_KEY,
      privateKey: env.VAPID_PRIVATE_KEY,
      subject: env.VAPID_SUBJECT,
      dataDir: env.DATA_DIR,
      appUrl: env.APP_URL,
    }),
  );
  return configured;
}
