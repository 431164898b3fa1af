import type { Unlisten } from "@/db/listen";
import { database } from "../db";
import { logger } from "../logger";
import { NOTIFICATIONS_CHANNEL } from "./live";

type Hub = { subscribers: Map<string, Set<() => void>>; listening: Promise<Unlisten | undefined> | null };

// Kept on globalThis so dev-mode module reloads share one listening connection.
const holder = globalThis as { __assetronicsNotificationHub?: Hub };
holder.__assetronicsNotificationHub ??= { subscribers: new Map(), listening: null };
const hub: Hub = holder.__assetronicsNotificationHub;

const keyOf = (tenantId: string, userId: string) => `${tenantId}:${userId}`;

/**
 * Calls the subscribers of the user a notification names; every subscriber when it names none
 * (the listening connection was re-established and may have missed some).
 */
function dispatch(payload?: string): void {
  const targets = payload ? [hub.subscribers.get(payload)] : [...hub.subscribers.values()];
  for (const set of targets) for (const onChange of set ?? []) onChange();
}

/**
 * One LISTEN per process, opened with the first subscriber, whatever replica committed the
 * change: every replica hears the NOTIFY and refreshes its own open streams.
 */
function ensureListening(): Promise<Unlisten | undefined> {
  hub.listening ??= database()
    .then((handle) => handle.listen?.(NOTIFICATIONS_CHANNEL, dispatch))
    .catch((error) => {
      hub.listening = null;
      logger.error("notification stream could not listen", { error });
      return undefined;
    });
  return hub.listening;
}

/** Calls `onChange` whenever the user's notifications change; returns the unsubscribe. */
export async function subscribe(tenantId: string, userId: string, onChange: () => void): Promise<() => void> {
  const key = keyOf(tenantId, userId);
  const set = hub.subscribers.get(key) ?? new Set();
  set.add(onChange);
  hub.subscribers.set(key, set);
  await ensureListening();
  return () => {
    set.delete(onChange);
    if (set.size === 0 && hub.subscribers.get(key) === set) hub.subscribers.delete(key);
  };
}
