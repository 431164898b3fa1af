import type { Role } from "@/server/roles";

export type NavItem = {
  href: string;
  label: string;
  icon: "dashboard" | "settings" | "users" | "building" | "portal" | "audit" | "laptop";
  roles: readonly Role[];
};

/**
 * Staff sidebar sections; one appears when it exists and the role may use it. Later domains
 * (Assets, Employees, Workflows, Software, Integrations, Reports) add their entries here.
 */
export const staffNav: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", icon: "dashboard", roles: ["admin", "it_staff", "auditor"] },
  { href: "/assets", label: "Assets", icon: "laptop", roles: ["admin", "it_staff", "auditor"] },
  { href: "/employees", label: "Employees", icon: "users", roles: ["admin", "it_staff", "auditor"] },
  { href: "/audit", label: "Audit log", icon: "audit", roles: ["admin", "auditor"] },
  { href: "/settings", label: "Settings", icon: "settings", roles: ["admin", "it_staff", "auditor"] },
];

export const navFor = (role: Role): NavItem[] => staffNav.filter((item) => item.roles.includes(role));
