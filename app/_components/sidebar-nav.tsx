"use client";

import {
  Building2,
  KeyRound,
  Laptop,
  LayoutDashboard,
  ListChecks,
  ScrollText,
  Settings,
  User,
  Users,
  Workflow,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/app/_lib/cn";
import { MyTasksCount } from "./my-tasks-count";
import type { NavItem } from "./nav";

const icons = {
  dashboard: LayoutDashboard,
  settings: Settings,
  users: Users,
  building: Building2,
  portal: User,
  audit: ScrollText,
  laptop: Laptop,
  key: KeyRound,
  workflow: Workflow,
  tasks: ListChecks,
};

export function SidebarNav({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  // The most specific item the path is under ("/portal/requests" over "/portal"); with none, the
  // item of the same first segment.
  const under = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const closest = items
    .filter((item) => under(item.href))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label={label} className="grid gap-1">
      {items.map((item) => {
        const Icon = icons[item.icon];
        const section = item.href.split("/").slice(0, 2).join("/");
        const active = closest
          ? item.href === closest
          : pathname.startsWith(`${section}/`) || pathname === section;
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
            {item.count === "myTasks" ? <MyTasksCount /> : null}
          </Link>
        );
      })}
    </nav>
  );
}
