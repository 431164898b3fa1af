import type { Executor } from "../db";
import { AppError } from "../errors";
import { managerChain } from "./queries";

/**
 * Refuses a manager that would make the reporting lines loop, naming the chain so the person can
 * see which link to change ("Ana Ruiz cannot report to Li Wei: Li Wei reports to Sam Ode, who
 * reports to Ana Ruiz"), and a manager who has left.
 */
export async function assertManagerAllowed(
  db: Executor,
  tenantId: string,
  employee: { id: string; name: string },
  managerId: string,
): Promise<void> {
  if (managerId === employee.id)
    throw new AppError("CONFLICT", `${employee.name} cannot be their own manager.`);
  const chain = await managerChain(db, tenantId, managerId, employee.id);
  const manager = chain[0];
  if (!manager) throw new AppError("NOT_FOUND", "The chosen manager does not exist in this organization.");
  if (manager.status === "terminated")
    throw new AppError(
      "CONFLICT",
      `${manager.name} has been terminated; choose a current employee as manager.`,
    );
  const loopsAt = chain.findIndex((link) => link.id === employee.id);
  if (loopsAt === -1) return;
  const links = chain.slice(0, loopsAt + 1).map((link) => link.name);
  const path = links
    .slice(1)
    .map((name, index) => `${index === 0 ? `${links[0]} reports to` : ", who reports to"} ${name}`)
    .join("");
  throw new AppError(
    "CONFLICT",
    `${employee.name} cannot report to ${manager.name}: ${path}. Change one of these managers first.`,
  );
}
