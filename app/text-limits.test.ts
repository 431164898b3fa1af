import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every box a person types text into states its limit where they type (`limit`: a counter near
 * it, an error past it; see app/_components/ui/character-count.tsx), with the server schema's
 * own maximum imported rather than repeated. `maxLength` is refused: the browser silently drops
 * what is typed or pasted past it, so a 300-character name arrives cut at 120 with no word why.
 *
 * Not text, so not counted: number, date and time inputs, text boxes that take a number
 * (inputMode numeric or decimal: their range is checked and named instead) and read-only boxes
 * that show a value to copy. Search boxes are counted too: each search has a cap on the server.
 */
const appDir = import.meta.dirname;
const uiDir = path.join(appDir, "_components", "ui");

const TEXT_TYPES = new Set(["text", "email", "password", "search", "tel", "url"]);

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === uiDir ? [] : sourcesUnder(full);
    return entry.name.endsWith(".tsx") ? [full] : [];
  });
}

/** The opening tag that starts at `start`: up to the first `>` outside braces and strings. */
function openingTag(source: string, start: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let index = start; index < source.length; index++) {
    const char = source[index];
    if (quote) {
      if (char === "\\") index++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "`" || (char === "'" && depth > 0)) {
      quote = char;
    } else if (char === "{") depth++;
    else if (char === "}") depth--;
    else if (char === ">" && depth === 0) return source.slice(start, index + 1);
  }
  return source.slice(start);
}

/** An attribute's value: a string literal's text, or a `{expression}`'s source (marked as such). */
function attribute(tag: string, name: string): { value: string; expression: boolean } | undefined {
  const match = new RegExp(`\\s${name}=(?:"([^"]*)"|\\{([^}]*)\\})`).exec(tag);
  if (!match) return undefined;
  return match[1] !== undefined
    ? { value: match[1], expression: false }
    : { value: match[2] ?? "", expression: true };
}

/** A type chosen at run time ({field.secret ? "password" : "text"}) may well be text. */
function mayBeText(tag: string): boolean {
  const type = attribute(tag, "type");
  return type === undefined || type.expression || TEXT_TYPES.has(type.value);
}

/** What is wrong with one control's opening tag, or null when it states its limit or takes no text. */
function limitProblem(tag: string): string | null {
  if (/\smaxLength=/.test(tag)) return "uses maxLength, which cuts silently: use limit";
  if (!mayBeText(tag) || /\sreadOnly[\s/>=]/.test(tag)) return null;
  if (["numeric", "decimal"].includes(attribute(tag, "inputMode")?.value ?? "")) return null;
  const element = /^<(\w+)/.exec(tag)?.[1];
  if (element === "input") return "a bare <input> takes text with no counter: use Input with limit";
  if (element === "textarea") return "a bare <textarea> takes text with no counter: use Textarea with limit";
  return attribute(tag, "limit") ? null : "has no limit";
}

/** Every Input, Textarea and bare text element in a file, with its line. */
function textControls(source: string): { line: number; tag: string }[] {
  return [...source.matchAll(/<(Input|Textarea|input|textarea)\b/g)].map((match) => ({
    line: source.slice(0, match.index).split("\n").length,
    tag: openingTag(source, match.index ?? 0),
  }));
}

const controls = sourcesUnder(appDir).flatMap((file) =>
  textControls(readFileSync(file, "utf8")).map((control) => ({
    ...control,
    where: `${path.relative(appDir, file)}:${control.line}`,
  })),
);

describe("text limits", () => {
  it("finds the app's text boxes", () => {
    expect(controls.length).toBeGreaterThan(60);
  });

  it("every text box states its limit where the person types, and none cuts with maxLength", () => {
    const problems = controls.flatMap(({ where, tag }) => {
      const problem = limitProblem(tag);
      return problem ? [`${where} ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("tells a counted box from an uncounted one", () => {
    expect(
      limitProblem('<Input id="name" limit={NAME_MAX} onChange={(e) => set(e.target.value)} />'),
    ).toBeNull();
    expect(limitProblem('<Input id="name" value={name} onChange={(e) => set(e.target.value)} />')).toBe(
      "has no limit",
    );
    expect(limitProblem('<Textarea id="notes" rows={3} value={notes} />')).toBe("has no limit");
    expect(limitProblem('<Input id="name" maxLength={120} limit={120} />')).toMatch(/maxLength/);
    expect(limitProblem('<Input id="secret" type={secret ? "password" : "text"} />')).toBe("has no limit");
    expect(limitProblem('<textarea id="raw" value={text} />')).toMatch(/bare <textarea>/);
  });

  it("leaves numbers, times, read-only and hidden values alone", () => {
    expect(limitProblem('<Input id="days" type="number" min={1} />')).toBeNull();
    expect(limitProblem('<Input id="start" type="time" value={start} />')).toBeNull();
    expect(limitProblem('<Input id="cost" inputMode="decimal" value={cost} />')).toBeNull();
    expect(limitProblem("<Input readOnly value={link} />")).toBeNull();
    expect(limitProblem('<input type="hidden" name="token" value={token} />')).toBeNull();
    expect(limitProblem('<input type="file" accept=".csv" />')).toBeNull();
    expect(limitProblem('<input type="email" name="username" value={email} readOnly hidden />')).toBeNull();
  });
});
