import { CircleAlert, CircleCheck, X } from "lucide-react";
import Link from "next/link";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import type { BulkSummary } from "./asset-types";
import type { BulkAction } from "./bulk-action-dialog";

const verbs: Record<BulkAction, string> = {
  move: "Moved",
  change_status: "Changed the status of",
  return: "Returned",
  retire: "Retired",
};
const plural = (n: number) => `${n} ${n === 1 ? "asset" : "assets"}`;

/** What a bulk action did: which assets changed, and for each one that did not, why. */
export function BulkSummaryPanel({
  summary,
  action,
  onDismiss,
}: {
  summary: BulkSummary;
  action: BulkAction;
  onDismiss: () => void;
}) {
  const done = summary.succeeded.length;
  const total = done + summary.failed.length;
  const title =
    summary.failed.length === 0
      ? `${verbs[action]} ${total === 1 ? "the asset" : `all ${plural(total)}`}`
      : `${verbs[action]} ${done} of ${plural(total)}; ${summary.failed.length} could not be`;
  return (
    <Alert
      variant={summary.failed.length ? "destructive" : "default"}
      role={summary.failed.length ? "alert" : "status"}
      aria-label="Bulk action summary"
      className="relative pr-12"
    >
      {summary.failed.length ? <CircleAlert aria-hidden /> : <CircleCheck aria-hidden />}
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        {summary.failed.length ? (
          <ul className="grid gap-1" aria-label="Not changed">
            {summary.failed.map((item) => (
              <li key={item.id}>
                {item.tag ? (
                  <Link
                    href={`/assets/${item.id}`}
                    className="font-mono font-medium underline underline-offset-4"
                  >
                    {item.tag}
                  </Link>
                ) : (
                  <span className="font-mono">{item.id}</span>
                )}
                : {item.reason}
              </li>
            ))}
          </ul>
        ) : null}
        {done ? (
          <details className="mt-1 text-foreground">
            <summary className="cursor-pointer rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-ring">
              {plural(done)} changed
            </summary>
            <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 font-mono text-xs" aria-label="Changed">
              {summary.succeeded.map((item) => (
                <li key={item.id}>
                  <Link href={`/assets/${item.id}`} className="underline underline-offset-4">
                    {item.tag}
                  </Link>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {summary.failed.length ? (
          <p className="mt-1 text-muted-foreground">The assets that were not changed stay selected.</p>
        ) : null}
      </AlertDescription>
      <Button
        variant="ghost"
        size="icon"
        className="absolute top-2 right-2 size-8"
        aria-label="Dismiss summary"
        onClick={onDismiss}
      >
        <X aria-hidden />
      </Button>
    </Alert>
  );
}
