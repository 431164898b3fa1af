import { parse } from "@marcbachmann/cel-js";

/**
 * Inngest's expressions (trigger `if`, concurrency/throttle/rateLimit/debounce/batch/singleton
 * keys, idempotency, `priority.run`, waitForEvent `if`) are CEL over `event` (and `async` for
 * waits). They are evaluated with a maintained CEL library (@marcbachmann/cel-js) rather than a
 * home-made subset, so `==`, `&&`, `? :`, `+` on strings, `size()`, `.startsWith()` and `has()`
 * behave as the CEL spec (and Inngest, which runs cel-go) says.
 *
 * An expression that fails at evaluation (a missing key, a type mismatch) does not throw into
 * the engine: a condition is then false, a key is "" (the function-wide group) and a number is 0,
 * which is what Inngest does with an expression it cannot evaluate for one event.
 */
export type Expression = { source: string; evaluate: (variables: ExpressionVariables) => unknown };
export type ExpressionVariables = { event: unknown; async?: unknown };

/** Thrown for an expression CEL cannot parse (supported.ts reports it before the engine starts). */
export class ExpressionError extends Error {
  constructor(source: string, reason: string) {
    super(`Cannot read the expression "${source}": ${reason}`);
    this.name = "ExpressionError";
  }
}

/** Parses once; the result is evaluated per event. Throws ExpressionError on a syntax error. */
export function compileExpression(source: string): Expression {
  try {
    const evaluate = parse(source);
    return { source, evaluate: (variables) => evaluate(variables) };
  } catch (error) {
    throw new ExpressionError(
      source,
      error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error),
    );
  }
}

/** The parse error of `source`, or null when it reads. */
export function expressionProblem(source: string): string | null {
  try {
    compileExpression(source);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function attempt(expression: Expression, variables: ExpressionVariables): unknown {
  try {
    return expression.evaluate(variables);
  } catch {
    return undefined;
  }
}

/** True only when the expression evaluates to boolean true. */
export function evaluateCondition(expression: Expression, variables: ExpressionVariables): boolean {
  return attempt(expression, variables) === true;
}

/** A key as a string: strings as they are, numbers and booleans printed, anything else as JSON. */
export function evaluateKey(expression: Expression, variables: ExpressionVariables): string {
  const value = attempt(expression, variables);
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return String(value);
  return JSON.stringify(value, (_, item) => (typeof item === "bigint" ? item.toString() : item));
}

/** A number (CEL int or double); 0 when the expression gives anything else. */
export function evaluateNumber(expression: Expression, variables: ExpressionVariables): number {
  const value = attempt(expression, variables);
  if (typeof value === "bigint") return Number(value);
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}
