import { CronExpressionParser } from "cron-parser";
import type { SdkFunctionConfig } from "./functions";

/**
 * The embedded engine implements what the app's functions use: event and cron triggers, retries,
 * one concurrency limit (keyed by an event path), step.run, step.sendEvent, step.sleep and
 * step.sleepUntil. Anything else is refused here (the function never runs and the engine logs
 * why) and by inngest/engine/supported.test.ts, which fails the build first.
 */
const unsupportedOptions = [
  "idempotency",
  "batchEvents",
  "rateLimit",
  "throttle",
  "singleton",
  "cancel",
  "debounce",
  "timeouts",
  "priority",
] as const;

/** Step results the engine understands; any other op (WaitForEvent, InvokeFunction, ...) fails the run. */
export const supportedOps = new Set([
  "StepRun",
  "StepError",
  "StepFailed",
  "StepPlanned",
  "Sleep",
  "RunComplete",
]);

/**
 * Step tools the engine cannot serve, as they appear in a function's source. Their ops fail a
 * run at run time; the supported test finds them in the source before that.
 */
export const unsupportedStepCalls: ReadonlyArray<[string, RegExp]> = [
  ["step.waitForEvent", /\.waitForEvent\s*\(/],
  ["step.waitForSignal", /\.waitForSignal\s*\(/],
  ["step.sendSignal", /\.sendSignal\s*\(/],
  ["step.invoke", /\bstep\.invoke\s*\(/],
  ["step.ai.infer", /\.ai\.infer\s*\(/],
  ["step.fetch", /\bstep\.fetch\s*\(/],
  ["step.realtime.publish", /\.realtime\.publish\s*\(/],
  ["step.metadata", /\bstep\.metadata\s*\(/],
  ["step.score", /\bstep\.score\s*\(/],
  ["step.sandbox", /\bstep\.sandbox\b/],
  ["group.experiment", /\bgroup\.experiment\s*\(/],
  ["defer", /\bdefer\s*\(/],
];

const keyExpression = /^event(\.[A-Za-z_$][\w$]*)+$|^"[^"]*"$|^'[^']*'$/;

/** Parses a cron trigger, with Inngest's optional `TZ=<zone> ` prefix. */
export function parseCron(cron: string, currentDate: Date) {
  const zoned = /^(?:CRON_)?TZ=(\S+)\s+(.+)$/.exec(cron.trim());
  return CronExpressionParser.parse(zoned?.[2] ?? cron, { currentDate, tz: zoned?.[1] ?? "UTC" });
}

export function unsupportedFeatures(config: SdkFunctionConfig): string[] {
  const problems: string[] = [];
  for (const option of unsupportedOptions) {
    if (config[option] !== undefined) problems.push(`option "${option}"`);
  }
  if (config.triggers.length === 0) problems.push("no event or cron trigger (invoke-only functions)");
  for (const trigger of config.triggers) {
    if ("event" in trigger) {
      if (trigger.expression) problems.push(`trigger expression "${trigger.expression}"`);
      if (trigger.event.includes("*")) problems.push(`wildcard trigger "${trigger.event}"`);
      if (trigger.event.startsWith("inngest/"))
        problems.push(`internal event trigger "${trigger.event}" (onFailure, defer)`);
    } else {
      if (trigger.jitter) problems.push(`cron jitter "${trigger.jitter}"`);
      try {
        parseCron(trigger.cron, new Date());
      } catch {
        problems.push(`cron "${trigger.cron}" that cron-parser cannot read`);
      }
    }
  }
  const steps = Object.values(config.steps);
  if (steps.length !== 1 || steps[0]?.runtime.type !== "http")
    problems.push("a runtime other than one HTTP step");
  const concurrency = config.concurrency;
  const options = Array.isArray(concurrency) ? concurrency : concurrency === undefined ? [] : [concurrency];
  if (options.length > 1) problems.push("more than one concurrency limit");
  for (const option of options) {
    if (typeof option === "number") continue;
    if (option.scope && option.scope !== "fn") problems.push(`concurrency scope "${option.scope}"`);
    if (option.key && !keyExpression.test(option.key.trim())) {
      problems.push(`concurrency key "${option.key}" (only event paths and quoted strings)`);
    }
  }
  return problems;
}
