"use client";

import { SearchX } from "lucide-react";
import type { ReactNode } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { EmptyState, type EmptyStateProps } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";

const SKELETON_KEYS = ["a", "b", "c", "d", "e", "f", "g", "h"];

type ListQuery = { isError: boolean; error: { message: string } | null; refetch: () => unknown };

/**
 * The four states every list page has, in one place so they read and behave the same: the load
 * failed (the server's words and "Try again"), still loading (rows of skeleton, announced), nothing
 * matches the filters, nothing yet (what the list is for and how to fill it); else the list itself.
 */
export function ListStates<P extends { items: readonly unknown[] }>({
  noun,
  query,
  page,
  filtered,
  noMatch,
  empty,
  skeletonRows = 4,
  children,
}: {
  /** plural, as in "The assets could not be loaded" */
  noun: string;
  query: ListQuery;
  /** undefined until the first page arrives */
  page: P | undefined;
  /** whether filters, a search or a later page narrow the list: an empty list then "matches nothing" */
  filtered: boolean;
  noMatch: Omit<EmptyStateProps, "icon">;
  empty: EmptyStateProps;
  skeletonRows?: number;
  children: (page: P) => ReactNode;
}) {
  if (query.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>The {noun} could not be loaded</AlertTitle>
        <AlertDescription>
          {query.error?.message}
          <Button variant="outline" size="sm" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </AlertDescription>
      </Alert>
    );
  }
  if (!page) {
    return (
      <div className="grid gap-2" role="status" aria-label={`Loading ${noun}`}>
        {SKELETON_KEYS.slice(0, skeletonRows).map((key) => (
          <Skeleton key={key} className="h-10" />
        ))}
      </div>
    );
  }
  if (page.items.length === 0) {
    return filtered ? <EmptyState icon={<SearchX aria-hidden />} {...noMatch} /> : <EmptyState {...empty} />;
  }
  return children(page);
}
