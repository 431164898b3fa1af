"use client";

import { Building2, Laptop, LayoutDashboard, ScrollText, Settings, User, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/app/_lib/cn";
import type { NavItem } from "./nav";

const icons = {
  dashboard: LayoutDashboard,
  settings: Settings,
  users: Users,
  building: Building2,
  portal: User,
  audit: ScrollText,
  laptop: Laptop,
};

export function SidebarNav({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="grid gap-1">
      {items.map((item) => {
        const Icon = icons[item.icon];
        const section = item.href.split("/").slice(0, 2).join("/");
        const active = pathname === item.href || pathname.startsWith(`${section}/`) || pathname === section;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-sidebar-foreground/80 outline-none transition-colors",
              "hover:bg-sidebar-accent hover:text-sidebar-foreground focus-visible:ring-2 focus-visible:ring-ring",
              active && "bg-sidebar-accent text-sidebar-foreground",
            )}
          >
            <Icon aria-hidden className="size-4" />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
