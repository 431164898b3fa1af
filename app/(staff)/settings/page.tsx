import { redirect } from "next/navigation";
import { requireRole } from "@/server/auth/guards";
import { staffRoles } from "@/server/roles";
import { sectionsFor } from "./sections";

/** /settings opens the first section the role may use. */
export default async function SettingsIndex() {
  const user = await requireRole(staffRoles);
  redirect(sectionsFor(user.role)[0]?.href ?? "/dashboard");
}
