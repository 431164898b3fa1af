"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { NotificationList } from "./notification-list";
import { useNotificationStream } from "./notification-stream";
import { Button } from "./ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "./ui/popover";

/** "Notifications, 3 unread": the bell's name says what its badge shows. */
const bellName = (count: number) => (count > 0 ? `Notifications, ${count} unread` : "Notifications");

/**
 * The bell in the app shell: the unread count, kept current by the notification stream without a
 * reload, and the list in a popover. A new notification is announced to screen readers in a
 * polite live region that exists from the first render (a region added with its text is not read).
 */
export function NotificationBell({ preferencesHref }: { preferencesHref: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [cursors, setCursors] = useState<Array<Date | undefined>>([undefined]);
  const [announcement, setAnnouncement] = useState("");
  const { data } = useQuery(trpc.notifications.unreadCount.queryOptions());
  const count = data?.count ?? 0;

  const refetchList = () => queryClient.invalidateQueries(trpc.notifications.list.pathFilter());
  useNotificationStream({
    // The stream's first message is the unread count; the list may have missed arrivals while it was down.
    onOpen: () => void refetchList(),
    onUnread: (unread) =>
      queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), { count: unread }),
    onNotification: (notification) => {
      setAnnouncement(`New notification: ${notification.title}`);
      // Back to the newest page: earlier pages' cursors would skip the one the new arrival pushed down.
      setCursors([undefined]);
      void refetchList();
    },
  });

  return (
    <>
      <Popover open={open} onOpenChange={setOpen}>
        <PopoverTrigger asChild>
          <Button type="button" variant="ghost" size="icon" className="relative">
            <Bell aria-hidden />
            <span className="sr-only">{bellName(count)}</span>
            {count > 0 ? (
              <span
                aria-hidden
                className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] font-semibold leading-none text-white"
              >
                {count > 99 ? "99+" : count}
              </span>
            ) : null}
          </Button>
        </PopoverTrigger>
        <PopoverContent align="start" className="w-[min(24rem,calc(100vw-1rem))] p-0">
          <NotificationList
            unread={count}
            cursors={cursors}
            onShowEarlier={(before) => setCursors((shown) => [...shown, before])}
            onNavigate={() => setOpen(false)}
            preferencesHref={preferencesHref}
          />
        </PopoverContent>
      </Popover>
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
