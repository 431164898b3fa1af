import { z } from "zod";
import { roles, tenantRoles } from "../roles";
import { email, NAME_MAX, name, safeString } from "../schemas/primitives";

export const Email = email();
/** The longest password taken, new or typed to sign in (the password boxes count toward it). */
export const PASSWORD_MAX = 200;
const passwordTooLong = `Use at most ${PASSWORD_MAX} characters for the password`;

export const Password = z
  .string()
  .min(10, "Use at least 10 characters for the password")
  .max(PASSWORD_MAX, passwordTooLong);
export const PersonName = name({ max: NAME_MAX, minMessage: "Enter a name" });

export const SignUpInput = z.object({
  organization: name({ min: 2, max: NAME_MAX, minMessage: "Enter your organization's name" }),
  name: PersonName,
  email: Email,
  password: Password,
});
export type SignUpInput = z.infer<typeof SignUpInput>;

export const SignInInput = z.object({
  email: Email,
  password: z.string().min(1, "Enter your password").max(PASSWORD_MAX, passwordTooLong),
});

export const RequestPasswordResetInput = z.object({ email: Email });

export const InviteUserInput = z.object({ email: Email, role: z.enum(tenantRoles) });
export type InviteUserInput = z.infer<typeof InviteUserInput>;

export const AcceptInvitationInput = z.object({
  token: safeString()
    .min(20, "This invitation link is incomplete")
    .max(200, "This invitation link is damaged"),
  name: PersonName,
  password: Password,
});
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInput>;

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(PASSWORD_MAX, passwordTooLong),
  newPassword: Password,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const ResetPasswordInput = z.object({
  token: safeString().min(20, "This reset link is incomplete").max(200, "This reset link is damaged"),
  password: Password,
});
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;

export const CreatedPasswordReset = z.object({ email: z.string(), link: z.string(), expiresAt: z.date() });

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
  /** When they asked for a reset link from the sign-in page, while no link answered it yet. */
  resetRequestedAt: z.date().nullable(),
  /** The employee record the account is linked to: what the portal shows them. */
  employee: z.object({ id: z.string(), name: z.string() }).nullable(),
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
