import type { Unlisten } from "@/db/listen";
import type { LiveStreamOptions } from "./auth/live-session";
import { database } from "./db";
import { logger } from "./logger";
import { shutdownSignal } from "./shutdown";

const PING_MS = 25_000;
const encoder = new TextEncoder();

type Hub = { subscribers: Map<string, Set<() => void>>; listening: Promise<Unlisten | undefined> | null };
// On globalThis so dev-mode module reloads share one listening connection per channel.
const holder = globalThis as { __assetronicsListenHubs?: Map<string, Hub> };
holder.__assetronicsListenHubs ??= new Map();
const hubs: Map<string, Hub> = holder.__assetronicsListenHubs;

/**
 * Subscriptions to a PostgreSQL NOTIFY channel whose payload names what changed (a run id, a
 * `tenant:user` key): one LISTEN per process and channel, opened with the first subscriber,
 * whatever replica committed the change, so every replica refreshes its own open streams. A
 * notification without a payload (the listening connection was re-established and may have missed
 * some) calls every subscriber. `subscribe` returns the unsubscribe.
 */
export function listenHub(channel: string): {
  subscribe: (key: string, onChange: () => void) => Promise<() => void>;
} {
  const hub: Hub = hubs.get(channel) ?? { subscribers: new Map(), listening: null };
  hubs.set(channel, hub);
  const { subscribers } = hub;
  const dispatch = (payload?: string) => {
    const targets = payload ? [subscribers.get(payload)] : [...subscribers.values()];
    for (const set of targets) for (const onChange of set ?? []) onChange();
  };
  const ensureListening = () => {
    hub.listening ??= database()
      .then((handle) => handle.listen?.(channel, dispatch))
      .catch((error) => {
        hub.listening = null;
        logger.error("live stream could not listen", { channel, error });
        return undefined;
      });
    return hub.listening;
  };
  return {
    async subscribe(key, onChange) {
      const set = subscribers.get(key) ?? new Set();
      set.add(onChange);
      subscribers.set(key, set);
      await ensureListening();
      return () => {
        set.delete(onChange);
        if (set.size === 0 && subscribers.get(key) === set) subscribers.delete(key);
      };
    },
  };
}

/** What a live stream's refresh may do. */
export type LiveStreamSink = {
  /** Sends one Server-Sent Event: `data` as JSON, named `event` when given. Nothing once ended. */
  send: (data: unknown, event?: string) => void;
  /** Ends the stream (any number of times). */
  end: () => void;
};

/**
 * A Server-Sent Events stream that sends what changed whenever `subscribe` reports a change, and
 * once on connect. Refreshes run one at a time; changes during one cause one more. Before each
 * the session is checked again (`stillSignedIn`), and so it is at each comment sent every `pingMs`
 * to keep proxies from closing an idle stream. `pollMs` also refreshes without a change, for a
 * notification missed while the LISTEN connection was down. The stream ends when `signal` aborts,
 * when the session ends, when a refresh fails and when the server shuts down (which waits for
 * open streams), and then unsubscribes and stops its timers.
 */
export function liveEventStream(options: {
  signal: AbortSignal;
  live?: LiveStreamOptions;
  pollMs?: number;
  subscribe: (onChange: () => void) => Promise<() => void>;
  refresh: (sink: LiveStreamSink) => Promise<void>;
}): ReadableStream<Uint8Array> {
  const { stillSignedIn = async () => true, pingMs = PING_MS } = options.live ?? {};
  let cleanup = () => {};
  let running: Promise<void> | null = null;
  let again = false;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
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
      const sink: LiveStreamSink = {
        send: (data, event) => {
          if (ended) return;
          const name = event ? `event: ${event}\n` : "";
          controller.enqueue(encoder.encode(`${name}data: ${JSON.stringify(data)}\n\n`));
        },
        end,
      };
      const refresh = () => {
        if (ended) return;
        if (running) {
          again = true;
          return;
        }
        running = (async () => {
          do {
            again = false;
            if (!(await stillSignedIn())) return end();
            await options.refresh(sink);
          } while (again && !ended);
        })()
          .catch((error) => {
            ended = true;
            cleanup();
            controller.error(error);
          })
          .finally(() => {
            running = null;
          });
      };

      const unsubscribe = await options.subscribe(refresh);
      const ping = setInterval(() => {
        stillSignedIn().then(
          (valid) => {
            if (!valid) end();
            else if (!ended) controller.enqueue(encoder.encode(": ping\n\n"));
          },
          (error) => controller.error(error),
        );
      }, pingMs);
      const poll = options.pollMs ? setInterval(refresh, options.pollMs) : undefined;
      cleanup = () => {
        clearInterval(ping);
        clearInterval(poll);
        unsubscribe();
      };
      const stop = AbortSignal.any([options.signal, shutdownSignal()]);
      if (stop.aborted) return end();
      stop.addEventListener("abort", end);
      refresh();
    },
    cancel() {
      cleanup();
    },
  });
}

/** The response for a live stream: no caching or buffering on the way (proxies, nginx). */
export const eventStreamResponse = (body: ReadableStream<Uint8Array>): Response =>
  new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
