import { z } from "zod";
import { env } from "../env";
import { can } from "../roles";
import { authedProcedure, router, tenantProcedure } from "../trpc";
import { listInvitations, listUsers } from "./queries";
import {
  ChangeRoleInput,
  CreatedInvitation,
  CreatedPasswordReset,
  InvitationIdInput,
  InvitationListItem,
  InviteUserInput,
  UserIdInput,
  UserListItem,
} from "./schemas";
import { changeUserRole } from "./services/change-user-role";
import { createPasswordReset } from "./services/create-password-reset";
import { inviteUser } from "./services/invite-user";
import { revokeInvitation } from "./services/revoke-invitation";
import { deactivateUser, reactivateUser } from "./services/set-user-active";

const Me = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  tenantId: z.string().nullable(),
  tenantName: z.string().nullable(),
});

export const accountsRouter = router({
  me: authedProcedure.output(Me).query(({ ctx }) => ctx.user),
  users: tenantProcedure(can.readUsers)
    .output(z.array(UserListItem))
    .query(({ ctx }) => listUsers(ctx.db, ctx.tenantId)),
  invitations: tenantProcedure(can.readUsers)
    .output(z.array(InvitationListItem))
    .query(({ ctx }) => listInvitations(ctx.db, ctx.tenantId)),
  invite: tenantProcedure(can.manageTenant)
    .input(InviteUserInput)
    .output(CreatedInvitation)
    .mutation(({ ctx, input }) => inviteUser(ctx, input, env.APP_URL)),
  revokeInvitation: tenantProcedure(can.manageTenant)
    .input(InvitationIdInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx, input)),
  changeRole: tenantProcedure(can.manageTenant)
    .input(ChangeRoleInput)
    .mutation(({ ctx, input }) => changeUserRole(ctx, input)),
  deactivate: tenantProcedure(can.manageTenant)
    .input(UserIdInput)
    .mutation(({ ctx, input }) => deactivateUser(ctx, input)),
  reactivate: tenantProcedure(can.manageTenant)
    .input(UserIdInput)
    .mutation(({ ctx, input }) => reactivateUser(ctx, input)),
  /** A single-use reset link for a member, shown to the admin (as invitation links are). */
  createPasswordResetLink: tenantProcedure(can.manageTenant)
    .input(UserIdInput)
    .output(CreatedPasswordReset)
    .mutation(({ ctx, input }) => createPasswordReset(ctx, input, env.APP_URL)),
});
