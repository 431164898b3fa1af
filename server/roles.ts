export const roles = ["super_admin", "admin", "it_staff", "auditor", "employee"] as const;
export type Role = (typeof roles)[number];

/** Roles that belong to a tenant (everyone but platform operators). */
export const tenantRoles = ["admin", "it_staff", "auditor", "employee"] as const;
export type TenantRole = (typeof tenantRoles)[number];

export const roleLabels: Record<Role, string> = {
  super_admin: "Platform admin",
  admin: "Admin",
  it_staff: "IT staff",
  auditor: "Auditor",
  employee: "Employee",
};

export const roleDescriptions: Record<TenantRole, string> = {
  admin: "Tenant settings, users and integrations, plus everything IT staff can do",
  it_staff: "Assets, employees, workflows and licences",
  auditor: "Read-only access to everything in the tenant, including the audit log",
  employee: "The self-service portal only",
};

/** Staff roles see the main app; employees only the portal; super admins the platform console. */
export const staffRoles = ["admin", "it_staff", "auditor"] as const satisfies readonly TenantRole[];

export function homePathFor(role: Role): string {
  if (role === "super_admin") return "/platform";
  if (role === "employee") return "/portal";
  return "/dashboard";
}

/** Role sets used by procedures, route handlers and pages, so a change of policy happens in one place. */
export const can = {
  readTenant: ["admin", "it_staff", "auditor"],
  manageTenant: ["admin"],
  /** The tenant's users and invitations: admins manage them, auditors review who has access. */
  readUsers: ["admin", "auditor"],
  manageAssets: ["admin", "it_staff"],
  audit: ["admin", "auditor"],
  /** Doing assigned work (workflow steps, approvals): everyone but auditors, who only read. */
  workOnTasks: ["admin", "it_staff", "employee"],
  everyone: ["admin", "it_staff", "auditor", "employee"],
  /** Answering for one's own equipment in the portal (accept, decline, report): auditors only read. */
  answerForOwnEquipment: ["admin", "it_staff", "employee"],
} as const satisfies Record<string, readonly TenantRole[]>;

/** The one role check: whether `role` is among `allowed` (procedures, route handlers, pages, services). */
export const hasRole = (role: Role, allowed: readonly Role[]): boolean => allowed.includes(role);
