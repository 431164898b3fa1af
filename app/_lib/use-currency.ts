"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

/** The organization's currency (Settings -> General), for every amount a client screen shows. */
export function useCurrency(): string {
  const trpc = useTRPC();
  return useSuspenseQuery(trpc.tenants.settings.queryOptions()).data.currency;
}
