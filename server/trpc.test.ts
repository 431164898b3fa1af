import { TRPCError } from "@trpc/server";
import { expect, it } from "vitest";
import { AppError, type ErrorCode, errorCodes } from "./errors";
import { toTrpcError } from "./trpc";

it.each(Object.keys(errorCodes) as ErrorCode[])("maps AppError %s to the HTTP status it declares", (code) => {
  const mapped = toTrpcError(new AppError(code, "message for the user"));
  const statuses: Record<string, number> = {
    BAD_REQUEST: 400,
    UNAUTHORIZED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    CONFLICT: 409,
    PRECONDITION_FAILED: 412,
    UNPROCESSABLE_CONTENT: 422,
    TOO_MANY_REQUESTS: 429,
    INTERNAL_SERVER_ERROR: 500,
  };
  expect(statuses[mapped.code]).toBe(errorCodes[code]);
  expect(mapped.message).toBe("message for the user");
});

it("unwraps an AppError that tRPC wrapped, and hides anything else behind INTERNAL_SERVER_ERROR", () => {
  const wrapped = new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new AppError("NOT_FOUND", "gone") });
  expect(toTrpcError(wrapped).code).toBe("NOT_FOUND");
  expect(toTrpcError(new Error("db password is x")).code).toBe("INTERNAL_SERVER_ERROR");
  expect(toTrpcError(new Error("db password is x")).message).toBe("Internal error");
});
