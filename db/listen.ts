import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { PgliteClient } from "./pglite-thread";

export type Unlisten = () => Promise<void>;
/**
 * Subscribes to a notification channel (`LISTEN`): `onNotify` runs after each committed
 * transaction that notified it, with the notification's payload, and without one whenever
 * notifications may have been missed.
 */
export type Listen = (channel: string, onNotify: (payload?: string) => void) => Promise<Unlisten>;

/** How the listening connection shows in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = "assetronics-listen";
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;
const KEEPALIVE_DELAY_MS = 10_000;

/**
 * LISTEN on a connection of its own (a pooled one goes back to other queries and would stop
 * listening), kept open: when it drops it reconnects with backoff and, once back, calls
 * `onNotify` since whatever was notified meanwhile is lost. A first connection that fails is
 * retried the same way, so the caller only loses the wake-ups, never a start.
 */
export function listenPostgres(databaseUrl: string): Listen {
  return async (channel, onNotify) => {
    let closed = false;
    let connectedOnce = false;
    let current: pg.Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    let retryMs = FIRST_RETRY_MS;

    const reconnectLater = (failed: pg.Client) => {
      if (closed || failed !== current || retry) return;
      current = undefined;
      failed.end().catch(() => undefined);
      retry = setTimeout(() => {
        retry = undefined;
        void open();
      }, retryMs);
      retry.unref();
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    };

    async function open(): Promise<void> {
      const client = new pg.Client({
        connectionString: databaseUrl,
        application_name: LISTENER_APPLICATION_NAME,
        // The connection only ever receives: without TCP keepalive, a peer gone without a FIN
        // (a failover, a NAT or load balancer dropping idle flows) would leave it waiting forever.
        keepAlive: true,
        keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
      });
      current = client;
      client.on("error", () => reconnectLater(client));
      client.on("end", () => reconnectLater(client));
      client.on("notification", (message) => {
        if (message.channel === channel) onNotify(message.payload);
      });
      try {
        await client.connect();
        await client.query(`listen ${client.escapeIdentifier(channel)}`);
      } catch {
        reconnectLater(client);
        return;
      }
      if (closed) {
        await client.end().catch(() => undefined);
        return;
      }
      retryMs = FIRST_RETRY_MS;
      if (connectedOnce) onNotify();
      connectedOnce = true;
    }

    await open();
    return async () => {
      closed = true;
      clearTimeout(retry);
      await current?.end().catch(() => undefined);
    };
  };
}

/** PGlite is one in-process connection: its own listen API delivers notifications on commit. */
export function listenPglite(pglite: Pick<PGlite, "listen"> | Pick<PgliteClient, "listen">): Listen {
  return (channel, onNotify) => pglite.listen(channel, (payload) => onNotify(payload));
}
