/**
 * The character limit of a box that takes a list as text (a select field's options one per line,
 * a step's outcomes separated by commas): the longest text whose items the server would all
 * accept. The box counts toward it; each item's own limit is checked and named item by item.
 */
export const listTextLimit = ({
  items,
  itemMax,
  separator,
}: {
  items: number;
  itemMax: number;
  separator: string;
}): number => items * itemMax + (items - 1) * separator.length;

/** What is wrong with a typed list's items in words a person can act on, or undefined when nothing is. */
export function listItemsProblem(
  list: readonly string[],
  { items, itemMax, noun }: { items: number; itemMax: number; noun: string },
): string | undefined {
  if (list.length > items) return `Use at most ${items} ${noun}s (this has ${list.length})`;
  const index = list.findIndex((item) => item.length > itemMax);
  if (index === -1) return undefined;
  const length = list[index]?.length ?? 0;
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${index + 1} can be at most ${itemMax} characters (it has ${length})`;
}
