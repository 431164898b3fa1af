import type { ReactNode } from "react";
import type { SessionUser } from "@/server/context";
import { roleLabels } from "@/server/roles";
import { Logo } from "./logo";
import type { NavItem } from "./nav";
import { SidebarNav } from "./sidebar-nav";
import { ThemeToggle } from "./ui/theme-toggle";
import { UserMenu } from "./user-menu";

/** The frame around every signed-in page: sidebar (top bar on small screens) and main content. */
export function AppShell({
  user,
  nav,
  navLabel,
  children,
}: {
  user: SessionUser;
  nav: NavItem[];
  navLabel: string;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="flex shrink-0 flex-col gap-4 border-b border-sidebar-border bg-sidebar p-3 md:sticky md:top-0 md:h-dvh md:w-60 md:border-r md:border-b-0">
        <div className="flex items-center justify-between px-2 pt-1">
          <Logo />
          <ThemeToggle />
        </div>
        {user.tenantName ? (
          <p className="truncate px-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">
            {user.tenantName}
          </p>
        ) : null}
        <div className="md:flex-1">
          <SidebarNav items={nav} label={navLabel} />
        </div>
        <UserMenu name={user.name} email={user.email} roleLabel={roleLabels[user.role]} />
      </aside>
      <main id="main" className="min-w-0 flex-1 p-4 md:p-8">
        {children}
      </main>
    </div>
  );
}
