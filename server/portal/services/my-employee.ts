import type { Executor } from "../../db";
import { AppError } from "../../errors";
import { linkedEmployee } from "../queries";

/**
 * The employee record of the signed-in user, for portal actions: not found, saying what to do, when
 * the account is linked to none (the portal page explains the same before any action is offered).
 */
export async function myEmployee(db: Executor, tenantId: string, userId: string) {
  const me = await linkedEmployee(db, tenantId, userId);
  if (!me)
    throw new AppError(
      "NOT_FOUND",
      "Your account is not linked to an employee record yet. Ask your IT team to link it.",
    );
  return me;
}
