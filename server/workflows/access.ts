import type { TenantScope, TenantUser, UserScope } from "../context";
import { AppError } from "../errors";
import { can, hasRole } from "../roles";

type StepAccess = {
  title: string;
  status: string;
  assigneeUserId: string | null;
  assigneeRole: string | null;
  needsApproval: string | null;
};

/**
 * Who may act on a step: an approval by its approving role (or an admin); any other step by its
 * assignee (the person, or anyone with the role) and by staff who manage assets, who keep work
 * moving when someone is away. Done steps take no more action.
 */
export function mayActOn(user: Pick<TenantUser, "id" | "role">, step: StepAccess): boolean {
  if (step.status !== "pending" && step.status !== "rejected") return false;
  if (step.needsApproval) return user.role === step.needsApproval || user.role === "admin";
  return (
    hasRole(user.role, can.manageAssets) || step.assigneeUserId === user.id || step.assigneeRole === user.role
  );
}

/** A person's request must pass mayActOn; automation (a scope without a user) acts for the system. */
export function assertMayActOn(scope: TenantScope | UserScope, step: StepAccess) {
  if (!("user" in scope)) return;
  if (!mayActOn(scope.user, step)) {
    const who = step.needsApproval
      ? `someone with the ${step.needsApproval} role`
      : "its assignee or IT staff";
    throw new AppError("FORBIDDEN", `"${step.title}" can only be acted on by ${who}.`);
  }
}
