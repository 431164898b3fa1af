import { APP_ID } from "@/inngest/client";
import { functions } from "@/inngest/functions";

export type AutomationFunction = { id: string; name: string; triggers: string[] };

const triggersOf = (fn: (typeof functions)[number]) =>
  ((fn.opts as { triggers?: Array<{ event?: string; cron?: string }> }).triggers ?? []).map((trigger) =>
    trigger.event ? `event ${trigger.event}` : `cron ${trigger.cron}`,
  );

/**
 * The functions the app serves, by the id runs and events record: the id Inngest knows, which is
 * the app id, a dash and the function's own id. Settings -> Automation lists them and the audit
 * trail names the function that made a change ("by automation (Import assets from CSV)").
 */
export const automationFunctions = (): AutomationFunction[] =>
  functions.map((fn) => {
    const { id, name } = fn.opts as { id: string; name?: string };
    return { id: `${APP_ID}-${id}`, name: name ?? id, triggers: triggersOf(fn) };
  });

/** A function's name from the id a run or an event recorded; null for a function no longer served. */
export function automationFunctionName(functionId: string): string | null {
  return automationFunctions().find((fn) => fn.id === functionId)?.name ?? null;
}
