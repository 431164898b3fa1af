"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { furthestOf, isFinished } from "../integration-format";
import type { RunSummary } from "../integration-types";

/** The live stream of one run: a RunSummary per committed page and one at the end. */
export const runEventsUrl = (runId: string) => `/api/integrations/runs/${encodeURIComponent(runId)}/events`;

/** A RunSummary as the stream sends it (JSON, so its instants are strings). */
function parseSummary(data: string): RunSummary {
  const raw = JSON.parse(data) as RunSummary & { startedAt: string | null; finishedAt: string | null };
  return {
    ...raw,
    startedAt: raw.startedAt ? new Date(raw.startedAt) : null,
    finishedAt: raw.finishedAt ? new Date(raw.finishedAt) : null,
  } as RunSummary;
}

const pollMs = 2000;

/**
 * Follows a run as it happens: the run as it stands (fetched once), then each page the server
 * streams. When the stream ends early (a dropped connection, a restart, a proxy that buffers),
 * the run is refetched every two seconds until it finishes, so progress never silently freezes.
 */
export function useRunProgress(runId: string | null): RunSummary | null {
  const trpc = useTRPC();
  const [streamed, setStreamed] = useState<RunSummary | null>(null);
  const [streamEnded, setStreamEnded] = useState<string | null>(null);
  const polling = runId !== null && streamEnded === runId;
  const fetched = useQuery({
    ...trpc.integrations.run.queryOptions({ runId: runId ?? "" }),
    enabled: runId !== null,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!polling || (data && isFinished(data.status))) return false;
      return pollMs;
    },
  });

  useEffect(() => {
    if (!runId) return;
    setStreamed(null);
    const source = new EventSource(runEventsUrl(runId));
    source.addEventListener("message", (event) => {
      const summary = parseSummary(event.data);
      setStreamed(summary);
      // The server closes after the last message; closing first stops the browser reconnecting.
      if (isFinished(summary.status)) source.close();
    });
    source.addEventListener("error", () => {
      source.close();
      setStreamEnded(runId);
    });
    return () => source.close();
  }, [runId]);

  if (!runId) return null;
  const live = streamed?.id === runId ? streamed : null;
  const polled = fetched.data?.id === runId ? (fetched.data as RunSummary) : null;
  return furthestOf(live, polled);
}
