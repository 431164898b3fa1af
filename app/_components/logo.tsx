import { Boxes } from "lucide-react";
import { cn } from "@/app/_lib/cn";

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <Boxes aria-hidden className="size-[1.2em] text-primary" />
      Assetronics
    </span>
  );
}
