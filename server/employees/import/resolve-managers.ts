import type { EmployeeImportLookups, EmployeeRowProblem } from "./validate-rows";

/** One line of the file as the manager check sees it, whether or not the line passed. */
export type FileEntry = {
  line: number;
  /** lower case */
  email: string | null;
  /** lower case */
  number: string | null;
  name: string;
  /** The manager cell as written. */
  manager: string | null;
  valid: boolean;
  existingId: string | null;
};

export type ManagerCheck = {
  problems: EmployeeRowProblem[];
  /** Every line, managers before the people who report to them (then in file order). */
  order: number[];
};

type Target = { node: string; name: string; entry: FileEntry | null };

/**
 * Checks each row's manager once every row is known, so a manager may come later in the file than
 * their reports: a work email or employee number of a line of the file (which must itself pass) or
 * of someone in the tenant. A manager that would make the reporting lines loop, through the file
 * or through people already there, is refused on each row of the loop, naming the chain so the
 * person can see which link to change. Answers the order to write the rows in: managers first,
 * so a new manager exists before their reports are linked to them.
 */
export function resolveManagers(
  entries: readonly FileEntry[],
  lookups: Pick<EmployeeImportLookups, "byEmail" | "byNumber" | "byId">,
  managerColumn: string,
): ManagerCheck {
  const inFile = new Map<string, FileEntry>();
  for (const entry of entries) {
    for (const key of [entry.email, entry.number]) if (key && !inFile.has(key)) inFile.set(key, entry);
  }
  const nodeOf = (entry: FileEntry) => entry.existingId ?? `line:${entry.line}`;
  const entryAt = new Map(entries.map((entry) => [nodeOf(entry), entry]));
  const problems: EmployeeRowProblem[] = [];
  const refuse = (entry: FileEntry, code: EmployeeRowProblem["code"], message: string) =>
    problems.push({ line: entry.line, column: managerColumn, value: entry.manager, code, message });

  const targets = new Map<FileEntry, Target>();
  for (const entry of entries) {
    if (!entry.manager || !entry.valid) continue;
    const key = entry.manager.toLowerCase();
    const fileEntry = inFile.get(key);
    const known = fileEntry?.existingId
      ? lookups.byId.get(fileEntry.existingId)
      : fileEntry
        ? undefined
        : (lookups.byEmail.get(key) ?? lookups.byNumber.get(key));
    if (fileEntry === entry) {
      refuse(entry, "manager_cycle", `${entry.name} cannot be their own manager.`);
    } else if (fileEntry && !fileEntry.valid) {
      refuse(
        entry,
        "unknown_manager",
        `Manager ${entry.manager} is on line ${fileEntry.line}, which has problems; fix that line first.`,
      );
    } else if (!fileEntry && !known) {
      refuse(
        entry,
        "unknown_manager",
        `Manager ${entry.manager} is not in the file or the tenant; use their work email or employee number.`,
      );
    } else if (known?.status === "terminated") {
      refuse(
        entry,
        "unknown_manager",
        `${known.name} has been terminated; choose a current employee as manager.`,
      );
    } else {
      targets.set(entry, {
        node: fileEntry ? nodeOf(fileEntry) : (known as { id: string }).id,
        name: fileEntry?.name ?? known?.name ?? entry.manager,
        entry: fileEntry ?? null,
      });
    }
  }

  // Who each person reports to once the file is written: the file's manager, else the current one.
  const managerOf = (node: string): string | null => {
    const entry = entryAt.get(node);
    const target = entry ? targets.get(entry) : undefined;
    if (target) return target.node;
    return lookups.byId.get(node)?.managerId ?? null;
  };
  const nameOf = (node: string) => entryAt.get(node)?.name ?? lookups.byId.get(node)?.name ?? node;
  for (const [entry, target] of targets) {
    const self = nodeOf(entry);
    const chain = [target.node];
    const seen = new Set(chain);
    let next = managerOf(target.node);
    while (next !== null && next !== self && !seen.has(next)) {
      chain.push(next);
      seen.add(next);
      next = managerOf(next);
    }
    if (next !== self) continue;
    const path = chain
      .slice(1)
      .map((node) => nameOf(node))
      .concat(entry.name)
      .map((name, index) => `${index === 0 ? `${target.name} reports to` : ", who reports to"} ${name}`)
      .join("");
    refuse(
      entry,
      "manager_cycle",
      `${entry.name} cannot report to ${target.name}: ${path}. Change one of these managers.`,
    );
  }

  const depth = new Map<FileEntry, number>();
  const depthOf = (entry: FileEntry, guard: Set<FileEntry>): number => {
    const known = depth.get(entry);
    if (known !== undefined) return known;
    const manager = targets.get(entry)?.entry;
    const value = manager && !guard.has(manager) ? depthOf(manager, guard.add(entry)) + 1 : 0;
    depth.set(entry, value);
    return value;
  };
  const order = [...entries]
    .map((entry) => ({ line: entry.line, depth: depthOf(entry, new Set()) }))
    .sort((a, b) => a.depth - b.depth || a.line - b.line)
    .map((entry) => entry.line);
  return { problems, order };
}
