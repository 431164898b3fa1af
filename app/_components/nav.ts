import { can, hasRole, type Role } from "@/server/roles";

export type NavItem = {
  href: string;
  label: string;
  icon:
    | "dashboard"
    | "settings"
    | "users"
    | "building"
    | "portal"
    | "audit"
    | "laptop"
    | "key"
    | "workflow"
    | "tasks";
  roles: readonly Role[];
  /** A live count shown beside the label (how many of my workflow steps are open). */
  count?: "myTasks";
};

/**
 * Staff sidebar sections; one appears when it exists and the role may use it. Later domains
 * (Assets, Employees, Workflows, Software, Integrations, Reports) add their entries here.
 */
export const staffNav: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", icon: "dashboard", roles: can.readTenant },
  { href: "/assets", label: "Assets", icon: "laptop", roles: can.readTenant },
  { href: "/licenses", label: "Licences", icon: "key", roles: can.readTenant },
  { href: "/employees", label: "Employees", icon: "users", roles: can.readTenant },
  { href: "/workflows", label: "Workflows", icon: "workflow", roles: can.readTenant },
  { href: "/tasks", label: "My tasks", icon: "tasks", roles: can.readTenant, count: "myTasks" },
  { href: "/audit", label: "Audit log", icon: "audit", roles: can.audit },
  { href: "/settings", label: "Settings", icon: "settings", roles: can.readTenant },
];

export const navFor = (role: Role): NavItem[] => staffNav.filter((item) => hasRole(role, item.roles));
