import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { TemplateEditor } from "./template-editor";

export const metadata: Metadata = { title: "Workflow templates" };

export default async function WorkflowTemplatesPage() {
  await requireRole(can.manageTenant);
  prefetch(trpc.workflows.templates.queryOptions());
  prefetch(trpc.workflows.assignees.queryOptions());
  return (
    <>
      <PageHeader
        title="Workflow templates"
        description="The steps each kind of workflow goes through. Saving makes a new version: new workflows use it, running ones keep theirs."
      />
      <HydrateClient>
        <TemplateEditor />
      </HydrateClient>
    </>
  );
}
