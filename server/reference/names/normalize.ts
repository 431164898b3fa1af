const abbreviations: Record<string, string> = {
  dept: "department",
  depts: "departments",
  dep: "department",
  mgmt: "management",
  ops: "operations",
  eng: "engineering",
  hr: "human resources",
  it: "information technology",
  corp: "corporation",
  inc: "incorporated",
  co: "company",
  intl: "international",
  svc: "services",
  svcs: "services",
  admin: "administration",
  mktg: "marketing",
  acct: "accounting",
  acctg: "accounting",
  fin: "finance",
  mfg: "manufacturing",
  dev: "development",
  rnd: "research and development",
  info: "information",
  tech: "technology",
  sys: "systems",
  grp: "group",
  ltd: "limited",
  natl: "national",
  assoc: "associates",
  bros: "brothers",
  qa: "quality assurance",
};

/** Initialisms written with "&" ("R&D"), matched after the word-by-word expansion. */
const phrases: Array<[RegExp, string]> = [
  [/\br and d\b/g, "research and development"],
  [/\bq and a\b/g, "quality assurance"],
];

/**
 * The matching key for organization and department names: case, spacing, punctuation and common
 * abbreviations do not make two names different ("IT dept" and "IT Department" collide).
 */
export function normalizeName(name: string): string {
  const expanded = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(/\s+/)
    .map((word) => abbreviations[word] ?? word)
    .join(" ");
  return phrases.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), expanded);
}
