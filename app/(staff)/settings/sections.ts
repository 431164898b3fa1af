import { can, hasRole, type Role } from "@/server/roles";

export type SettingsSection = { href: string; label: string; roles: readonly Role[] };

/** The settings pages and who may open them (each page enforces the same list). */
export const settingsSections: SettingsSection[] = [
  { href: "/settings/users", label: "Users and roles", roles: can.readUsers },
  { href: "/settings/automation", label: "Automation", roles: can.audit },
  { href: "/settings/integrations", label: "Integrations", roles: can.audit },
  { href: "/settings/organizations", label: "Organizations & departments", roles: can.readTenant },
  { href: "/settings/categories", label: "Categories", roles: can.readTenant },
  { href: "/settings/manufacturers", label: "Manufacturers & models", roles: can.readTenant },
  { href: "/settings/statuses", label: "Statuses", roles: can.readTenant },
  { href: "/settings/locations", label: "Locations", roles: can.readTenant },
  { href: "/settings/general", label: "General", roles: can.readTenant },
  { href: "/settings/equipment-terms", label: "Equipment terms", roles: can.readTenant },
  { href: "/settings/agent", label: "Agent", roles: can.manageTenant },
  { href: "/settings/workflow-rules", label: "Workflow rules", roles: can.manageTenant },
  { href: "/settings/workflow-templates", label: "Workflow templates", roles: can.manageTenant },
  { href: "/settings/mail", label: "Mail preview", roles: can.manageTenant },
  { href: "/settings/notifications", label: "Notification delivery", roles: can.manageTenant },
];

export const sectionsFor = (role: Role) => settingsSections.filter((section) => hasRole(role, section.roles));
