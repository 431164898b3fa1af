"use client";

import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { DateTime } from "./time-zone";

type Support = "checking" | "unsupported" | "denied" | "ready";

/** The VAPID public key (base64url) as the bytes PushManager.subscribe wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** "Firefox on Linux": enough to tell one's browsers apart in the list. */
function browserLabel(): string {
  const agent = navigator.userAgent;
  const browser = /Edg\//.test(agent)
    ? "Edge"
    : /Firefox\//.test(agent)
      ? "Firefox"
      : /Chrome\//.test(agent)
        ? "Chrome"
        : /Safari\//.test(agent)
          ? "Safari"
          : "A browser";
  const system = /Windows/.test(agent)
    ? "Windows"
    : /Android/.test(agent)
      ? "Android"
      : /iPhone|iPad/.test(agent)
        ? "iOS"
        : /Mac OS X/.test(agent)
          ? "macOS"
          : /Linux/.test(agent)
            ? "Linux"
            : "another system";
  return `${browser} on ${system}`;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration("/");
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/**
 * Browser push: turn it on in this browser (permission, the service worker in public/sw.js, a
 * subscription made with the server's VAPID key), and the list of browsers it is on in, each of
 * which can be turned off from here.
 */
export function PushCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.notifications.preferences.queryOptions());
  const key = useQuery(trpc.notifications.pushKey.queryOptions());
  const [support, setSupport] = useState<Support>("checking");
  const [thisEndpoint, setThisEndpoint] = useState<string | null>(null);
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, []);
  const saved = {
    onSuccess: (next: typeof data) =>
      queryClient.setQueryData(trpc.notifications.preferences.queryKey(), next),
  };
  const subscribe = useMutation(trpc.notifications.subscribePush.mutationOptions(saved));
  const unsubscribe = useMutation(trpc.notifications.unsubscribePush.mutationOptions(saved));

  useEffect(() => {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
      setSupport("unsupported");
      return;
    }
    setSupport(Notification.permission === "denied" ? "denied" : "ready");
    currentSubscription()
      .then((subscription) => setThisEndpoint(subscription?.endpoint ?? null))
      .catch(() => setThisEndpoint(null));
  }, []);

  const turnOn = () =>
    submit(async () => {
      if (!key.data) throw new Error("The push key has not loaded yet; try again in a moment.");
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        setSupport(permission === "denied" ? "denied" : "ready");
        throw new Error("The browser did not allow notifications from this site.");
      }
      const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
      await navigator.serviceWorker.ready;
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(key.data.publicKey),
        }));
      const json = subscription.toJSON();
      await subscribe.mutateAsync({
        endpoint: subscription.endpoint,
        keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
        label: browserLabel(),
      });
      setThisEndpoint(subscription.endpoint);
      notifySuccess("push", "Push notifications are on in this browser");
    });

  const turnOffHere = () =>
    submit(async () => {
      const subscription = await currentSubscription();
      if (subscription) {
        await unsubscribe.mutateAsync({ endpoint: subscription.endpoint });
        await subscription.unsubscribe();
      }
      setThisEndpoint(null);
      notifySuccess("push", "Push notifications are off in this browser");
    });

  const subscribedHere = thisEndpoint !== null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Browser push</h2>
        </CardTitle>
        <CardDescription>
          Notifications that pop up on your screen even when Assetronics is not open, in each browser you turn
          them on in.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {support === "unsupported" ? (
          <p className="text-sm text-muted-foreground">This browser cannot receive push notifications.</p>
        ) : support === "denied" ? (
          <p className="text-sm text-muted-foreground">
            Notifications from this site are blocked in this browser; allow them in its site settings first.
          </p>
        ) : (
          <div>
            {subscribedHere ? (
              <Button type="button" variant="outline" disabled={pending} onClick={turnOffHere}>
                Turn off in this browser
              </Button>
            ) : (
              <Button type="button" disabled={pending || support === "checking"} onClick={turnOn}>
                Turn on in this browser
              </Button>
            )}
          </div>
        )}
        {data.pushSubscriptions.length > 0 ? (
          <ul className="grid gap-2" aria-label="Browsers with push on">
            {data.pushSubscriptions.map((browser) => (
              <li
                key={browser.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm"
              >
                <span>
                  {browser.label}
                  <span className="text-muted-foreground">
                    {" "}
                    · since <DateTime value={browser.createdAt} />
                  </span>
                </span>
                <Button
                  type="button"
                  size="sm"
                  variant="ghost"
                  disabled={pending}
                  aria-label={`Turn push off in ${browser.label}`}
                  onClick={() =>
                    submit(async () => {
                      await unsubscribe.mutateAsync({ id: browser.id });
                      notifySuccess("push", `Push is off in ${browser.label}`);
                    })
                  }
                >
                  Turn off
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">Push is not on in any browser.</p>
        )}
        <FormError message={messages.form} />
      </CardContent>
    </Card>
  );
}
