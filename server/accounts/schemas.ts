import { z } from "zod";
import { roles, tenantRoles } from "../roles";

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address, like name@company.com" }));
export const Password = z
  .string()
  .min(10, "Use at least 10 characters for the password")
  .max(200, "Use at most 200 characters for the password");
export const PersonName = z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters");

export const SignUpInput = z.object({
  organization: z.string().trim().min(2, "Enter your organization's name").max(120),
  name: PersonName,
  email: Email,
  password: Password,
});
export type SignUpInput = z.infer<typeof SignUpInput>;

export const SignInInput = z.object({ email: Email, password: z.string().min(1, "Enter your password") });

export const InviteUserInput = z.object({ email: Email, role: z.enum(tenantRoles) });
export type InviteUserInput = z.infer<typeof InviteUserInput>;

export const AcceptInvitationInput = z.object({
  token: z.string().min(20, "This invitation link is incomplete"),
  name: PersonName,
  password: Password,
});
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;

export const ChangeRoleInput = z.object({ userId: z.uuid(), role: z.enum(tenantRoles) });
export const UserIdInput = z.object({ userId: z.uuid() });
export const InvitationIdInput = z.object({ invitationId: z.uuid() });

export const UserListItem = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  status: z.enum(["active", "deactivated"]),
  lastSignInAt: z.date().nullable(),
  createdAt: z.date(),
});
export type UserListItem = z.infer<typeof UserListItem>;

export const InvitationListItem = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(tenantRoles),
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expiresAt: z.date(),
  createdAt: z.date(),
  invitedBy: z.string().nullable(),
});
export type InvitationListItem = z.infer<typeof InvitationListItem>;

export const CreatedInvitation = z.object({
  id: z.string(),
  email: z.string(),
  link: z.string(),
  expiresAt: z.date(),
});
