import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";

/**
 * Which step tools a function really uses, read from the syntax of its source and of every module
 * it imports (a helper in server/ that takes `step` counts), not from a text search: a tool called
 * as `step.x(...)`, `ctx.step.x(...)`, `step["x"](...)`, through an alias (`const tools = step`,
 * `{ step: tools }`) or destructured (`const { x } = step`, `({ step: { x } })`) is found.
 * A tool reached through a parameter with another name and no alias in sight is not: the engine
 * still fails such a run at its first unsupported op.
 */

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** The module a relative or `@/` import names, if it is one of ours. */
function resolveImport(fromFile: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(repoRoot, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(fromFile), specifier)
      : null;
  if (!base) return null;
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ];
  return candidates.find((file) => /\.tsx?$/.test(file) && existsSync(file)) ?? null;
}

/** Every source file reachable from `entries` through our own imports (static and dynamic). */
export async function importClosure(entries: readonly string[]): Promise<Map<string, ts.SourceFile>> {
  const files = new Map<string, ts.SourceFile>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    const source = ts.createSourceFile(file, await readFile(file, "utf8"), ts.ScriptTarget.Latest, true);
    files.set(file, source);
    const visit = (node: ts.Node): void => {
      const specifier =
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
          ? node.moduleSpecifier.text
          : ts.isCallExpression(node) &&
              node.expression.kind === ts.SyntaxKind.ImportKeyword &&
              node.arguments[0] &&
              ts.isStringLiteral(node.arguments[0])
            ? node.arguments[0].text
            : null;
      const resolved = specifier ? resolveImport(file, specifier) : null;
      if (resolved && !files.has(resolved)) pending.push(resolved);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return files;
}

/** `a.b["c"].d` as ["a", "b", "c", "d"]; null for anything else (calls, `this`, computed keys). */
function accessPath(node: ts.Expression): string[] | null {
  if (ts.isIdentifier(node)) return [node.text];
  if (ts.isPropertyAccessExpression(node)) {
    const head = accessPath(node.expression);
    return head ? [...head, node.name.text] : null;
  }
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    const head = accessPath(node.expression);
    return head ? [...head, node.argumentExpression.text] : null;
  }
  if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node))
    return accessPath(node.expression);
  return null;
}

/** Names bound to the step tools in this file: `step`, and aliases of it. */
function stepAliases(source: ts.SourceFile): Set<string> {
  const aliases = new Set(["step"]);
  const isStep = (expression: ts.Expression | undefined) => {
    const parts = expression ? accessPath(expression) : null;
    return parts !== null && aliases.has(parts.at(-1) ?? "");
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && isStep(node.initializer))
      aliases.add(node.name.text);
    // `{ step: tools }` in a parameter or a declaration
    if (
      ts.isBindingElement(node) &&
      node.propertyName &&
      ts.isIdentifier(node.propertyName) &&
      node.propertyName.text === "step" &&
      ts.isIdentifier(node.name)
    )
      aliases.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return aliases;
}

/** The first property names destructured from the step tools (`const { x } = step`, `{ step: { x } }`). */
function destructuredTools(source: ts.SourceFile, aliases: Set<string>): Set<string> {
  const names = new Set<string>();
  const collect = (pattern: ts.ObjectBindingPattern) => {
    for (const element of pattern.elements) {
      const key = element.propertyName ?? element.name;
      if (ts.isIdentifier(key) || ts.isStringLiteral(key)) names.add(key.text);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer) {
      const parts = accessPath(node.initializer);
      if (parts && aliases.has(parts.at(-1) ?? "")) collect(node.name);
    }
    if (
      ts.isBindingElement(node) &&
      ts.isObjectBindingPattern(node.name) &&
      node.propertyName &&
      ts.isIdentifier(node.propertyName) &&
      node.propertyName.text === "step"
    )
      collect(node.name);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/**
 * The step tools among `tools` (dotted paths below `step`, such as "fetch" or "ai.infer") that
 * this source uses.
 */
export function stepToolsUsed(source: ts.SourceFile, tools: readonly string[]): string[] {
  const aliases = stepAliases(source);
  const destructured = destructuredTools(source, aliases);
  const accessed: string[][] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const parts = accessPath(node);
      if (parts) accessed.push(parts);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return tools.filter((tool) => {
    const segments = tool.split(".");
    if (destructured.has(segments[0] ?? "")) return true;
    return accessed.some((parts) =>
      parts.some(
        (part, index) =>
          aliases.has(part) && segments.every((segment, offset) => parts[index + 1 + offset] === segment),
      ),
    );
  });
}
