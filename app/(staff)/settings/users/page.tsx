import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { UsersPanel } from "./users-panel";

export const metadata: Metadata = { title: "Users and roles" };

export default async function UsersPage() {
  const user = await requireRole(can.readUsers);
  prefetch(trpc.accounts.users.queryOptions());
  prefetch(trpc.accounts.invitations.queryOptions());
  return (
    <>
      <PageHeader
        title="Users and roles"
        description="Invite people, change what they can do, and deactivate accounts."
      />
      <HydrateClient>
        <UsersPanel currentUserId={user.id} canManage={hasRole(user.role, can.manageTenant)} />
      </HydrateClient>
    </>
  );
}
