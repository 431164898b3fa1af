"use client";

import { useEffect, useEffectEvent } from "react";

/** The server-sent stream of the signed-in user's notifications (app/api/notifications/stream). */
export const NOTIFICATION_STREAM_URL = "/api/notifications/stream";

/** A notification as the stream sends it: the list's item with its instants as ISO strings. */
export type StreamedNotification = { id: string; title: string; body: string; link: string | null };

const firstDelayMs = 1_000;
const longestDelayMs = 30_000;

/**
 * How long to wait before opening the stream again after it closed for good (the server answered
 * an error, or restarted between the browser's own retries): doubling from one second, capped at
 * thirty so a bell left open over a deployment comes back within half a minute without hammering it.
 */
export const reconnectDelay = (failures: number): number =>
  Math.min(longestDelayMs, firstDelayMs * 2 ** Math.max(0, failures));

type StreamHandlers = {
  /** The stream (re)opened: what was missed while it was down should be fetched again. */
  onOpen: () => void;
  onUnread: (count: number) => void;
  onNotification: (notification: StreamedNotification) => void;
};

/**
 * Keeps one EventSource open for as long as the component is mounted. The browser retries a
 * dropped connection by itself; when it gives up (the stream answered with an error or closed),
 * this opens a new one after `reconnectDelay`, so the bell never silently stops updating.
 */
export function useNotificationStream(handlers: StreamHandlers): void {
  const opened = useEffectEvent(() => handlers.onOpen());
  const unread = useEffectEvent((data: string) =>
    handlers.onUnread((JSON.parse(data) as { count: number }).count),
  );
  const arrived = useEffectEvent((data: string) =>
    handlers.onNotification(JSON.parse(data) as StreamedNotification),
  );

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const connect = () => {
      source = new EventSource(NOTIFICATION_STREAM_URL);
      source.addEventListener("open", () => {
        failures = 0;
        opened();
      });
      source.addEventListener("unread", (event) => unread(event.data));
      source.addEventListener("notification", (event) => arrived(event.data));
      source.addEventListener("error", () => {
        if (source?.readyState !== EventSource.CLOSED) return;
        retry = setTimeout(connect, reconnectDelay(failures++));
      });
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, []);
}
