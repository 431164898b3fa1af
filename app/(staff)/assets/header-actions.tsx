"use client";

import { ClipboardCheck, Download, Plus, Printer, Radar, Upload } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { buttonVariants } from "@/app/_components/ui/button";
import { searchParamsFromView, viewFromSearchParams } from "../../../server/assets/list/url";

/**
 * The asset list's page actions. Export and labels carry the current view (filters, search,
 * sort) as it is in the address bar now, so what you see is what you get; the rest need
 * asset-management rights.
 */
export function AssetsHeaderActions({ canManage }: { canManage: boolean }) {
  const query = searchParamsFromView(
    viewFromSearchParams(new URLSearchParams(useSearchParams().toString())),
  ).toString();
  const withQuery = (path: string, extra = "") => `${path}?${[query, extra].filter(Boolean).join("&")}`;
  return (
    <div className="flex flex-wrap gap-2">
      <a href={withQuery("/api/assets/export")} className={buttonVariants({ variant: "outline" })} download>
        <Download aria-hidden /> Export CSV
      </a>
      {canManage ? (
        <>
          <a
            href={withQuery("/api/assets/labels", "size=avery-5160")}
            className={buttonVariants({ variant: "outline" })}
          >
            <Printer aria-hidden /> Print labels
          </a>
          <Link href="/assets/discovered" className={buttonVariants({ variant: "outline" })}>
            <Radar aria-hidden /> Discovered
          </Link>
          <Link href="/assets/audits" className={buttonVariants({ variant: "outline" })}>
            <ClipboardCheck aria-hidden /> Audits
          </Link>
          <Link href="/assets/import" className={buttonVariants({ variant: "outline" })}>
            <Upload aria-hidden /> Import
          </Link>
          <Link href="/assets/new" className={buttonVariants()}>
            <Plus aria-hidden /> New asset
          </Link>
        </>
      ) : null}
    </div>
  );
}
