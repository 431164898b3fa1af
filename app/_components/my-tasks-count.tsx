"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

/**
 * How many workflow steps wait for the viewer, beside "My tasks" in the sidebar. Refreshed with
 * every step action (they invalidate the workflows queries) and when the window regains focus.
 */
export function MyTasksCount() {
  const trpc = useTRPC();
  const tasks = useQuery(trpc.workflows.myTasks.queryOptions());
  const count = tasks.data?.length ?? 0;
  if (count === 0) return null;
  return (
    <span className="ml-auto rounded-full bg-primary px-2 text-xs tabular-nums text-primary-foreground">
      {count}
      <span className="sr-only"> open</span>
    </span>
  );
}
