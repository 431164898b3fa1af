import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import * as roleSets from "@/server/roles";

/**
 * A loading.tsx starts the response streaming (status 200) before the pages below it render, so
 * a 403 or 404 decided there can no longer be sent: the person still sees the refusal, but the
 * status says "OK" (Next.js documents this; e2e/roles.spec.ts asserts the 403s). So a loading
 * boundary may only sit where everything below it refuses nobody the layouts above it let in.
 */
const appDir = import.meta.dirname;
const INTERRUPTS = /\b(notFound|forbidden|unauthorized|redirect)\(/;
const ROLE_CHECK = /\brequire\w*\(([^)]*)\)/g;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "api" ? [] : filesUnder(full);
    return [full];
  });
}

/** The roles a page's or layout's check lets in; "anyone signed in" for requireUser(). */
function rolesOf(argument: string, file: string): readonly string[] {
  const text = argument.trim();
  if (text === "") return roleSets.roles;
  if (text.startsWith("[")) return [...text.matchAll(/"([a-z_]+)"/g)].map((match) => match[1] ?? "");
  const [name, key] = text.split(".");
  const value =
    key === undefined
      ? (roleSets as Record<string, unknown>)[name ?? ""]
      : (roleSets.can as Record<string, unknown>)[key];
  if (!Array.isArray(value)) throw new Error(`${file}: cannot tell which roles ${text} lets in`);
  return value as string[];
}

/** Everyone the files' role checks let in (every check must pass). */
function admitted(...files: string[]): Set<string> {
  const allowed = new Set<string>(roleSets.roles);
  for (const file of files) {
    for (const [, argument] of readFileSync(file, "utf8").matchAll(ROLE_CHECK)) {
      const checked = new Set(rolesOf(argument ?? "", file));
      for (const role of allowed) if (!checked.has(role)) allowed.delete(role);
    }
  }
  return allowed;
}

const files = filesUnder(appDir);
const boundaries = files.filter((file) => path.basename(file) === "loading.tsx").map(path.dirname);

describe("loading boundaries", () => {
  it("exist for the signed-in areas", () => {
    expect(boundaries.length).toBeGreaterThan(0);
  });

  for (const boundary of boundaries) {
    const name = path.relative(appDir, boundary);
    it(`${name}: nothing below it answers 403, 404 or a redirect`, () => {
      const outside = files.filter((file) => {
        const dir = path.dirname(file);
        return (
          path.basename(file) === "layout.tsx" && (boundary === dir || boundary.startsWith(dir + path.sep))
        );
      });
      const inside = files.filter(
        (file) =>
          file.startsWith(boundary + path.sep) &&
          ["page.tsx", "layout.tsx"].includes(path.basename(file)) &&
          !(path.basename(file) === "layout.tsx" && path.dirname(file) === boundary),
      );
      const letIn = admitted(...outside);
      for (const file of inside) {
        const where = path.relative(appDir, file);
        expect(readFileSync(file, "utf8"), where).not.toMatch(INTERRUPTS);
        const refused = [...letIn].filter((role) => !admitted(file).has(role));
        expect(refused, `${where} refuses roles its layouts let in`).toEqual([]);
      }
    });

    it(`${name}: stands in for the page as a busy status a screen reader announces`, async () => {
      const { default: Loading } = (await import(path.join(boundary, "loading.tsx"))) as {
        default: () => ReactElement;
      };
      const html = renderToStaticMarkup(createElement(Loading));
      expect(html).toMatch(/role="status"[^>]*aria-busy="true"|aria-busy="true"[^>]*role="status"/);
      expect(html).toContain("Loading…");
    });
  }
});
