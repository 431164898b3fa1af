"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { type ReactNode, useState } from "react";
import { cn } from "@/app/_lib/cn";
import { Button } from "./ui/button";

/**
 * The sidebar's frame: a column beside the page from md up; on a phone a bar with the logo and a
 * menu button, the navigation folded behind it so the page starts at the top of the screen. The
 * menu closes itself when a link opens another page (it is open only on the page it was opened on).
 */
export function SidebarPanel({ header, children }: { header: ReactNode; children: ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <aside className="flex shrink-0 flex-col gap-4 border-b border-sidebar-border bg-sidebar p-3 md:sticky md:top-0 md:h-dvh md:w-60 md:border-r md:border-b-0">
      <div className="flex items-center justify-between gap-2 px-2 pt-1">
        {header}
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="md:hidden"
          aria-expanded={open}
          aria-controls="app-sidebar-menu"
          onClick={() => setOpenOn(open ? null : pathname)}
        >
          {open ? <X aria-hidden /> : <Menu aria-hidden />}
          <span className="sr-only">Menu</span>
        </Button>
      </div>
      <div id="app-sidebar-menu" className={cn("flex-col gap-4 md:flex md:flex-1", open ? "flex" : "hidden")}>
        {children}
      </div>
    </aside>
  );
}
