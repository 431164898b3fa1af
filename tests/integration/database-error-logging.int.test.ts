import { formatWithOptions } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, openMemoryDatabase } from "@/db";
import { logger } from "@/server/logger";

/**
 * A failing query's parameters never reach stdout or stderr: not through the logger, and not when
 * something else prints the error object (Next.js logs an uncaught server action or page error
 * with console.error, which shows every field of the error). PGlite, the embedded database, puts
 * the SQL and every bound value on its errors, so it is the one tested here.
 */
const SECRET = "hunter2-secret-parameter";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openMemoryDatabase();
});
afterAll(() => handle.close());

async function failingQuery(): Promise<unknown> {
  try {
    await sql`select ${SECRET}::text as secret, 1 / 0 as boom`.execute(handle.db);
  } catch (error) {
    return error;
  }
  throw new Error("the query was expected to fail");
}

/** Everything written to stdout and stderr while `fn` runs. */
async function captureOutput(fn: () => unknown | Promise<unknown>): Promise<string> {
  const written: string[] = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation(capture);
  const previousLevel = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = "debug";
  try {
    await fn();
  } finally {
    process.env.LOG_LEVEL = previousLevel;
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return written.join("");
}

describe("database errors", () => {
  it("keep the message a person needs", async () => {
    const error = await failingQuery();
    expect((error as Error).message).toBe("division by zero");
    expect((error as { code?: string }).code).toBe("22012");
  });

  it("carry neither the SQL nor its parameters when printed as Next.js prints them", async () => {
    const error = await failingQuery();
    // what console.error writes for an error object
    const printed = formatWithOptions({ depth: 10 }, error);
    expect(printed).toContain("division by zero");
    expect(printed).not.toContain(SECRET);
  });

  it("reach the log through the redacting logger, without their parameters", async () => {
    const output = await captureOutput(async () => {
      const error = await failingQuery();
      logger.error("procedure failed", { error });
    });
    expect(output).toContain("division by zero");
    expect(output).toContain("query failed");
    expect(output).not.toContain(SECRET);
  });
});
