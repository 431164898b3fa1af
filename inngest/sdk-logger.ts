import type { Logger } from "inngest";
import { logger } from "@/server/logger";

/**
 * The SDK logs pino-style (`error({ err }, "message")`) or with plain strings; this forwards both
 * to the project's structured logger so nothing goes to the console.
 */
function forward(level: keyof typeof logger) {
  return (...args: unknown[]) => {
    const message = args.find((arg): arg is string => typeof arg === "string") ?? "event";
    const rest = args.filter((arg) => typeof arg !== "string");
    const [first] = rest;
    const fields =
      rest.length === 1 && first !== null && typeof first === "object" && !Array.isArray(first)
        ? (first as Record<string, unknown>)
        : rest.length > 0
          ? { details: rest }
          : undefined;
    logger[level](`inngest: ${message}`, fields);
  };
}

export const sdkLogger: Logger = {
  debug: forward("debug"),
  info: forward("info"),
  warn: forward("warn"),
  error: forward("error"),
};
