import { cn } from "@/app/_lib/cn";
import { formatCount } from "@/app/_lib/format";

/** A bar of rows done out of rows to do, read out as "`done` of `total` rows ..." by screen readers. */
export function ProgressBar({
  label,
  done,
  total,
  unit = "rows",
  className,
}: {
  label: string;
  done: number;
  total: number;
  unit?: string;
  className?: string;
}) {
  const percent = percentOf(done, total);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={`${formatCount(done)} of ${formatCount(total)} ${unit}`}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-muted", className)}
    >
      <div className="h-full bg-primary transition-[width] duration-500" style={{ width: `${percent}%` }} />
    </div>
  );
}

/** Percent of `done` out of `total`, 0-100. */
export const percentOf = (done: number, total: number) =>
  Math.min(100, Math.round((done / Math.max(1, total)) * 100));

/**
 * react-query's refetchInterval for an import's page: the dry run and the import run in the
 * background, so the page polls while either runs and stops once it ends.
 */
export const whileImportRuns = (query: { state: { data?: { status: string } } }) => {
  const status = query.state.data?.status;
  return status === "importing" || status === "validating" ? 1000 : false;
};
