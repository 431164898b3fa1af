/** "Acme Corp, Inc." -> "acme-corp-inc"; always 2..63 characters of [a-z0-9-]. */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return base.length >= 2 ? base : `org-${base || "tenant"}`;
}
