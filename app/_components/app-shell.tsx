import type { ReactNode } from "react";
import type { SessionUser } from "@/server/context";
import { roleLabels } from "@/server/roles";
import { Logo } from "./logo";
import type { NavItem } from "./nav";
import { NotificationBell } from "./notification-bell";
import { SidebarNav } from "./sidebar-nav";
import { SidebarPanel } from "./sidebar-panel";
import { ThemeToggle } from "./ui/theme-toggle";
import { UserMenu } from "./user-menu";

/** Employees set their notifications in the portal; staff in their account. */
const notificationSettingsHref = (user: SessionUser) =>
  user.role === "employee" ? "/portal/notifications" : "/account/notifications";

/** The frame around every signed-in page: sidebar (a bar with a menu button on a phone) and main content. */
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
      <SidebarPanel
        header={
          <>
            <Logo />
            <span className="ml-auto flex items-center gap-1">
              {user.tenantId ? <NotificationBell preferencesHref={notificationSettingsHref(user)} /> : null}
              <ThemeToggle />
            </span>
          </>
        }
      >
        {user.tenantName ? (
          <p className="truncate px-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">
            {user.tenantName}
          </p>
        ) : null}
        <div className="md:flex-1">
          <SidebarNav items={nav} label={navLabel} />
        </div>
        <UserMenu name={user.name} email={user.email} roleLabel={roleLabels[user.role]} />
      </SidebarPanel>
      <main id="main" className="min-w-0 flex-1 p-4 md:p-8">
        {children}
      </main>
    </div>
  );
}
