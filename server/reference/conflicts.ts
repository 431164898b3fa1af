import { isUniqueViolation } from "../db-errors";
import { AppError } from "../errors";

/**
 * Services check for duplicates first and explain them; a unique index still catches two people
 * creating the same thing at the same moment. That loser gets a CONFLICT, not a 500.
 */
export async function refuseDuplicateOnRace<T>(write: Promise<T>, message: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", message);
    throw error;
  }
}

/**
 * A delete that a row created a moment ago still references (foreign_key_violation, 23503): the
 * check before it counted zero, the database says otherwise.
 */
export async function refuseIfStillReferenced<T>(write: Promise<T>, message: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (typeof error === "object" && error !== null && (error as { code?: string }).code === "23503") {
      throw new AppError("CONFLICT", message);
    }
    throw error;
  }
}
