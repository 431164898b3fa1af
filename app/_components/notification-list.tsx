"use client";

import { useMutation, useQueries, useQueryClient } from "@tanstack/react-query";
import { BellOff, Check, CheckCheck } from "lucide-react";
import Link from "next/link";
import { useId } from "react";
import { cn } from "@/app/_lib/cn";
import { useTRPC } from "@/app/_trpc/client";
import type { NotificationItem } from "@/server/notifications/schemas";
import { dayHeading, mergeDays, todayIn } from "./notification-days";
import { DateTime, useTimeZone } from "./time-zone";
import { Button } from "./ui/button";

/**
 * The popover's content: the user's notifications grouped by day in their zone, newest first, one
 * page per cursor in `cursors` (the bell keeps them, so a new arrival can send it back to the first).
 */
export function NotificationList({
  unread,
  cursors,
  onShowEarlier,
  onNavigate,
  preferencesHref,
}: {
  unread: number;
  cursors: ReadonlyArray<Date | undefined>;
  onShowEarlier: (before: Date) => void;
  onNavigate: () => void;
  preferencesHref: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const timeZone = useTimeZone();
  const headingId = useId();
  const pages = useQueries({
    queries: cursors.map((before) => trpc.notifications.list.queryOptions({ timeZone, before })),
  });
  const days = mergeDays(pages.map((page) => page.data?.days ?? []));
  const last = pages.at(-1);
  const nextCursor = last?.data?.nextCursor ?? null;
  const loading = pages.some((page) => page.isPending);
  const failed = pages.some((page) => page.isError);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.notifications.list.pathFilter()),
      queryClient.invalidateQueries(trpc.notifications.unreadCount.pathFilter()),
    ]);
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSettled: refresh }));
  const markAllRead = useMutation(trpc.notifications.markAllRead.mutationOptions({ onSettled: refresh }));
  const today = todayIn(timeZone);

  return (
    <section aria-labelledby={headingId} className="grid">
      <header className="flex items-center justify-between gap-2 border-b px-4 py-2">
        <h2 id={headingId} className="text-sm font-semibold">
          Notifications
        </h2>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          disabled={unread === 0 || markAllRead.isPending}
          onClick={() => markAllRead.mutate()}
        >
          <CheckCheck aria-hidden /> Mark all read
        </Button>
      </header>
      <div className="max-h-[min(28rem,70dvh)] overflow-y-auto">
        {failed ? (
          <p role="alert" className="px-4 py-6 text-sm text-destructive">
            Your notifications could not be loaded. Close this list and open it again to retry.
          </p>
        ) : loading && days.length === 0 ? (
          <p className="px-4 py-6 text-sm text-muted-foreground">Loading notifications…</p>
        ) : days.length === 0 ? (
          <p className="flex items-center gap-2 px-4 py-6 text-sm text-muted-foreground">
            <BellOff aria-hidden className="size-4" /> Nothing yet. What concerns you will show up here.
          </p>
        ) : (
          days.map(({ day, items }) => (
            <section key={day} aria-label={dayHeading(day, today)}>
              <h3 className="sticky top-0 bg-popover px-4 pt-3 pb-1 text-xs font-medium uppercase tracking-wide text-muted-foreground">
                {dayHeading(day, today)}
              </h3>
              <ul className="grid">
                {items.map((item) => (
                  <NotificationRow
                    key={item.id}
                    item={item}
                    onOpen={() => {
                      if (!item.readAt) markRead.mutate({ ids: [item.id] });
                      onNavigate();
                    }}
                    onMarkRead={() => markRead.mutate({ ids: [item.id] })}
                  />
                ))}
              </ul>
            </section>
          ))
        )}
        {nextCursor ? (
          <div className="px-4 py-2">
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="w-full"
              disabled={last?.isFetching}
              onClick={() => onShowEarlier(nextCursor)}
            >
              Show earlier notifications
            </Button>
          </div>
        ) : null}
      </div>
      <footer className="border-t px-4 py-2 text-sm">
        <Link
          href={preferencesHref}
          onClick={onNavigate}
          className="text-primary underline-offset-4 hover:underline"
        >
          Notification settings
        </Link>
      </footer>
    </section>
  );
}

/** One notification: its title links to the thing concerned; unread ones carry a dot and "Mark read". */
function NotificationRow({
  item,
  onOpen,
  onMarkRead,
}: {
  item: NotificationItem;
  onOpen: () => void;
  onMarkRead: () => void;
}) {
  const unread = item.readAt === null;
  return (
    <li className={cn("flex gap-3 px-4 py-2", unread && "bg-primary/5")}>
      <span
        aria-hidden
        className={cn("mt-1.5 size-2 shrink-0 rounded-full", unread ? "bg-primary" : "bg-transparent")}
      />
      <div className="grid min-w-0 flex-1 gap-0.5 text-sm">
        {item.link ? (
          <Link href={item.link} onClick={onOpen} className="font-medium underline-offset-4 hover:underline">
            {item.title}
            {unread ? <span className="sr-only"> (unread)</span> : null}
          </Link>
        ) : (
          <p className="font-medium">
            {item.title}
            {unread ? <span className="sr-only"> (unread)</span> : null}
          </p>
        )}
        {item.body ? <p className="text-muted-foreground">{item.body}</p> : null}
        <p className="text-xs text-muted-foreground">
          <DateTime value={item.createdAt} />
        </p>
      </div>
      {unread ? (
        <Button type="button" variant="ghost" size="icon" className="size-7 shrink-0" onClick={onMarkRead}>
          <Check aria-hidden />
          <span className="sr-only">Mark “{item.title}” read</span>
        </Button>
      ) : null}
    </li>
  );
}
