import type { LiveStreamOptions } from "../auth/live-session";
import { type Db, withTenant } from "../db";
import { shutdownSignal } from "../shutdown";
import { subscribe } from "./live-hub";
import { latestNotificationAt, notificationsSince, unreadCount } from "./queries";

const PING_MS = 25_000;
const encoder = new TextEncoder();

/**
 * A user's live notification stream (Server-Sent Events): the unread count on connect, then on
 * every change of the user's notifications (committed anywhere: PostgreSQL NOTIFY) each new
 * notification and the new count. Refreshes run one at a time; changes during one cause one more.
 * A comment every 25 s keeps proxies from closing an idle stream. The stream ends when `signal`
 * aborts, when the session ends and when the server shuts down (which waits for open streams).
 */
export function notificationStream(
  db: Db,
  user: { tenantId: string; id: string },
  signal: AbortSignal,
  { stillSignedIn = async () => true, pingMs = PING_MS }: LiveStreamOptions = {},
): ReadableStream<Uint8Array> {
  let since: Date | null = null;
  /** Ids already sent that were created in the millisecond of `since` (read again by `>=`). */
  let seen = new Set<string>();
  let running: Promise<void> | null = null;
  let again = false;
  let cleanup = () => {};

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) =>
        controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed or failed: nothing left to end
        }
      };

      const refreshOnce = async () => {
        if (!(await stillSignedIn())) return end();
        const { items, count, from } = await withTenant(db, user.tenantId, async (trx) => {
          const from = since ?? (await latestNotificationAt(trx, user.tenantId, user.id));
          return {
            from,
            items: since ? await notificationsSince(trx, user.tenantId, user.id, since) : [],
            count: await unreadCount(trx, user.tenantId, user.id),
          };
        });
        const fresh = items.filter((item) => !seen.has(item.id));
        for (const item of fresh) send("notification", item);
        const last = items.at(-1)?.createdAt ?? from;
        seen = new Set(
          items.filter((item) => item.createdAt.getTime() === last.getTime()).map((item) => item.id),
        );
        since = last;
        send("unread", { count });
      };
      const refresh = () => {
        if (running) {
          again = true;
          return;
        }
        running = (async () => {
          do {
            again = false;
            await refreshOnce();
          } while (again && !ended);
        })()
          .catch((error) => controller.error(error))
          .finally(() => {
            running = null;
          });
      };

      const unsubscribe = await subscribe(user.tenantId, user.id, refresh);
      const ping = setInterval(() => {
        stillSignedIn().then(
          (valid) => {
            if (!valid) end();
            else if (!ended) controller.enqueue(encoder.encode(": ping\n\n"));
          },
          (error) => controller.error(error),
        );
      }, pingMs);
      cleanup = () => {
        clearInterval(ping);
        unsubscribe();
      };
      const stop = AbortSignal.any([signal, shutdownSignal()]);
      if (stop.aborted) return end();
      stop.addEventListener("abort", end);
      refresh();
    },
    cancel() {
      cleanup();
    },
  });
}
