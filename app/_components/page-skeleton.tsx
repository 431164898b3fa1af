import { Skeleton } from "@/app/_components/ui/skeleton";

/**
 * What a signed-in page shows while its data loads (loading.tsx of each area): the page's shape,
 * a header and a card of rows, announced as busy to assistive technology.
 */
export function PageSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-live="polite" className="grid gap-6">
      <span className="sr-only">Loading…</span>
      <div className="flex flex-col gap-2">
        <Skeleton className="h-8 w-56" />
        <Skeleton className="h-4 w-full max-w-md" />
      </div>
      <div className="grid gap-3 rounded-xl border p-6">
        <Skeleton className="h-5 w-40" />
        {["first", "second", "third", "fourth", "fifth"].map((row) => (
          <Skeleton key={row} className="h-9 w-full" />
        ))}
      </div>
    </div>
  );
}
