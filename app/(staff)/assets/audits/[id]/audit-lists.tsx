"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import type { ReactNode } from "react";
import { toast } from "sonner";
import { DateTime } from "@/app/_components/time-zone";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { formatCount } from "@/app/_lib/format";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/router";

type Audit = inferRouterOutputs<AppRouter>["assets"]["audits"]["get"];

function ListCard({
  title,
  count,
  shown,
  children,
}: {
  title: string;
  count: number;
  shown: number;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">
          {title} ({formatCount(count)})
        </CardTitle>
      </CardHeader>
      <CardContent>
        {count === 0 ? (
          <p className="text-muted-foreground text-sm">None.</p>
        ) : (
          <ul aria-label={title} className="grid max-h-96 gap-2 overflow-y-auto pr-2 text-sm">
            {children}
          </ul>
        )}
        {count > shown ? (
          <p className="mt-2 text-muted-foreground text-xs">The first {formatCount(shown)} are shown.</p>
        ) : null}
      </CardContent>
    </Card>
  );
}

/**
 * Found, missing, unexpected (with "Move here") and unknown codes, side by side. A moved asset's
 * button goes away; `onMoved` then gives the focus back to the scan box.
 */
export function AuditLists({
  audit,
  canMove,
  onMoved,
}: {
  audit: Audit;
  canMove: boolean;
  onMoved: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const move = useMutation(
    trpc.assets.audits.moveHere.mutationOptions({
      onSuccess: ({ tag }) => {
        notifySuccess("audit-move", `${tag} moved to ${audit.location.name}.`);
        onMoved();
        void queryClient.invalidateQueries({
          queryKey: trpc.assets.audits.get.queryKey({ auditId: audit.id }),
        });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const assetLink = (asset: { id: string; tag: string; name: string }) => (
    <Link href={`/assets/${asset.id}`} className="font-medium underline-offset-4 hover:underline">
      {asset.tag}
    </Link>
  );

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ListCard title="Missing" count={audit.counts.missing} shown={audit.missing.length}>
        {audit.missing.map((asset) => (
          <li key={asset.id}>
            {assetLink(asset)} <span className="text-muted-foreground">{asset.name}</span>
            {asset.location ? <span className="text-muted-foreground"> · {asset.location}</span> : null}
          </li>
        ))}
      </ListCard>
      <ListCard title="Unexpected" count={audit.counts.unexpected} shown={audit.unexpected.length}>
        {audit.unexpected.map((asset) => (
          <li key={asset.id} className="flex flex-wrap items-center justify-between gap-2">
            <span>
              {assetLink(asset)} <span className="text-muted-foreground">{asset.name}</span>
              <span className="text-muted-foreground">
                {" "}
                · {asset.moved ? `moved here` : `belongs to ${asset.location ?? "no location"}`}
              </span>
            </span>
            {canMove && !asset.moved ? (
              <Button
                size="sm"
                variant="outline"
                disabled={move.isPending}
                onClick={() => move.mutate({ auditId: audit.id, assetId: asset.id })}
              >
                Move here<span className="sr-only"> {asset.tag}</span>
              </Button>
            ) : null}
          </li>
        ))}
      </ListCard>
      <ListCard title="Found" count={audit.counts.found} shown={audit.found.length}>
        {audit.found.map((asset) => (
          <li key={asset.id}>
            {assetLink(asset)} <span className="text-muted-foreground">{asset.name}</span>
            <span className="text-muted-foreground">
              {" "}
              · <DateTime value={asset.scannedAt} />
            </span>
          </li>
        ))}
      </ListCard>
      <ListCard title="Unknown codes" count={audit.counts.unknown} shown={audit.unknown.length}>
        {audit.unknown.map((scan) => (
          <li key={`${scan.code}-${scan.scannedAt.toString()}`}>
            <span className="font-mono">{scan.code}</span>
            <span className="text-muted-foreground">
              {" "}
              · <DateTime value={scan.scannedAt} />
            </span>
          </li>
        ))}
      </ListCard>
    </div>
  );
}
