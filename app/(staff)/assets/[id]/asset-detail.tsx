"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { FilesPanel } from "@/app/_components/files-panel";
import { StatusBadge } from "@/app/_components/status-badge";
import { Timeline } from "@/app/_components/timeline";
import { Card, CardContent } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/ui/page-header";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/app/_components/ui/tabs";
import { useTRPC } from "@/app/_trpc/client";
import { OpenWorkflows } from "../../workflows/open-workflows";
import { AssetActions } from "./asset-actions";
import { AgentCard, SoftwarePanel } from "./asset-agent";
import { DetailsCard, HolderCard, ValueCard } from "./asset-facts";
import { AssetHistory } from "./asset-history";
import { ReceiptCard } from "./receipt-card";

/** One asset: its facts, what can be done with it now, and everything that happened to it. */
export function AssetDetailView({ assetId, canManage }: { assetId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const { data: asset } = useSuspenseQuery(trpc.assets.get.queryOptions({ assetId }));

  return (
    <div className="grid gap-6">
      <Link
        href="/assets"
        className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ChevronLeft aria-hidden className="size-4" /> Assets
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span>{asset.name}</span>
            <span className="font-mono text-base font-normal text-muted-foreground">{asset.tag}</span>
          </span>
        }
        description={
          <span className="inline-flex items-center gap-2">
            <span className="sr-only">Status:</span>
            <StatusBadge label={asset.status.label} color={asset.status.color} />
            {asset.employee ? <span>held by {asset.employee.name}</span> : null}
          </span>
        }
      />
      {canManage ? <AssetActions asset={asset} /> : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <DetailsCard asset={asset} />
        <div className="grid content-start gap-6">
          <HolderCard asset={asset} />
          {asset.employee ? <ReceiptCard assetId={asset.id} /> : null}
          <ValueCard asset={asset} />
          <AgentCard assetId={asset.id} canManage={canManage} />
          <OpenWorkflows subject={{ type: "asset", id: asset.id, name: asset.tag }} canStart={canManage} />
        </div>
      </div>
      <Tabs defaultValue="history">
        <TabsList aria-label="Asset records">
          <TabsTrigger value="history">History</TabsTrigger>
          <TabsTrigger value="audit">Audit events</TabsTrigger>
          <TabsTrigger value="files">Files</TabsTrigger>
          <TabsTrigger value="software">Software</TabsTrigger>
        </TabsList>
        <TabsContent value="history">
          <Card>
            <CardContent>
              <AssetHistory assetId={asset.id} />
            </CardContent>
          </Card>
        </TabsContent>
        <TabsContent value="audit">
          <Card>
            <CardContent>
              <Timeline entityType="asset" entityId={asset.id} label={`Audit events of ${asset.tag}`} />
            </CardContent>
          </Card>
        </TabsContent>
        <TabsContent value="files">
          <Card>
            <CardContent>
              <FilesPanel
                owner={{ type: "asset", id: asset.id }}
                label={`Files of ${asset.tag}`}
                canManage={canManage}
                acceptPaste={canManage}
              />
            </CardContent>
          </Card>
        </TabsContent>
        <TabsContent value="software">
          <Card>
            <CardContent>
              <SoftwarePanel assetId={asset.id} />
            </CardContent>
          </Card>
        </TabsContent>
      </Tabs>
    </div>
  );
}
