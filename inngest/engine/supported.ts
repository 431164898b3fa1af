import { CronExpressionParser } from "cron-parser";
import { parseDuration } from "./durations";
import { expressionProblem } from "./expressions";
import type { SdkFunctionConfig } from "./functions";

/**
 * The embedded engine implements what the app's functions use: event triggers (with `if`
 * conditions and `prefix.*` wildcards) and cron triggers, retries, flow control (up to two
 * concurrency limits with keys and scopes, throttle, rateLimit, idempotency, debounce,
 * batchEvents, singleton, priority.run, timeouts.start), cancelOn, timeouts.finish, onFailure
 * (and functions triggered by `inngest/function.failed`), invoke-only functions, step.run
 * (parallel too), step.sendEvent, step.sleep, step.sleepUntil, step.waitForEvent and step.invoke.
 * Anything else is refused here: the engine will not start (functions.ts loadFunctions), and
 * inngest/engine/supported.test.ts fails the build first.
 */

/** Step results the engine understands; any other op (WaitForSignal, AiGateway, ...) fails the run. */
export const supportedOps = new Set([
  "StepRun",
  "StepError",
  "StepFailed",
  "StepPlanned",
  "Sleep",
  "WaitForEvent",
  "InvokeFunction",
  "RunComplete",
]);

/**
 * Step tools the engine cannot serve, as they appear in a function's source. Their ops fail a
 * run at run time; the supported test finds them in the source before that.
 */
export const unsupportedStepCalls: ReadonlyArray<[string, RegExp]> = [
  ["step.waitForSignal", /\.waitForSignal\s*\(/],
  ["step.sendSignal", /\.sendSignal\s*\(/],
  ["step.ai.infer", /\.ai\.infer\s*\(/],
  ["step.fetch", /\bstep\.fetch\s*\(/],
  ["step.realtime.publish", /\.realtime\.publish\s*\(/],
  ["step.metadata", /\bstep\.metadata\s*\(/],
  ["step.score", /\bstep\.score\s*\(/],
  ["step.sandbox", /\bstep\.sandbox\b/],
  ["group.experiment", /\bgroup\.experiment\s*\(/],
  ["defer", /\bdefer\s*\(/],
];

/** Parses a cron trigger, with Inngest's optional `TZ=<zone> ` prefix. */
export function parseCron(cron: string, currentDate: Date) {
  const zoned = /^(?:CRON_)?TZ=(\S+)\s+(.+)$/.exec(cron.trim());
  return CronExpressionParser.parse(zoned?.[2] ?? cron, { currentDate, tz: zoned?.[1] ?? "UTC" });
}

/** Inngest's documented maximum of concurrency limits per function. */
const MAX_CONCURRENCY_LIMITS = 2;

type Problems = string[];

function checkExpression(problems: Problems, what: string, source: string | undefined): void {
  if (source === undefined || source.trim() === "") return;
  const problem = expressionProblem(source.trim());
  if (problem) problems.push(`${what}: ${problem}`);
}

function checkPeriod(problems: Problems, what: string, period: string | undefined, required = true): void {
  if (period === undefined && !required) return;
  const ms = parseDuration(period ?? "");
  if (ms === null || ms <= 0)
    problems.push(`${what} "${period ?? ""}" (a period such as "30s", "5m" or "1h30m")`);
}

function checkLimit(problems: Problems, what: string, limit: number): void {
  if (!Number.isInteger(limit) || limit < 1)
    problems.push(`${what} limit ${limit} (a whole number of at least 1)`);
}

function checkConcurrency(problems: Problems, config: SdkFunctionConfig): void {
  const concurrency = config.concurrency;
  const options = Array.isArray(concurrency) ? concurrency : concurrency === undefined ? [] : [concurrency];
  if (options.length > MAX_CONCURRENCY_LIMITS) {
    problems.push(`${options.length} concurrency limits (Inngest allows ${MAX_CONCURRENCY_LIMITS})`);
  }
  for (const option of options) {
    if (typeof option === "number") continue;
    const scope = option.scope ?? "fn";
    if (!["fn", "env", "account"].includes(scope)) problems.push(`concurrency scope "${scope}"`);
    if (scope !== "fn" && !option.key) problems.push(`concurrency scope "${scope}" without a key`);
    checkExpression(problems, "concurrency key", option.key);
  }
}

/** Flow-control options that decide whether and when a run starts. */
function checkFlowControl(problems: Problems, config: SdkFunctionConfig): void {
  const { throttle, rateLimit, debounce, batchEvents, singleton, timeouts } = config;
  if (throttle) {
    checkLimit(problems, "throttle", throttle.limit);
    checkPeriod(problems, "throttle period", throttle.period);
    if (throttle.burst !== undefined && !(Number.isInteger(throttle.burst) && throttle.burst >= 0))
      problems.push(`throttle burst ${throttle.burst}`);
    checkExpression(problems, "throttle key", throttle.key);
  }
  if (rateLimit) {
    checkLimit(problems, "rateLimit", rateLimit.limit);
    checkPeriod(problems, "rateLimit period", rateLimit.period);
    checkExpression(problems, "rateLimit key", rateLimit.key);
  }
  checkExpression(problems, "idempotency key", config.idempotency);
  if (debounce) {
    checkPeriod(problems, "debounce period", debounce.period);
    checkPeriod(problems, "debounce timeout", debounce.timeout, false);
    checkExpression(problems, "debounce key", debounce.key);
  }
  if (batchEvents) {
    checkLimit(problems, "batchEvents maxSize", batchEvents.maxSize);
    checkPeriod(problems, "batchEvents timeout", batchEvents.timeout);
    checkExpression(problems, "batchEvents key", batchEvents.key);
    if (batchEvents.if) problems.push(`batchEvents if "${batchEvents.if}"`);
    for (const other of ["debounce", "rateLimit", "idempotency", "singleton", "priority"] as const) {
      if (config[other] !== undefined) problems.push(`batchEvents together with ${other}`);
    }
  }
  if (singleton) {
    if (singleton.mode !== "skip" && singleton.mode !== "cancel")
      problems.push(`singleton mode "${singleton.mode}"`);
    checkExpression(problems, "singleton key", singleton.key);
  }
  checkExpression(problems, "priority.run", config.priority?.run);
  checkPeriod(problems, "timeouts.finish", timeouts?.finish, false);
  checkPeriod(problems, "timeouts.start", timeouts?.start, false);
}

/** cancelOn, as the SDK registers it (`cancel`, its `match` already turned into an `if`). */
function checkCancel(problems: Problems, config: SdkFunctionConfig): void {
  const rules = (config.cancel ?? []) as Array<{ event: string; if?: string; timeout?: string }>;
  for (const rule of rules) {
    checkExpression(problems, `cancelOn "${rule.event}" if`, rule.if);
    checkPeriod(problems, `cancelOn "${rule.event}" timeout`, rule.timeout, false);
  }
}

/** The one internal event a function may be triggered by: onFailure handlers are. */
const FUNCTION_FAILED = "inngest/function.failed";

/** A function without triggers runs only when another invokes it (step.invoke), which the engine does. */
function checkTriggers(problems: Problems, config: SdkFunctionConfig): void {
  for (const trigger of config.triggers) {
    if ("event" in trigger) {
      checkExpression(problems, `trigger "${trigger.event}" if`, trigger.expression);
      if (trigger.event.slice(0, -1).includes("*"))
        problems.push(`wildcard trigger "${trigger.event}" (only a trailing "*", as in "asset.*")`);
      if (trigger.event.startsWith("inngest/") && trigger.event !== FUNCTION_FAILED)
        problems.push(`internal event trigger "${trigger.event}" (defer)`);
    } else {
      if (trigger.jitter) problems.push(`cron jitter "${trigger.jitter}"`);
      try {
        parseCron(trigger.cron, new Date());
      } catch {
        problems.push(`cron "${trigger.cron}" that cron-parser cannot read`);
      }
    }
  }
}

/** Everything in a function's registration config the engine cannot run, as readable phrases. */
export function unsupportedFeatures(config: SdkFunctionConfig): string[] {
  const problems: Problems = [];
  checkTriggers(problems, config);
  checkCancel(problems, config);
  const steps = Object.values(config.steps);
  if (steps.length !== 1 || steps[0]?.runtime.type !== "http")
    problems.push("a runtime other than one HTTP step");
  checkConcurrency(problems, config);
  checkFlowControl(problems, config);
  return problems;
}
