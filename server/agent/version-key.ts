/**
 * A version as text that sorts the way versions compare, so `version_key < versionKey('6.0')`
 * answers "below 6.0" from an index: each run of digits is zero-padded to 10 places, each run of
 * letters kept (lower-cased), runs joined by '.'. A Debian epoch ("1:") and anything after '+' or
 * '~' (build metadata, pre-release markers) are left out; the text is capped at 200 characters.
 *
 *   5.17.1   -> 0000000005.0000000017.0000000001
 *   6.0      -> 0000000006.0000000000     (so 5.17.1 < 6.0 and 6.0 < 6.0.1)
 */
export function versionKey(version: string | null | undefined): string {
  if (!version) return "";
  const core = version.trim().toLowerCase().replace(/^\d+:/, "").split(/[+~]/)[0];
  const runs = core?.match(/\d+|[a-z]+/g) ?? [];
  return runs
    .map((run) => (/^\d/.test(run) ? run.replace(/^0+(?=\d)/, "").padStart(10, "0") : run))
    .join(".")
    .slice(0, 200);
}

/** Compares two versions as their keys do: negative when `a` is older. */
export const compareVersions = (a: string, b: string): number => {
  const [ka, kb] = [versionKey(a), versionKey(b)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};
