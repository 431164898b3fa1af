import { Badge } from "@/app/_components/ui/badge";
import { cn } from "@/app/_lib/cn";

/** Status colors a tenant can choose (server/reference/schemas/statuses.ts), as a dot beside the label. */
const dots: Record<string, string> = {
  gray: "bg-zinc-400",
  blue: "bg-blue-500",
  indigo: "bg-indigo-500",
  green: "bg-emerald-500",
  amber: "bg-amber-500",
  red: "bg-red-500",
  purple: "bg-purple-500",
  teal: "bg-teal-500",
};

/** The label carries the meaning; the color is only a visual aid. */
export function StatusBadge({
  label,
  color,
  className,
}: {
  label: string;
  color: string;
  className?: string;
}) {
  return (
    <Badge variant="outline" className={cn("gap-1.5 font-normal", className)}>
      <span aria-hidden className={cn("size-2 rounded-full", dots[color] ?? dots.gray)} />
      {label}
    </Badge>
  );
}
