"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link2, Pencil, UserCheck, UserMinus } from "lucide-react";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { useTimeZone } from "@/app/_components/time-zone";
import { Button } from "@/app/_components/ui/button";
import { DateInput } from "@/app/_components/ui/date-input";
import { FormField } from "@/app/_components/ui/form-field";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { formatDay } from "@/app/_lib/format";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { employeeTextLimits } from "@/server/employees/schemas";
import { todayIn } from "@/server/schemas/calendar";
import { type EditableEmployee, EditEmployeeDialog } from "./edit-employee-dialog";

type Action = "edit" | "terminate" | "reactivate" | "link";
type Linkable = EditableEmployee & { user: { id: string; name: string; email: string } | null };

/** After any change: the page, the list and the history show it. */
function useAfterEmployeeChange(onClose: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (message: string) => {
    void queryClient.invalidateQueries(trpc.employees.pathFilter());
    void queryClient.invalidateQueries(trpc.audit.pathFilter());
    notifySuccess("employee-changed", message);
    onClose();
  };
}

/**
 * Edit, terminate (now or on a later day) and reactivate, where the person is; admins also link
 * the person's sign-in account.
 */
export function EmployeeActions({ employee, canLinkUser }: { employee: Linkable; canLinkUser: boolean }) {
  const [open, setOpen] = useState<Action | null>(null);
  const close = () => setOpen(null);
  const scheduled = employee.status !== "terminated" && employee.terminationDate;
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="outline" onClick={() => setOpen("edit")}>
        <Pencil aria-hidden /> Edit
      </Button>
      {employee.status === "terminated" || scheduled ? (
        <Button variant="outline" onClick={() => setOpen("reactivate")}>
          <UserCheck aria-hidden /> {scheduled ? "Cancel termination" : "Reactivate"}
        </Button>
      ) : (
        <Button variant="outline" onClick={() => setOpen("terminate")}>
          <UserMinus aria-hidden /> Terminate
        </Button>
      )}
      {canLinkUser ? (
        <Button variant="outline" onClick={() => setOpen("link")}>
          <Link2 aria-hidden /> {employee.user ? "Change sign-in" : "Link a user"}
        </Button>
      ) : null}
      {open === "link" ? <LinkUserDialog employee={employee} onClose={close} /> : null}
      {open === "edit" ? <EditEmployeeDialog employee={employee} onClose={close} /> : null}
      {open === "terminate" ? <TerminateDialog employee={employee} onClose={close} /> : null}
      {open === "reactivate" ? <ReactivateDialog employee={employee} onClose={close} /> : null}
    </div>
  );
}

function TerminateDialog({ employee, onClose }: { employee: EditableEmployee; onClose: () => void }) {
  const trpc = useTRPC();
  // The viewer's today, not UTC's: in the evening west of UTC, UTC's date is already tomorrow.
  const timeZone = useTimeZone();
  const [date, setDate] = useState(() => todayIn(timeZone));
  const [reason, setReason] = useState("");
  const done = useAfterEmployeeChange(onClose);
  const terminate = useMutation(
    trpc.employees.terminate.mutationOptions({
      onSuccess: (result) =>
        done(
          result.status === "terminated"
            ? `${result.name} terminated`
            : `${result.name} will be terminated on ${formatDay(result.terminationDate)}`,
        ),
    }),
  );
  const errors = mutationMessages(terminate.error, ["terminationDate", "reason"]);
  return (
    <FormDialog
      title={`Terminate ${employee.name}`}
      description="Today or earlier takes effect now and starts offboarding; a later date takes effect on that day."
      submitLabel="Terminate"
      destructive
      pending={terminate.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() =>
        terminate.mutate({
          employeeId: employee.id,
          terminationDate: date,
          reason: reason.trim() || null,
          timeZone,
        })
      }
    >
      <FormField label="Last day" htmlFor="terminate-date" required error={errors.field("terminationDate")}>
        <DateInput id="terminate-date" value={date} onChange={(event) => setDate(event.target.value)} />
      </FormField>
      <FormField label="Reason" htmlFor="terminate-reason" error={errors.field("reason")}>
        <Textarea
          id="terminate-reason"
          rows={2}
          limit={employeeTextLimits.terminationReason}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}

function ReactivateDialog({ employee, onClose }: { employee: EditableEmployee; onClose: () => void }) {
  const trpc = useTRPC();
  const done = useAfterEmployeeChange(onClose);
  const reactivate = useMutation(
    trpc.employees.reactivate.mutationOptions({ onSuccess: (result) => done(`${result.name} is active`) }),
  );
  const scheduled = employee.status !== "terminated";
  return (
    <FormDialog
      title={scheduled ? `Cancel ${employee.name}'s termination` : `Reactivate ${employee.name}`}
      description={
        scheduled
          ? "They stay active; the termination scheduled for their last day is dropped."
          : "They become active again; their termination date and reason are cleared."
      }
      submitLabel={scheduled ? "Cancel termination" : "Reactivate"}
      pending={reactivate.isPending}
      error={mutationMessages(reactivate.error, []).form}
      onClose={onClose}
      onSubmit={() => reactivate.mutate({ employeeId: employee.id })}
    />
  );
}

const NO_USER = "";

function LinkUserDialog({ employee, onClose }: { employee: Linkable; onClose: () => void }) {
  const trpc = useTRPC();
  const [userId, setUserId] = useState(employee.user?.id ?? NO_USER);
  const users = useQuery(trpc.accounts.users.queryOptions());
  const done = useAfterEmployeeChange(onClose);
  const link = useMutation(
    trpc.employees.linkUser.mutationOptions({
      onSuccess: (result) => done(result.userId ? `${result.name} linked` : `${result.name} unlinked`),
    }),
  );
  const errors = mutationMessages(link.error, ["userId"]);
  return (
    <FormDialog
      title={`Sign-in for ${employee.name}`}
      description="The account this person signs in with: the portal then shows them their own equipment."
      submitLabel="Save"
      pending={link.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => link.mutate({ employeeId: employee.id, userId: userId || null })}
    >
      <FormField label="User" htmlFor="link-user" error={errors.field("userId")}>
        <ChoiceSelect
          id="link-user"
          value={userId}
          onChange={setUserId}
          empty="No sign-in (unlinked)"
          choices={(users.data ?? [])
            .filter((user) => user.status === "active")
            .map((user) => ({ value: user.id, label: `${user.name} <${user.email}>` }))}
        />
      </FormField>
    </FormDialog>
  );
}
