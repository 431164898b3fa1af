import type { LiveStreamOptions } from "../auth/live-session";
import { type Db, withTenant } from "../db";
import { listenHub, liveEventStream } from "../live-stream";
import { NOTIFICATIONS_CHANNEL } from "./live";
import { latestNotificationAt, notificationsSince, unreadCount } from "./queries";

const notifications = listenHub(NOTIFICATIONS_CHANNEL);

/**
 * A user's live notification stream (Server-Sent Events): the unread count on connect, then on
 * every change of the user's notifications (committed anywhere: PostgreSQL NOTIFY) each new
 * notification and the new count. Refreshes run one at a time; changes during one cause one more
 * (server/live-stream.ts). The stream ends when `signal` aborts, when the session ends and when
 * the server shuts down (which waits for open streams).
 */
export function notificationStream(
  db: Db,
  user: { tenantId: string; id: string },
  signal: AbortSignal,
  live: LiveStreamOptions = {},
): ReadableStream<Uint8Array> {
  let since: Date | null = null;
  /** Ids already sent that were created in the millisecond of `since` (read again by `>=`). */
  let seen = new Set<string>();
  return liveEventStream({
    signal,
    live,
    // the payload announceChange sends (./live.ts)
    subscribe: (onChange) => notifications.subscribe(`${user.tenantId}:${user.id}`, onChange),
    async refresh({ send }) {
      const { items, count, from } = await withTenant(db, user.tenantId, async (trx) => {
        const from = since ?? (await latestNotificationAt(trx, user.tenantId, user.id));
        return {
          from,
          items: since ? await notificationsSince(trx, user.tenantId, user.id, since) : [],
          count: await unreadCount(trx, user.tenantId, user.id),
        };
      });
      const fresh = items.filter((item) => !seen.has(item.id));
      for (const item of fresh) send(item, "notification");
      const last = items.at(-1)?.createdAt ?? from;
      seen = new Set(
        items.filter((item) => item.createdAt.getTime() === last.getTime()).map((item) => item.id),
      );
      since = last;
      send({ count }, "unread");
    },
  });
}
