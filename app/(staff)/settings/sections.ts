import type { Role } from "@/server/roles";

export type SettingsSection = { href: string; label: string; roles: readonly Role[] };

const everyStaffRole = ["admin", "it_staff", "auditor"] as const;

/** The settings pages and who may open them (each page enforces the same list). */
export const settingsSections: SettingsSection[] = [
  { href: "/settings/users", label: "Users and roles", roles: ["admin", "auditor"] },
  { href: "/settings/automation", label: "Automation", roles: ["admin", "auditor"] },
  { href: "/settings/organizations", label: "Organizations & departments", roles: everyStaffRole },
  { href: "/settings/categories", label: "Categories", roles: everyStaffRole },
  { href: "/settings/manufacturers", label: "Manufacturers & models", roles: everyStaffRole },
  { href: "/settings/statuses", label: "Statuses", roles: everyStaffRole },
  { href: "/settings/locations", label: "Locations", roles: everyStaffRole },
];

export const sectionsFor = (role: Role) => settingsSections.filter((section) => section.roles.includes(role));
